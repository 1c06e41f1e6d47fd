// SQL of analytics: the count roll-ups (day, month, pending deltas), the working-time facts, the backlog now,
// names for the tables, settings and report subscriptions.
import type { Db, Queryable } from '../../db/db.ts';
import type { Grain } from './periods.ts';
import { type ProjectedDim, projectionFor } from './projections.ts';

export interface DimFilter {
  /** null: every unit; otherwise only these (an empty list matches nothing). */
  unitIds: string[] | null;
  channel: string | null;
  kind: string | null;
  categoryIds: string[] | null;
}

function dims(f: DimFilter, p: (v: unknown) => string, alias = ''): string {
  const c = (name: string) => `${alias}${name}`;
  const where: string[] = [];
  if (f.unitIds) {
    where.push(`${c('unit_id')} = ANY(${p(f.unitIds)}::uuid[])`);
  }
  if (f.channel) {
    where.push(`${c('channel')} = ${p(f.channel)}`);
  }
  if (f.kind) {
    where.push(`${c('kind')} = ${p(f.kind)}`);
  }
  if (f.categoryIds) {
    where.push(`${c('category_id')} = ANY(${p(f.categoryIds)}::uuid[])`);
  }
  return where.length ? where.join(' AND ') : 'true';
}

export type CountSet = 'kind' | 'channel' | 'category' | 'unit' | 'owner' | 'unit_channel';
export interface CountRow {
  set: CountSet;
  bucket: string | null;
  key: string | null;
  channel: string | null;
  n: number;
}

const SETS: Record<CountSet, { columns: readonly string[]; key: string; needs: readonly ProjectedDim[] }> = {
  kind: { columns: ['b', 'kind'], key: 'kind', needs: [] },
  channel: { columns: ['b', 'channel'], key: 'channel', needs: [] },
  category: { columns: ['b', 'category_id'], key: 'category_id::text', needs: ['category'] },
  unit: { columns: ['b', 'unit_id'], key: 'unit_id::text', needs: ['unit'] },
  owner: { columns: ['b', 'owner_id'], key: 'owner_id::text', needs: ['owner'] },
  unit_channel: { columns: ['unit_id', 'channel'], key: 'unit_id::text', needs: ['unit'] },
};
const ALL_COLUMNS = ['b', 'kind', 'channel', 'category_id', 'unit_id', 'owner_id'];

/** GROUPING(columns…) of a set: a bit, most significant first, is 1 where the column is not grouped in that set. */
export function groupingMask(columns: readonly string[], set: readonly string[]): number {
  return columns.reduce((mask, c) => (mask << 1) | (set.includes(c) ? 0 : 1), 0);
}

const BUCKET: Record<Grain, string> = {
  month: "date_trunc('month', day::timestamp)::date",
  week: "date_trunc('week', day::timestamp)::date",
  day: 'day',
};

export interface CountQuery extends DimFilter {
  from: string;
  to: string;
  /** Whole buckets [from, to) of the grain read from analytics_rollup (month and week grains); null reads every day. */
  whole: { from: string; to: string } | null;
  grain: Grain;
  sets: readonly CountSet[];
}

/** The dimensions a filter needs a projection to keep. */
export function filterNeeds(f: DimFilter): ProjectedDim[] {
  return [...(f.unitIds ? ['unit' as const] : []), ...(f.categoryIds ? ['category' as const] : [])];
}

/**
 * Appeals received per bucket and per dimension in [from, to] (organisation days, inclusive). The sets are answered
 * from the smallest projections that hold them, one statement per projection, run side by side.
 */
