// Analytics figures against hand-computed expectations on a small fixed data set. The organisation's day is Moscow's
// (UTC+3, the CS calendar's zone); working time is the office calendar, 09:00–18:00 Monday to Friday.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchUp } from '../../src/modules/analytics/analytics.facts.ts';
import { BLOCKS } from '../../src/modules/analytics/analytics.schema.ts';
import { scheduleReports, sendPeriodReports } from '../../src/modules/analytics/report.service.ts';
import { sendDueMail } from '../../src/modules/mail/outbound/sender.ts';
import { recordRejection } from '../../src/modules/submissions/submissions.service.ts';
import { makeAppealInput, makeSubmissionInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
const cat: Record<string, string> = {};
const ids: Record<string, string> = {};
const PERIOD = 'from=2025-01-01&to=2025-05-31';

async function appeal(name: string, fields: Record<string, unknown>) {
  const res = await env.request('POST', '/api/v1/appeals', { as: 'admin', body: makeAppealInput(fields) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  ids[name] = res.body.id;
}
const dash = async (query: string, as: 'admin' | 'analyst' | 'unit_responsible' = 'analyst') => {
  const res = await env.request('GET', `/api/v1/analytics/dashboard?${query}`, { as });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const kindValues = (d: { appealsOverTime: { byKind: { kind: string; values: number[] }[] } }, kind: string) =>
  d.appealsOverTime.byKind.find((k) => k.kind === kind)!.values;

beforeAll(async () => {
  env = await startTestEnv();
  for (const c of (await env.request('GET', '/api/v1/categories', { as: 'admin' })).body.items) {
    cat[c.code] = c.id;
  }
  const store = env.units.store.id;
  const other = env.units.other.id;
  // 23:30 in Moscow on Friday 31 January (20:30 UTC): 31 January's, January's.
  await appeal('a1', {
    kind: 'incident',
    channel: 'phone',
    unitId: store,
    categoryId: cat['long_service.checkout_queue'],
    receivedAt: '2025-01-31T20:30:00Z',
  });
  // 00:30 in Moscow on 1 February: February's, although UTC still says 31 January.
  await appeal('a2', {
    kind: 'incident',
    channel: 'email',
    unitId: store,
    categoryId: cat['long_service.staff_shortage'],
    receivedAt: '2025-01-31T21:30:00Z',
  });
  await appeal('a3', {
    kind: 'thanks',
    channel: 'phone',
    unitId: store,
    categoryId: cat.thanks_staff,
    receivedAt: '2025-01-15T09:00:00Z',
  });
  await appeal('a4', {
    kind: 'incident',
    channel: 'phone',
    unitId: other,
    categoryId: cat.poor_service,
    receivedAt: '2025-03-10T10:00:00Z',
  });
  await appeal('a5', {
    kind: 'incident',
    channel: 'phone',
    unitId: store,
    categoryId: cat['long_service.checkout_queue'],
    receivedAt: '2024-01-20T10:00:00Z',
  });
  await appeal('a6', {
    kind: 'question',
    channel: 'web_form',
    unitId: other,
    categoryId: cat.question_general,
    receivedAt: '2025-03-11T10:00:00Z',
  });
  // Resolution times in working minutes: a1 Fri 23:30 → Mon 10:00 = 60; a4 Mon 13:00 → Tue 11:00 = 300 + 120 = 420;
  // a6 Tue 13:00 → 15:00 = 120. a4's first answer Mon 13:00 → 14:00 = 60.
  const resolve = (id: string, at: string) =>
    env.ctx.db.query(`UPDATE appeals SET status = 'resolved', resolved_at = $2 WHERE id = $1`, [id, at]);
  await resolve(ids.a1!, '2025-02-03T07:00:00Z');
  await resolve(ids.a4!, '2025-03-11T08:00:00Z');
  await resolve(ids.a6!, '2025-03-11T12:00:00Z');
  await env.ctx.db.query(
    `INSERT INTO appeal_messages (appeal_id, direction, channel, body, created_at) VALUES ($1, 'outbound', 'phone', 'Перезвонили', '2025-03-10T11:00:00Z')`,
    [ids.a4],
  );
  await catchUp(env.ctx);
}, 60_000);
afterAll(() => env?.close());

describe('appeals over time', () => {
  it('counts by the organisation month, with zeros for months without appeals', async () => {
    const d = await dash(PERIOD);
    expect(d.buckets).toEqual(['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01']);
    expect(d.appealsOverTime.total).toEqual([2, 1, 2, 0, 0]);
    expect(kindValues(d, 'incident')).toEqual([1, 1, 1, 0, 0]);
    expect(kindValues(d, 'thanks')).toEqual([1, 0, 0, 0, 0]);
    expect(kindValues(d, 'question')).toEqual([0, 0, 1, 0, 0]);
    expect(kindValues(d, 'wish')).toEqual([0, 0, 0, 0, 0]);
    expect(d.total).toBe(5);
  });

  it('puts 23:30 Moscow on the 31st in that day and 00:30 in the next, on the day grain', async () => {
    const d = await dash('from=2025-01-31&to=2025-02-01&grain=day');
    expect(d.buckets).toEqual(['2025-01-31', '2025-02-01']);
    expect(d.appealsOverTime.total).toEqual([1, 1]);
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
    const d = await dash(PERIOD);
    expect(d.appealsOverTime.previousYear.buckets).toEqual([
      '2024-01-01',
      '2024-02-01',
      '2024-03-01',
      '2024-04-01',
      '2024-05-01',
    ]);
    expect(d.appealsOverTime.previousYear.total).toEqual([1, 0, 0, 0, 0]);
  });

  it('groups by ISO weeks starting on Monday', async () => {
    const d = await dash('from=2025-03-09&to=2025-03-16&grain=week');
    expect(d.buckets).toEqual(['2025-03-03', '2025-03-10']);
    expect(d.appealsOverTime.total).toEqual([0, 2]);
  });
});

describe('mix, categories, thanks', () => {
  it('gives each channel its count and share', async () => {
    const d = await dash(PERIOD);
    expect(
      d.channelMix.map((c: { channel: string; appeals: number; share: number }) => [c.channel, c.appeals, c.share]),
    ).toEqual([
      ['phone', 3, 60],
      ['email', 1, 20],
      ['web_form', 1, 20],
    ]);
  });

  it('shares the causes of long service among themselves', async () => {
    const d = await dash(PERIOD);
    const causes = Object.fromEntries(
      d.longServiceCauses.map((c: { code: string; appeals: number; share: number }) => [c.code, [c.appeals, c.share]]),
    );
    expect(causes).toEqual({ 'long_service.checkout_queue': [1, 50], 'long_service.staff_shortage': [1, 50] });
  });

  it('gives the share of thanks per month, null where there were no appeals', async () => {
    const d = await dash(PERIOD);
    expect(d.thanksShare.map((r: { share: number | null }) => r.share)).toEqual([50, 0, 0, null, null]);
  });

  it('reads a category together with its sub-categories', async () => {
    const d = await dash(`${PERIOD}&categoryId=${cat.long_service}`);
    expect(d.appealsOverTime.total).toEqual([1, 1, 0, 0, 0]);
  });

  it('lists units with their monthly series', async () => {
    const d = await dash(PERIOD);
    const rows = Object.fromEntries(
      d.units.map((u: { id: string; appeals: number; series: number[] }) => [u.id, [u.appeals, u.series]]),
    );
    expect(rows).toEqual({ [env.units.store.id]: [3, [2, 1, 0, 0, 0]], [env.units.other.id]: [2, [0, 0, 2, 0, 0]] });
  });
});

describe('working times and backlog', () => {
  it('gives the median and 90th percentile of resolution in working minutes', async () => {
    const d = await dash(PERIOD);
    expect(d.times.resolution).toEqual({ count: 3, median: 120, p90: 420, sampled: false });
    expect(d.times.firstResponse).toEqual({ count: 1, median: 60, p90: 60, sampled: false });
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
    const d = await dash(PERIOD);
    expect(d.backlog.open).toBe(3); // a2, a3, a5
    expect((await dash(`${PERIOD}&unitId=${env.units.other.id}`)).backlog.open).toBe(0);
  });
});

describe('who sees what', () => {
  it('confines a unit responsible to their units', async () => {
    expect((await dash(PERIOD, 'unit_responsible')).total).toBe(3);
    expect((await dash(`${PERIOD}&unitId=${env.units.other.id}`, 'unit_responsible')).total).toBe(0);
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
    expect(res.body.error.fields.map((f: { path: string }) => f.path).join(' ')).toContain(field);
  });
});

describe('exports', () => {
  it('exports a block as CSV with a header and one row per month', async () => {
    const res = await env.request('GET', `/api/v1/analytics/blocks/thanksShare/export?${PERIOD}&format=csv&locale=en`, {
      as: 'analyst',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = String(res.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toEqual([
      'Period,Thanks,Appeals,"Share, %"',
      '2025-01-01,1,2,50',
      '2025-02-01,0,1,0',
      '2025-03-01,0,2,0',
      '2025-04-01,0,0,',
      '2025-05-01,0,0,',
    ]);
  });

  it('exports the whole dashboard as an XLSX workbook, a sheet per block', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/export?${PERIOD}`,
      headers: { authorization: `Bearer ${env.users.analyst.token}` },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...BLOCKS]);
    expect(wb.getWorksheet('channelMix')!.getRow(2).values).toEqual([undefined, 'phone', 3, 60, 2, 0, 1, 0, 0]);
  });
});

describe('the report for a day', () => {
  it('renders the HTML report of 31 January with its figures and inline charts', async () => {
    const res = await env.request('GET', '/api/v1/analytics/reports/daily?date=2025-01-31&locale=en', {
      as: 'analyst',
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Daily report: 2025-01-31');
    expect(res.body).toMatch(/Appeals<\/td><td[^>]*>1<\/td>/);
    expect(res.body.match(/data:image\/png;base64,/g)).toHaveLength(3);
  });

  it("confines a unit responsible's report to their units", async () => {
    const figure = async (as: 'analyst' | 'unit_responsible') =>
      /Appeals<\/td><td[^>]*>(\d+)<\/td>/.exec(
        (await env.request('GET', '/api/v1/analytics/reports/daily?date=2025-03-10&locale=en', { as })).body,
      )?.[1];
    expect(await figure('analyst')).toBe('1'); // a4, at the other store
    expect(await figure('unit_responsible')).toBe('0');
  });

  it('downloads the weekly report holding a day as XLSX', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/reports/weekly?date=2025-03-12&format=xlsx',
      headers: { authorization: `Bearer ${env.users.analyst.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('otklik-weekly-2025-W11.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const times = wb.getWorksheet('times')!;
    expect(times.getRow(3).values).toEqual([undefined, 'Решение', 2, 120, 420]); // a4 (420) and a6 (120) in the week of 10 March
  });

  it('queues each period once and mails each subscriber once, with charts and the workbook attached', async () => {
    const put = await env.request('PUT', '/api/v1/analytics/report-subscriptions', {
      as: 'analyst',
      body: { items: [{ variant: 'daily', locale: 'en' }] },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const at = new Date('2026-03-03T05:00:00Z'); // 08:00 in Moscow, after the default 07:00
    const before = new Date('2026-03-03T03:00:00Z'); // 06:00: too early
    expect(await scheduleReports(env.ctx, before)).toEqual([]);
    await scheduleReports(env.ctx, at);
    await scheduleReports(env.ctx, at);
    const jobs = await env.ctx.db.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM jobs WHERE kind = 'analytics.report' AND dedupe_key LIKE '%daily%'`,
    );
    expect(jobs.map((j) => j.payload.key)).toEqual(['2026-03-02']);
    await sendPeriodReports(env.ctx, jobs[0]!.payload, at);
    await sendPeriodReports(env.ctx, jobs[0]!.payload, at);
    const mails = await env.ctx.db.query<{
      payload: { to: string; subject: string; attachments: { filename: string; cid: string | null }[] };
    }>(`SELECT payload FROM outbox WHERE dedupe_key LIKE 'analytics.report:daily:%'`);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.payload.to).toBe(env.users.analyst.email);
    expect(mails[0]!.payload.subject).toBe('Daily report: 2026-03-02');
    expect(mails[0]!.payload.attachments.map((a) => a.filename)).toEqual([
      'trend.png',
      'channels.png',
      'categories.png',
      'otklik-daily-2026-03-02.xlsx',
    ]);
  });

  it('sends the queued report as HTML with its charts inline (cid) and the workbook attached', async () => {
    const sent: { html?: unknown; attachments?: { filename?: unknown; cid?: unknown; content?: unknown }[] }[] = [];
    await sendDueMail(env.ctx, {
      send: async (_m, _id, mail) => (sent.push(mail as never), { via: 'file', response: 'ok' }),
      close: () => undefined,
    });
    const report = sent.find((m) => String(m.html).includes('Daily report'))!;
    expect(report.attachments?.map((a) => [a.filename, a.cid ?? null])).toEqual([
      ['trend.png', 'trend@otklik'],
      ['channels.png', 'channels@otklik'],
      ['categories.png', 'categories@otklik'],
      ['otklik-daily-2026-03-02.xlsx', null],
    ]);
    expect(String(report.html)).toContain('src="cid:trend@otklik"');
    expect((report.attachments![0]!.content as Buffer).subarray(1, 4).toString()).toBe('PNG');
  });

  it('refuses to subscribe somebody else without settings:write', async () => {
    const res = await env.request('PUT', '/api/v1/analytics/report-subscriptions', {
      as: 'analyst',
      body: { items: [{ userId: env.users.agent.id, variant: 'weekly', locale: 'ru' }] },
    });
    expect(res.status).toBe(403);
  });
});

describe('keeping the roll-ups exact', () => {
  it('counts a new appeal at once and moves it when its unit changes', async () => {
    await appeal('a7', {
      kind: 'wish',
      channel: 'chat',
      unitId: env.units.store.id,
      categoryId: cat.wish_service,
      receivedAt: '2025-04-02T10:00:00Z',
    });
    expect((await dash(`${PERIOD}&unitId=${env.units.store.id}`)).appealsOverTime.total).toEqual([2, 1, 0, 1, 0]);
    const moved = await env.request('PATCH', `/api/v1/appeals/${ids.a7}`, {
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
    const today = new Date().toISOString().slice(0, 10);
    await env.request('POST', '/api/v1/appeals', { as: 'admin', body: makeAppealInput({ channel: 'email' }) });
    const d = await dash(`from=2020-01-01&to=${today}`);
    const from = new Date(Date.UTC(2019, 11, 31, 21)).toISOString();
    const to = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000 - 3 * 3_600_000).toISOString();
    const sla = await env.request('GET', `/api/v1/sla/compliance?from=${from}&to=${to}&groupBy=metric`, {
      as: 'analyst',
    });
    expect(sla.body.total.met + sla.body.total.breached + sla.body.total.open).toBeGreaterThan(0);
    expect(d.sla.total).toEqual({
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
    const today = new Date().toISOString().slice(0, 10);
    const d = await dash(`from=${today}&to=${today}`);
    expect(d.submissionErrors).toEqual([
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
    const d = await dash(`${PERIOD}&unitId=${env.units.store.id}`);
    expect(d.filters.timeZone).toBe('UTC');
    expect(d.appealsOverTime.total).toEqual([3, 0, 0, 0, 0]); // a2 is 31 January in UTC
  });
});
