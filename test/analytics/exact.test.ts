// The roll-ups stay exact through any mix of inserts, moves between units, kinds and days, deletions and partial
// folds: the dashboard's counts equal a direct count of the register at every step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne } from '../../src/db/rows.ts';
import { keepCurrent } from '../../src/modules/analytics/analytics.facts.ts';
import { foldDeltas } from '../../src/modules/analytics/analytics.rollups.repo.ts';
import { dashboard } from '../../src/modules/analytics/analytics.service.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
const KINDS = ['incident', 'thanks', 'question', 'wish', 'review'];
const CHANNELS = ['phone', 'email', 'chat'];

// A small deterministic generator, so that a failure replays.
let seed = 20251125;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const instant = () =>
  new Date(
    Date.UTC(
      2025,
      Math.floor(rand() * 6),
      1 + Math.floor(rand() * 28),
      Math.floor(rand() * 24),
      Math.floor(rand() * 60),
    ),
  ).toISOString();

beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env?.close());

async function registerCounts(unitId: string | null) {
  const rows = await env.ctx.db.query<{ month: string; kind: string; n: number }>(
    `SELECT to_char(date_trunc('month', received_at AT TIME ZONE 'Europe/Moscow'), 'YYYY-MM-DD') AS month, kind,
       count(*)::int AS n
     FROM appeals
     WHERE received_at >= '2024-12-31T21:00:00Z' AND received_at < '2025-06-30T21:00:00Z'
       AND ($1::uuid IS NULL OR unit_id = $1)
     GROUP BY 1, 2`,
    [unitId],
  );
  const months = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01'];
  return Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      months.map((month) => rows.find((row) => row.month === month && row.kind === kind)?.n ?? 0),
    ]),
  );
}

async function dashboardCounts(unitId: string | null) {
  const figures = await dashboard(env.ctx, env.users.analyst.actor, {
    from: '2025-01-01',
    to: '2025-06-30',
    grain: 'month',
    ...(unitId ? { unitId } : {}),
  });
  return Object.fromEntries(figures.appealsOverTime.byKind.map((series) => [series.kind, series.values]));
}

async function weeklyMatch(): Promise<void> {
  const rows = await env.ctx.db.query<{ week: string; n: number }>(
    `SELECT to_char(date_trunc('week', received_at AT TIME ZONE 'Europe/Moscow'), 'YYYY-MM-DD') AS week,
       count(*)::int AS n
     FROM appeals
     WHERE received_at >= '2025-01-05T21:00:00Z' AND received_at < '2025-06-15T21:00:00Z'
     GROUP BY 1`,
  );
  // 6 January (a Monday) to 15 June (a Sunday): whole weeks, read from the weekly roll-up.
  const figures = await dashboard(env.ctx, env.users.analyst.actor, {
    from: '2025-01-06',
    to: '2025-06-15',
    grain: 'week',
  });
  const registered = (bucket: string) => rows.find((row) => row.week === bucket)?.n ?? 0;
  expect(figures.appealsOverTime.total).toEqual(figures.buckets.map(registered));
}

describe('exact roll-ups', () => {
  it('match a direct count of the register through inserts, moves, deletions and partial folds', async () => {
    const units = [env.units.store.id, env.units.other.id];
    const ids: string[] = [];
    for (let step = 0; step < 12; step++) {
      for (let i = 0; i < 15; i++) {
        const inserted = await queryOne<{ id: string }>(
          env.ctx.db,
          `INSERT INTO appeals (kind, channel, subject, unit_id, received_at)
           VALUES ($1, $2, 'Проверка', $3, $4)
           RETURNING id`,
          [pick(KINDS), pick(CHANNELS), pick(units), instant()],
        );
        ids.push(inserted.id);
      }
      for (let i = 0; i < 5; i++) {
        const id = pick(ids);
        const change = pick(['unit', 'kind', 'received', 'unit_null']);
        if (change === 'unit') {
          await env.ctx.db.query('UPDATE appeals SET unit_id = $2 WHERE id = $1', [id, pick(units)]);
        }
        if (change === 'kind') {
          await env.ctx.db.query('UPDATE appeals SET kind = $2 WHERE id = $1', [id, pick(KINDS)]);
        }
        if (change === 'received') {
          await env.ctx.db.query('UPDATE appeals SET received_at = $2 WHERE id = $1', [id, instant()]);
        }
        if (change === 'unit_null') {
          await env.ctx.db.query('UPDATE appeals SET unit_id = NULL WHERE id = $1', [id]);
        }
      }
      // Statements that write several appeals at once: a multi-row insert, and a swap of units whose deltas partly
      // cancel.
      const batch = await env.ctx.db.query<{ id: string }>(
        `INSERT INTO appeals (kind, channel, subject, unit_id, received_at)
         SELECT kind, 'phone', 'Пакет', unit, received
         FROM unnest($1::text[], $2::uuid[], $3::timestamptz[]) AS t (kind, unit, received)
         RETURNING id`,
        [
          [pick(KINDS), pick(KINDS), pick(KINDS)],
          [pick(units), pick(units), pick(units)],
          [instant(), instant(), instant()],
        ],
      );
      ids.push(...batch.map((row) => row.id));
      await env.ctx.db.query(
        `UPDATE appeals SET unit_id = CASE WHEN unit_id = $2 THEN $3::uuid ELSE $2::uuid END
         WHERE id = ANY($1::uuid[])`,
        [[pick(ids), pick(ids), pick(ids)], units[0], units[1]],
      );
      if (step % 4 === 3) {
        const [id] = ids.splice(Math.floor(rand() * ids.length), 1);
        await env.ctx.db.query('DELETE FROM appeal_events WHERE appeal_id = $1', [id]);
        await env.ctx.db.query('DELETE FROM appeals WHERE id = $1', [id]);
      }
      // Fold only some of the deltas now and then: readers must count folded and pending ones alike, once.
      if (step % 3 === 1) {
        await foldDeltas(env.ctx.db, 7);
      }
      if (step % 5 === 4) {
        await keepCurrent(env.ctx);
      }
      for (const unitId of [null, env.units.store.id]) {
        expect(await dashboardCounts(unitId), `step ${step}`).toEqual(await registerCounts(unitId));
      }
      await weeklyMatch();
    }
    const pendingDeltas = async () =>
      (await queryOne<{ n: number }>(env.ctx.db, 'SELECT count(*)::int AS n FROM analytics_delta')).n;
    expect(await pendingDeltas()).toBeGreaterThan(0);
    await keepCurrent(env.ctx);
    expect(await pendingDeltas()).toBe(0);
    expect(await dashboardCounts(null)).toEqual(await registerCounts(null));
  }, 120_000);
});