export async function counts(db: Db, q: CountQuery): Promise<CountRow[]> {
  const byProjection = new Map<number, CountSet[]>();
  for (const set of q.sets) {
    // 0: no projection of this grain holds the set with its filters; it reads days.
    const id =
      q.grain === 'day' || !q.whole ? 0 : (projectionFor([...SETS[set].needs, ...filterNeeds(q)], q.grain)?.id ?? 0);
    byProjection.set(id, [...(byProjection.get(id) ?? []), set]);
  }
  const parts = await Promise.all(
    [...byProjection].map(([projection, sets]) => withoutJit(db, (tx) => countsOf(tx, q, projection, sets))),
  );
  return parts.flat();
}

/**
 * Runs a read without PostgreSQL's JIT compilation: these aggregates cost enough to trigger it, and compiling takes
 * longer than running them (measured: the dashboard's p50 falls by about 40 %). PGlite has no JIT.
 */
export function withoutJit<T>(db: Db, fn: (q: Queryable) => Promise<T>): Promise<T> {
  if (db.kind === 'pglite') {
    return fn(db);
  }
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL jit = off');
    return fn(tx);
  });
}

async function countsOf(
  db: Queryable,
  q: CountQuery,
  projection: number,
  sets: readonly CountSet[],
): Promise<CountRow[]> {
  const whole = projection === 0 ? null : q.whole;
  const params: unknown[] = [q.from, q.to, whole?.from ?? '1970-01-01', whole?.to ?? '1970-01-01', projection, q.grain];
  const p = (v: unknown) => `$${params.push(v)}`;
  const f = dims(q, p);
  const cols = 'kind, channel, category_id, unit_id, owner_id';
  const used = ALL_COLUMNS.filter((c) => sets.some((s) => SETS[s].columns.includes(c)));
  const grouping = `GROUPING(${used.join(', ')})`;
  const label = `CASE ${grouping} ${sets.map((s) => `WHEN ${groupingMask(used, SETS[s].columns)} THEN '${s}'`).join(' ')} END`;
  const key = `CASE ${grouping} ${sets.map((s) => `WHEN ${groupingMask(used, SETS[s].columns)} THEN ${SETS[s].key}`).join(' ')} END`;
  return db.query<CountRow>(
    `WITH src AS (
       SELECT start AS day, ${cols}, appeals AS n FROM analytics_rollup
       WHERE grain = $6 AND projection = $5 AND start >= $3::date AND start < $4::date AND ${f}
       UNION ALL
       SELECT day, ${cols}, appeals FROM analytics_day
       WHERE day >= $1::date AND day <= $2::date AND NOT (day >= $3::date AND day < $4::date) AND ${f}
       UNION ALL
       SELECT day, ${cols}, n FROM analytics_delta WHERE day >= $1::date AND day <= $2::date AND ${f}
     ), b AS (SELECT ${BUCKET[q.grain]} AS b, ${cols}, n FROM src)
     SELECT ${label} AS set, ${used.includes('b') ? "to_char(b, 'YYYY-MM-DD')" : 'NULL'} AS bucket, ${key} AS key,
       ${used.includes('channel') ? 'channel' : 'NULL'} AS channel, sum(n)::int AS n
     FROM b GROUP BY GROUPING SETS (${sets.map((s) => `(${SETS[s].columns.join(', ')})`).join(', ')})
     HAVING sum(n) <> 0`,
    params,
  );
}

