// The dashboard's figures against hand-computed expectations on the small fixed data set of fixture.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catchUp } from '../../src/modules/analytics/analytics.facts.ts';
import { addDays, dayStartInstant, orgDayOf } from '../../src/modules/analytics/periods.ts';
import { recordRejection } from '../../src/modules/submissions/submissions.service.ts';
import { makeAppealInput, makeSubmissionInput } from '../support/factories.ts';
import type { TestEnv } from '../support/harness.ts';
import { type AnalyticsFixture, kindValues, PERIOD, startAnalyticsFixture } from './fixture.ts';

let fixture: AnalyticsFixture;
let env: TestEnv;
let category: Record<string, string>;
beforeAll(async () => {
  fixture = await startAnalyticsFixture();
  ({ env, category } = fixture);
}, 60_000);
afterEach(() => env.clock.release());
afterAll(() => env?.close());

const dash = (query: string, as?: 'admin' | 'analyst' | 'unit_responsible') => fixture.dash(query, as);
const appealId = (name: string) => fixture.appealIds.get(name) ?? `no appeal ${name}`;
/** The organisation's day (Moscow) of an instant, and the day before and after it. */
const daysAround = (instant: Date) => {
  const today = orgDayOf(instant, 'Europe/Moscow');
  return { yesterday: addDays(today, -1), today, tomorrow: addDays(today, 1) };
};

describe('appeals over time', () => {
  it('counts by the organisation month, with zeros for months without appeals', async () => {
    const figures = await dash(PERIOD);
    expect(figures.buckets).toEqual(['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01']);
    expect(figures.appealsOverTime.total).toEqual([2, 1, 2, 0, 0]);
    expect(kindValues(figures, 'incident')).toEqual([1, 1, 1, 0, 0]);
    expect(kindValues(figures, 'thanks')).toEqual([1, 0, 0, 0, 0]);
    expect(kindValues(figures, 'question')).toEqual([0, 0, 1, 0, 0]);
    expect(kindValues(figures, 'wish')).toEqual([0, 0, 0, 0, 0]);
    expect(figures.total).toBe(5);
  });

  it('puts 23:30 Moscow on the 31st in that day and 00:30 in the next, on the day grain', async () => {
    const figures = await dash('from=2025-01-31&to=2025-02-01&grain=day');
    expect(figures.buckets).toEqual(['2025-01-31', '2025-02-01']);
    expect(figures.appealsOverTime.total).toEqual([1, 1]);
  });

  it('counts periods that cut months, whether or not the cut-off days hold appeals', async () => {
    // March is cut after the 10th, and a6 came on the 11th; January before the 16th, and a3 came on the 15th.
    expect((await dash('from=2025-01-01&to=2025-03-10')).appealsOverTime.total).toEqual([2, 1, 1]);
    expect((await dash('from=2025-01-16&to=2025-03-31')).appealsOverTime.total).toEqual([1, 1, 2]);
    // Nothing came on 1–9 February or after the 20th: the month is read whole, with the same answer.
    expect((await dash('from=2025-02-10&to=2025-02-20')).appealsOverTime.total).toEqual([0]);
    expect((await dash('from=2025-01-31&to=2025-02-01')).appealsOverTime.total).toEqual([1, 1]);
  });

  it('compares with the same months a year before', async () => {
    const figures = await dash(PERIOD);
    expect(figures.appealsOverTime.previousYear.buckets).toEqual([
      '2024-01-01',
      '2024-02-01',
      '2024-03-01',
      '2024-04-01',
      '2024-05-01',
    ]);
    expect(figures.appealsOverTime.previousYear.total).toEqual([1, 0, 0, 0, 0]);
  });

  it('groups by ISO weeks starting on Monday', async () => {
    const figures = await dash('from=2025-03-09&to=2025-03-16&grain=week');
    expect(figures.buckets).toEqual(['2025-03-03', '2025-03-10']);
    expect(figures.appealsOverTime.total).toEqual([0, 2]);
  });
});

