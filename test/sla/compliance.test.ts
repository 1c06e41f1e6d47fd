import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAppealInput, makeSubmissionInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
const category: Record<string, string> = {};
beforeAll(async () => {
  env = await startTestEnv();
  for (const item of (await env.request('GET', '/api/v1/categories', { as: 'admin' })).body.items) {
    category[item.code] = item.id;
  }
  const create = async (body: unknown, as: 'agent' | 'unit_responsible' = 'agent') =>
    (await env.request('POST', '/api/v1/appeals', { as, body })).body.id as string;
  const submission = await create(
    makeSubmissionInput(env.units.store.id, { categoryId: category.poor_service }),
    'unit_responsible',
  );
  const email = await create(
    makeAppealInput({
      channel: 'email',
      unitId: env.units.other.id,
      kind: 'question',
      categoryId: category.delivery,
      customer: { name: 'Анна', email: 'anna@mail.ru' },
    }),
  );
  const call = await create(makeAppealInput({ channel: 'phone' }));
  const appeals = [submission, email, call];
  // A hand-made history, in January–March 2025 (Moscow time), apart from everything the tests create today.
  await env.ctx.db.query('DELETE FROM appeal_sla_targets WHERE appeal_id = ANY($1::uuid[])', [appeals]);
  await env.ctx.db.query(
    `INSERT INTO appeal_sla_targets (appeal_id, metric, minutes, started_at, due_at, met_at, breached_at) VALUES
       ($1, 'transfer', 180, '2025-01-10T10:00+03', '2025-01-10T13:00+03', '2025-01-10T12:00+03', NULL),
       ($1, 'completion_report', 180,
         '2025-01-31T20:30+03', '2025-02-01T13:30+03', '2025-02-01T15:00+03', '2025-02-01T15:00+03'),
       ($2, 'first_response', 120, '2025-01-20T10:00+03', '2025-01-20T12:00+03', '2025-01-20T11:00+03', NULL),
       ($2, 'resolution', 1620, '2025-02-05T10:00+03', '2099-01-01T00:00Z', NULL, NULL),
       ($3, 'resolution', 1620, '2025-02-10T10:00+03', '2025-02-11T10:00+03', NULL, NULL),
       ($3, 'first_response', 120, '2025-03-05T10:00+03', '2025-03-05T12:00+03', NULL, NULL)`,
    appeals,
  );
});
afterAll(() => env.close());

const report = (query: string, as: 'analyst' | 'unit_responsible' | 'agent' = 'analyst') =>
  env.request(
    'GET',
    `/api/v1/sla/compliance?from=2025-01-01T00:00:00%2B03:00&to=2025-03-01T00:00:00%2B03:00&${query}`,
    { as },
  );
const rows = (body: {
  items: { key: string | null; met: number; breached: number; open: number; compliancePercent: number | null }[];
}) => body.items.map((i) => [i.key, i.met, i.breached, i.open, i.compliancePercent]);

describe('SLA compliance report', () => {
  it('counts met, breached and open targets per unit, with the compliance share', async () => {
    const res = await report('groupBy=unit');
    expect(res.status).toBe(200);
    expect(res.body.total).toEqual({ met: 2, breached: 2, open: 1, total: 5, compliancePercent: 50 });
    const byKey = Object.fromEntries(res.body.items.map((i: { key: string | null }) => [i.key, i]));
    expect(byKey[env.units.store.id]).toMatchObject({
      label: 'Магазин на Тверской',
      met: 1,
      breached: 1,
      open: 0,
      total: 2,
      compliancePercent: 50,
    });
    expect(byKey[env.units.other.id]).toMatchObject({ met: 1, breached: 0, open: 1, compliancePercent: 100 });
    expect(res.body.items.at(-1)).toMatchObject({ key: null, met: 0, breached: 1, open: 0, compliancePercent: 0 });
  });

  it('groups by channel, category, month (in Moscow time by default) and metric', async () => {
    expect(rows((await report('groupBy=channel')).body)).toEqual([
      ['email', 1, 0, 1, 100],
      ['phone', 0, 1, 0, 0],
      ['store_submission', 1, 1, 0, 50],
    ]);
    const byCategory = (await report('groupBy=category')).body.items;
    expect(byCategory.find((i: { key: string }) => i.key === category.poor_service)).toMatchObject({
      label: 'poor_service',
      compliancePercent: 50,
    });
    expect(byCategory.find((i: { key: string }) => i.key === category.delivery)).toMatchObject({ met: 1, open: 1 });
    // The completion report started at 20:30 Moscow on 31 January: January in Moscow, not in Vladivostok.
    expect(rows((await report('groupBy=month')).body)).toEqual([
      ['2025-01', 2, 1, 0, 66.7],
      ['2025-02', 0, 1, 1, 0],
    ]);
    expect(rows((await report('groupBy=month&timeZone=Asia/Vladivostok')).body)).toEqual([
      ['2025-01', 2, 0, 0, 100],
      ['2025-02', 0, 2, 1, 0],
    ]);
    expect(rows((await report('groupBy=metric')).body)).toEqual([
      ['completion_report', 0, 1, 0, 0],
      ['first_response', 1, 0, 0, 100],
      ['resolution', 0, 1, 1, 0],
      ['transfer', 1, 0, 0, 100],
    ]);
  });

  it('filters by metric', async () => {
    expect((await report('groupBy=unit&metric=resolution,first_response')).body.total).toEqual({
      met: 1,
      breached: 1,
      open: 1,
      total: 3,
      compliancePercent: 50,
    });
  });

  it("shows a unit's responsible only their own units", async () => {
    const res = await report('groupBy=unit', 'unit_responsible');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { key: string }) => i.key)).toEqual([env.units.store.id]);
  });

  it('refuses a period that ends before it starts, an unknown zone or grouping', async () => {
    const back = await env.request('GET', '/api/v1/sla/compliance?from=2025-03-01T00:00:00Z&to=2025-01-01T00:00:00Z', {
      as: 'analyst',
    });
    expect(back.status).toBe(400);
    expect(back.body.error.fields[0]).toMatchObject({ path: 'query.to', code: 'before_from' });
    expect((await report('timeZone=Mars/Olympus')).body.error.fields[0]).toMatchObject({ path: 'query.timeZone' });
    expect((await report('groupBy=weather')).status).toBe(400);
    expect(
      (await env.request('GET', '/api/v1/sla/compliance?from=2025-01-01T00:00:00Z', { as: 'analyst' })).body.error
        .fields[0].path,
    ).toBe('query.to');
  });
});