/** Whether any appeal was received on the organisation days [from, to] (folded or not). */
export async function anyAppealsBetween(db: Queryable, from: string, to: string): Promise<boolean> {
  const rows = await db.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM analytics_day WHERE day >= $1::date AND day <= $2::date AND appeals <> 0)
         OR EXISTS (SELECT 1 FROM analytics_delta WHERE day >= $1::date AND day <= $2::date) AS any`,
    [from, to],
  );
  return rows[0]?.any ?? true;
}

// Each day's row goes to every projection of every grain it keeps, with the dimensions it drops set to NULL.
const PROJECTED = `SELECT g.grain, p.id, date_trunc(g.grain, d.day::timestamp)::date, CASE WHEN p.by_unit THEN d.unit_id END, d.channel,
         d.kind, CASE WHEN p.by_category THEN d.category_id END, CASE WHEN p.by_owner THEN d.owner_id END`;
const PROJECTIONS_OF =
  'CROSS JOIN analytics_projections p CROSS JOIN unnest(p.grains) AS g (grain) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8';

/** Folds the pending deltas into the day table and the roll-up in one statement (so a reader never counts one twice). */
export async function foldDeltas(db: Queryable, limit = 50_000): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `WITH d AS (
       DELETE FROM analytics_delta WHERE id IN (SELECT id FROM analytics_delta ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING day, unit_id, channel, kind, category_id, owner_id, n
     ), per_day AS (
       INSERT INTO analytics_day AS t (day, unit_id, channel, kind, category_id, owner_id, appeals)
       SELECT day, unit_id, channel, kind, category_id, owner_id, sum(n) FROM d GROUP BY 1, 2, 3, 4, 5, 6
       ON CONFLICT (day, unit_id, channel, kind, category_id, owner_id) DO UPDATE SET appeals = t.appeals + excluded.appeals
     ), per_bucket AS (
       INSERT INTO analytics_rollup AS t (grain, projection, start, unit_id, channel, kind, category_id, owner_id, appeals)
       ${PROJECTED}, sum(d.n) FROM d ${PROJECTIONS_OF}
       ON CONFLICT (grain, projection, start, unit_id, channel, kind, category_id, owner_id) DO UPDATE SET appeals = t.appeals + excluded.appeals
     )
     SELECT count(*)::int AS n FROM d`,
    [limit],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Vacuums and analyses the analytics tables: the fold updates roll-up rows in place, and PGlite runs no autovacuum,
 * so without this its plans would go stale and its tables bloat.
 */
export async function maintain(db: Queryable): Promise<void> {
  await db.exec('VACUUM (ANALYZE) analytics_day, analytics_rollup, analytics_delta, analytics_facts, analytics_dirty');
}

/**
 * Recounts both roll-ups from the register (after the organisation's time zone changed). Appeal writes wait meanwhile,
 * so none writes a delta counted in the old zone after the recount.
 */
export async function rebuildRollups(tx: Queryable): Promise<void> {
  await tx.exec(`
    LOCK TABLE appeals IN SHARE MODE;
    DELETE FROM analytics_delta; DELETE FROM analytics_day; DELETE FROM analytics_rollup;
    INSERT INTO analytics_day (day, unit_id, channel, kind, category_id, owner_id, appeals)
    SELECT analytics_org_day(received_at), unit_id, channel, kind, category_id, owner_id, count(*) FROM appeals GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO analytics_rollup (grain, projection, start, unit_id, channel, kind, category_id, owner_id, appeals)
    ${PROJECTED}, sum(d.appeals) FROM analytics_day d ${PROJECTIONS_OF};
    INSERT INTO analytics_dirty (appeal_id) SELECT id FROM appeals ON CONFLICT DO NOTHING;`);
}

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
       DELETE FROM analytics_dirty WHERE appeal_id IN (SELECT appeal_id FROM analytics_dirty LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING appeal_id
     )
     SELECT d.appeal_id AS id, a.id IS NOT NULL AS exists, a.received_at AS "receivedAt", coalesce(a.resolved_at, a.closed_at) AS "doneAt",
       (SELECT min(m.created_at) FROM appeal_messages m WHERE m.appeal_id = a.id AND m.direction = 'outbound') AS "firstResponseAt"
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
    `INSERT INTO analytics_facts (appeal_id, sample, day, unit_id, channel, kind, category_id, owner_id, first_response_minutes, resolution_minutes)
     SELECT a.id, abs(hashtext(a.id::text)) % 64, (a.received_at AT TIME ZONE (SELECT time_zone FROM analytics_settings))::date, a.unit_id, a.channel, a.kind, a.category_id, a.owner_id, v.fr, v.rs
     FROM unnest($1::uuid[], $2::real[], $3::real[]) AS v (id, fr, rs) JOIN appeals a ON a.id = v.id
     ON CONFLICT (appeal_id) DO UPDATE SET day = excluded.day, unit_id = excluded.unit_id, channel = excluded.channel, kind = excluded.kind,
       category_id = excluded.category_id, owner_id = excluded.owner_id, first_response_minutes = excluded.first_response_minutes,
       resolution_minutes = excluded.resolution_minutes`,
    [rows.map((r) => r.id), rows.map((r) => r.firstResponseMinutes), rows.map((r) => r.resolutionMinutes)],
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
  q: DimFilter & { from: string; to: string; slices: number },
): Promise<PercentileRow> {
  const params: unknown[] = [q.from, q.to];
  const p = (v: unknown) => `$${params.push(v)}`;
  const sample = q.slices >= 64 ? '' : `AND sample < ${p(q.slices)}`;
  const rows = await db.query<PercentileRow>(
    `SELECT count(first_response_minutes)::int AS "frCount",
       percentile_disc(0.5) WITHIN GROUP (ORDER BY first_response_minutes) AS "frMedian",
       percentile_disc(0.9) WITHIN GROUP (ORDER BY first_response_minutes) AS "frP90",
       count(resolution_minutes)::int AS "rsCount",
       percentile_disc(0.5) WITHIN GROUP (ORDER BY resolution_minutes) AS "rsMedian",
       percentile_disc(0.9) WITHIN GROUP (ORDER BY resolution_minutes) AS "rsP90"
     FROM analytics_facts WHERE day >= $1::date AND day <= $2::date ${sample} AND ${dims(q, p)}`,
    params,
  );
  return rows[0]!;
}

export const OPEN_STATUSES = ['new', 'open', 'pending_customer', 'pending_unit'] as const;

/** Open appeals now by status, and how many of them have a deadline passed and not met. */
export function backlog(
  db: Queryable,
  f: DimFilter,
  now: Date,
): Promise<{ status: string; n: number; overdue: number }[]> {
  const params: unknown[] = [OPEN_STATUSES, now];
  const p = (v: unknown) => `$${params.push(v)}`;
  return db.query(
    `SELECT a.status, count(*)::int AS n,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM appeal_sla_targets t WHERE t.appeal_id = a.id AND t.met_at IS NULL
         AND (t.breached_at IS NOT NULL OR t.due_at <= $2)))::int AS overdue
     FROM appeals a WHERE a.status = ANY($1::text[]) AND ${dims(f, p, 'a.')}
     GROUP BY a.status`,
    params,
  );
}

export interface CategoryInfo {
  id: string;
  parentId: string | null;
  code: string;
  nameRu: string;
  nameEn: string;
}
export const categories = (db: Queryable) =>
  db.query<CategoryInfo>(
    'SELECT id, parent_id AS "parentId", code, name_ru AS "nameRu", name_en AS "nameEn" FROM categories ORDER BY position, code',
  );

export async function unitNames(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) {
    return new Map();
  }
  const rows = await db.query<{ id: string; name: string }>('SELECT id, name FROM units WHERE id = ANY($1::uuid[])', [
    ids,
  ]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function userNames(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) {
    return new Map();
  }
  const rows = await db.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE id = ANY($1::uuid[])', [
    ids,
  ]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface SettingsRow {
  timeZone: string;
  reportTime: string;
}
export async function settings(db: Queryable): Promise<SettingsRow> {
  const rows = await db.query<SettingsRow>(
    'SELECT time_zone AS "timeZone", report_time AS "reportTime" FROM analytics_settings',
  );
  return rows[0]!;
}
export async function updateSettings(tx: Queryable, s: SettingsRow): Promise<void> {
  await tx.query('UPDATE analytics_settings SET time_zone = $1, report_time = $2, updated_at = now()', [
    s.timeZone,
    s.reportTime,
  ]);
}