describe('mix, categories, thanks', () => {
  it('gives each channel its count and share', async () => {
    const figures = await dash(PERIOD);
    expect(figures.channelMix.map((row) => [row.channel, row.appeals, row.share])).toEqual([
      ['phone', 3, 60],
      ['email', 1, 20],
      ['web_form', 1, 20],
    ]);
  });

  it('shares the causes of long service among themselves', async () => {
    const figures = await dash(PERIOD);
    const causes = Object.fromEntries(figures.longServiceCauses.map((row) => [row.code, [row.appeals, row.share]]));
    expect(causes).toEqual({ 'long_service.checkout_queue': [1, 50], 'long_service.staff_shortage': [1, 50] });
  });

  it('gives the share of thanks per month, null where there were no appeals', async () => {
    const figures = await dash(PERIOD);
    expect(figures.thanksShare.map((row) => row.share)).toEqual([50, 0, 0, null, null]);
  });

  it('reads a category together with its sub-categories', async () => {
    const figures = await dash(`${PERIOD}&categoryId=${category.long_service}`);
    expect(figures.appealsOverTime.total).toEqual([1, 1, 0, 0, 0]);
  });

  it('lists units with their monthly series', async () => {
    const figures = await dash(PERIOD);
    const rows = Object.fromEntries(figures.units.map((row) => [row.id, [row.appeals, row.series]]));
    expect(rows).toEqual({ [env.units.store.id]: [3, [2, 1, 0, 0, 0]], [env.units.other.id]: [2, [0, 0, 2, 0, 0]] });
  });
});

describe('working times and backlog', () => {
  it('gives the median and 90th percentile of resolution in working minutes', async () => {
    const figures = await dash(PERIOD);
    expect(figures.times.resolution).toEqual({ count: 3, median: 120, p90: 420, sampled: false });
    expect(figures.times.firstResponse).toEqual({ count: 1, median: 60, p90: 60, sampled: false });
  });

  it('times an appeal that arrives resolved, as an import writes it, with no later change', async () => {
    // Monday 5 June 2023, 10:00 → 12:00 in Moscow: 120 working minutes.
    await env.ctx.db.query(
      `INSERT INTO appeals (kind, channel, subject, status, received_at, resolved_at)
       VALUES ('incident', 'phone', 'Импорт', 'resolved', '2023-06-05T07:00:00Z', '2023-06-05T09:00:00Z')`,
    );
    await catchUp(env.ctx);
    expect((await dash('from=2023-06-01&to=2023-06-30&grain=month')).times.resolution).toEqual({
      count: 1,
      median: 120,
      p90: 120,
      sampled: false,
    });
  });

  it('counts the open appeals now, whatever the period', async () => {
    const figures = await dash(PERIOD);
    expect(figures.backlog.open).toBe(3); // a2, a3, a5
    expect((await dash(`${PERIOD}&unitId=${env.units.other.id}`)).backlog.open).toBe(0);
  });
});

