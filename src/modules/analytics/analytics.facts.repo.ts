// SQL of the working-time facts: the queue of appeals to measure, each appeal's first-response and resolution
// minutes, and their percentiles over a period.
import { sql } from 'kysely';
import type { Queryable } from '../../db/db.ts';
import { builder, runOne } from '../../db/sql-builder.ts';
import { type DimFilter, date, dimConditions } from './analytics.dims.repo.ts';
import { SAMPLE_SLICES } from './periods.ts';

export interface DirtyAppeal {
  id: string;
  exists: boolean;
  receivedAt: Date | null;
  doneAt: Date | null;
  firstResponseAt: Date | null;
}

/** Takes up to `limit` queued appeals off the queue (in the caller's transaction) with what their facts need. */
export function takeDirty(tx: Queryable, limit: number): Promise<DirtyAppeal[]> {
  return tx.query<DirtyAppeal>(
    `WITH d AS (
       DELETE FROM analytics_dirty
       WHERE appeal_id IN (SELECT appeal_id FROM analytics_dirty LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING appeal_id
     )
     SELECT d.appeal_id AS id, a.id IS NOT NULL AS exists, a.received_at AS "receivedAt",
       coalesce(a.resolved_at, a.closed_at) AS "doneAt",
       (SELECT min(m.created_at) FROM appeal_messages m WHERE m.appeal_id = a.id AND m.direction = 'outbound')
         AS "firstResponseAt"
     FROM d LEFT JOIN appeals a ON a.id = d.appeal_id`,
    [limit],
  );
}

export interface FactValues {
  id: string;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

export async function upsertFacts(tx: Queryable, rows: readonly FactValues[]): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  // The day is analytics_org_day()'s, with the zone read once per statement rather than in a function call per row.
  await tx.query(
    `INSERT INTO analytics_facts (appeal_id, sample, day, unit_id, channel, kind, category_id, owner_id,
       first_response_minutes, resolution_minutes)
     SELECT a.id, abs(hashtext(a.id::text)) % 64,
       (a.received_at AT TIME ZONE (SELECT time_zone FROM analytics_settings))::date,
       a.unit_id, a.channel, a.kind, a.category_id, a.owner_id, v.fr, v.rs
     FROM unnest($1::uuid[], $2::real[], $3::real[]) AS v (id, fr, rs) JOIN appeals a ON a.id = v.id
     ON CONFLICT (appeal_id) DO UPDATE SET day = excluded.day, unit_id = excluded.unit_id,
       channel = excluded.channel, kind = excluded.kind, category_id = excluded.category_id,
       owner_id = excluded.owner_id, first_response_minutes = excluded.first_response_minutes,
       resolution_minutes = excluded.resolution_minutes`,
    [rows.map((row) => row.id), rows.map((row) => row.firstResponseMinutes), rows.map((row) => row.resolutionMinutes)],
  );
}

export async function deleteFacts(tx: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length) {
    await tx.query('DELETE FROM analytics_facts WHERE appeal_id = ANY($1::uuid[])', [ids]);
  }
}

export async function pendingFacts(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM analytics_dirty');
  return rows[0]?.n ?? 0;
}

export interface PercentileRow {
  frCount: number;
  frMedian: number | null;
  frP90: number | null;
  rsCount: number;
  rsMedian: number | null;
  rsP90: number | null;
}

/** Median and 90th percentile of both working times over appeals received in [from, to], on `slices` of 64 samples. */
export async function percentiles(
  db: Queryable,
  query: DimFilter & { from: string; to: string; slices: number },
): Promise<PercentileRow> {
  const statement = builder
    .selectFrom('analytics_facts')
    .select([
      sql<number>`count(first_response_minutes)::int`.as('frCount'),
      sql<number | null>`percentile_disc(0.5) WITHIN GROUP (ORDER BY first_response_minutes)`.as('frMedian'),
      sql<number | null>`percentile_disc(0.9) WITHIN GROUP (ORDER BY first_response_minutes)`.as('frP90'),
      sql<number>`count(resolution_minutes)::int`.as('rsCount'),
      sql<number | null>`percentile_disc(0.5) WITHIN GROUP (ORDER BY resolution_minutes)`.as('rsMedian'),
      sql<number | null>`percentile_disc(0.9) WITHIN GROUP (ORDER BY resolution_minutes)`.as('rsP90'),
    ])
    .where('day', '>=', date(query.from))
    .where('day', '<=', date(query.to))
    .$if(query.slices < SAMPLE_SLICES, (qb) => qb.where('sample', '<', query.slices))
    .where((eb) => eb.and(dimConditions(query)));
  return runOne(db, statement);
}
