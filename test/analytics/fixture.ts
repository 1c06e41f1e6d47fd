// The small fixed data set the analytics tests compute their expectations by hand from. The organisation's day is
// Moscow's (UTC+3, the CS calendar's zone); working time is the office calendar, 09:00–18:00 Monday to Friday.
import { expect } from 'vitest';
import { catchUp } from '../../src/modules/analytics/analytics.facts.ts';
import type { Dashboard } from '../../src/modules/analytics/analytics.schema.ts';
import { makeAppealInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

export const PERIOD = 'from=2025-01-01&to=2025-05-31';

export interface AnalyticsFixture {
  env: TestEnv;
  /** Category ids by code. */
  category: Record<string, string>;
  /** The fixture's appeals by name (a1 … a6, and those a test adds). */
  appealIds: Map<string, string>;
  /** Creates an appeal by the administrator and names it. */
  addAppeal(name: string, fields: Record<string, unknown>): Promise<string>;
  /** The dashboard's answer to a query string. */
  dash(query: string, as?: 'admin' | 'analyst' | 'unit_responsible'): Promise<Dashboard>;
}

/** A fresh database with the six appeals of the hand-computed expectations, measured and folded. */
export async function startAnalyticsFixture(): Promise<AnalyticsFixture> {
  const env = await startTestEnv();
  const category: Record<string, string> = {};
  for (const item of (await env.request('GET', '/api/v1/categories', { as: 'admin' })).body.items) {
    category[item.code] = item.id;
  }
  const appealIds = new Map<string, string>();
  const fixture: AnalyticsFixture = {
    env,
    category,
    appealIds,
    async addAppeal(name, fields) {
      const res = await env.request('POST', '/api/v1/appeals', { as: 'admin', body: makeAppealInput(fields) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      appealIds.set(name, res.body.id);
      return res.body.id;
    },
    async dash(query, as = 'analyst') {
      const res = await env.request('GET', `/api/v1/analytics/dashboard?${query}`, { as });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    },
  };
  await addSixAppeals(fixture);
  await catchUp(env.ctx);
  return fixture;
}

async function addSixAppeals({ env, category, addAppeal }: AnalyticsFixture): Promise<void> {
  const store = env.units.store.id;
  const other = env.units.other.id;
  const checkoutQueue = category['long_service.checkout_queue'];
  // 23:30 in Moscow on Friday 31 January (20:30 UTC): 31 January's, January's.
  const a1 = await addAppeal('a1', {
    kind: 'incident',
    channel: 'phone',
    unitId: store,
    categoryId: checkoutQueue,
    receivedAt: '2025-01-31T20:30:00Z',
  });
  // 00:30 in Moscow on 1 February: February's, although UTC still says 31 January.
  await addAppeal('a2', {
    kind: 'incident',
    channel: 'email',
    unitId: store,
    categoryId: category['long_service.staff_shortage'],
    receivedAt: '2025-01-31T21:30:00Z',
  });
  await addAppeal('a3', {
    kind: 'thanks',
    channel: 'phone',
    unitId: store,
    categoryId: category.thanks_staff,
    receivedAt: '2025-01-15T09:00:00Z',
  });
  const a4 = await addAppeal('a4', {
    kind: 'incident',
    channel: 'phone',
    unitId: other,
    categoryId: category.poor_service,
    receivedAt: '2025-03-10T10:00:00Z',
  });
  await addAppeal('a5', {
    kind: 'incident',
    channel: 'phone',
    unitId: store,
    categoryId: checkoutQueue,
    receivedAt: '2024-01-20T10:00:00Z',
  });
  const a6 = await addAppeal('a6', {
    kind: 'question',
    channel: 'web_form',
    unitId: other,
    categoryId: category.question_general,
    receivedAt: '2025-03-11T10:00:00Z',
  });
  // Resolution times in working minutes: a1 Fri 23:30 → Mon 10:00 = 60; a4 Mon 13:00 → Tue 11:00 = 300 + 120 = 420;
  // a6 Tue 13:00 → 15:00 = 120. a4's first answer Mon 13:00 → 14:00 = 60.
  const resolve = (id: string, at: string) =>
    env.ctx.db.query(`UPDATE appeals SET status = 'resolved', resolved_at = $2 WHERE id = $1`, [id, at]);
  await resolve(a1, '2025-02-03T07:00:00Z');
  await resolve(a4, '2025-03-11T08:00:00Z');
  await resolve(a6, '2025-03-11T12:00:00Z');
  await env.ctx.db.query(
    `INSERT INTO appeal_messages (appeal_id, direction, channel, body, created_at)
     VALUES ($1, 'outbound', 'phone', 'Перезвонили', '2025-03-10T11:00:00Z')`,
    [a4],
  );
}

/** The series of one kind of appeals; fails the test when the dashboard has none. */
export function kindValues(figures: Dashboard, kind: string): number[] {
  const series = figures.appealsOverTime.byKind.find((candidate) => candidate.kind === kind);
  expect(series, `a series of ${kind}`).toBeDefined();
  return series?.values ?? [];
}