describe('who sees what', () => {
  it('confines a unit responsible to their units', async () => {
    expect((await dash(PERIOD, 'unit_responsible')).total).toBe(3);
    // Another unit is refused, as survey indices refuse it, rather than answered with zeros.
    const other = await env.request('GET', `/api/v1/analytics/dashboard?${PERIOD}&unitId=${env.units.other.id}`, {
      as: 'unit_responsible',
    });
    expect(other.status).toBe(403);
  });

  it('refuses a request without credentials', async () => {
    expect((await env.request('GET', `/api/v1/analytics/dashboard?${PERIOD}`)).status).toBe(401);
  });

  it.each([
    ['from=2025-05-01&to=2025-01-01', 'query.to'],
    ['from=2025-02-30', 'from'],
    ['grain=year', 'grain'],
    [`unitId=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, 'query.unitId'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const res = await env.request('GET', `/api/v1/analytics/dashboard?${query}`, { as: 'analyst' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((field: { path: string }) => field.path).join(' ')).toContain(field);
  });
});

describe('keeping the roll-ups exact', () => {
  it('counts a new appeal at once and moves it when its unit changes', async () => {
    await fixture.addAppeal('a7', {
      kind: 'wish',
      channel: 'chat',
      unitId: env.units.store.id,
      categoryId: category.wish_service,
      receivedAt: '2025-04-02T10:00:00Z',
    });
    expect((await dash(`${PERIOD}&unitId=${env.units.store.id}`)).appealsOverTime.total).toEqual([2, 1, 0, 1, 0]);
    const moved = await env.request('PATCH', `/api/v1/appeals/${appealId('a7')}`, {
      as: 'admin',
      body: { unitId: env.units.other.id },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await dash(`${PERIOD}&unitId=${env.units.store.id}`)).appealsOverTime.total).toEqual([2, 1, 0, 0, 0]);
    await catchUp(env.ctx); // folding the deltas changes nothing a reader sees
    expect((await dash(`${PERIOD}&unitId=${env.units.other.id}`)).appealsOverTime.total).toEqual([0, 0, 2, 1, 0]);
  });
});

describe('SLA and submission quality', () => {
  it('reports SLA compliance as the SLA module counts it for the same days', async () => {
    await env.request('POST', '/api/v1/appeals', { as: 'admin', body: makeAppealInput({ channel: 'email' }) });
    // Both read at one held instant, through tomorrow: a day that turns meanwhile changes nothing.
    const { tomorrow } = daysAround(env.clock.freeze());
    const figures = await dash(`from=2020-01-01&to=${tomorrow}`);
    const from = dayStartInstant('2020-01-01', 'Europe/Moscow').toISOString();
    const to = dayStartInstant(addDays(tomorrow, 1), 'Europe/Moscow').toISOString();
    const sla = await env.request('GET', `/api/v1/sla/compliance?from=${from}&to=${to}&groupBy=metric`, {
      as: 'analyst',
    });
    expect(sla.body.total.met + sla.body.total.breached + sla.body.total.open).toBeGreaterThan(0);
    expect(figures.sla.total).toEqual({
      met: sla.body.total.met,
      breached: sla.body.total.breached,
      open: sla.body.total.open,
      compliancePercent: sla.body.total.compliancePercent,
    });
  });

  it("gives a unit's submission errors against its accepted submissions", async () => {
    const store = env.units.store.id;
    expect(
      (await env.request('POST', '/api/v1/appeals', { as: 'unit_responsible', body: makeSubmissionInput(store) }))
        .status,
    ).toBe(201);
    await recordRejection(env.ctx.db, store, null, [
      { path: 'sequenceNumber', code: 'sequence_number_required', message: 'x' },
    ]);
    // The days around today's: the submission and the refusal fall in them, whenever the test runs.
    const { yesterday, tomorrow } = daysAround(new Date());
    const figures = await dash(`from=${yesterday}&to=${tomorrow}`);
    expect(figures.submissionErrors).toEqual([
      {
        unitId: store,
        unitName: 'Магазин на Тверской',
        rejections: 1,
        submissions: 1,
        errorRate: 50,
        byCode: { sequence_number_required: 1 },
      },
    ]);
  });
});

describe('the organisation time zone', () => {
  it('recounts the days when the zone changes', async () => {
    const res = await env.request('PUT', '/api/v1/analytics/settings', { as: 'admin', body: { timeZone: 'UTC' } });
    expect(res.status).toBe(200);
    const figures = await dash(`${PERIOD}&unitId=${env.units.store.id}`);
    expect(figures.filters.timeZone).toBe('UTC');
    expect(figures.appealsOverTime.total).toEqual([3, 0, 0, 0, 0]); // a2 is 31 January in UTC
  });
});
