// SQL of the count roll-ups: appeals received per day, per month and week in each projection, and the deltas
// the appeals trigger writes until a fold adds them in; the reads that answer the dashboard's counts from them.
import { type SqlBool, sql } from 'kysely';
import type { Db, Queryable } from '../../db/db.ts';
import { builder, run } from '../../db/sql-builder.ts';
import { type DimFilter, date, dimConditions } from './analytics.dims.repo.ts';
import type { Grain } from './periods.ts';
import { type ProjectedDim, projectionFor } from './projections.ts';

export type CountSet = 'kind' | 'channel' | 'category' | 'unit' | 'owner' | 'unit_channel';
export interface CountRow {
  set: CountSet;
  bucket: string | null;
  key: string | null;
  channel: string | null;
  n: number;
}

/** Each set: the columns it groups by (b: the bucket), the expression of its key, the dimensions it needs kept. */
const SETS: Record<CountSet, { columns: readonly string[]; key: string; needs: readonly ProjectedDim[] }> = {
  kind: { columns: ['b', 'kind'], key: 'kind', needs: [] },
  channel: { columns: ['b', 'channel'], key: 'channel', needs: [] },
  category: { columns: ['b', 'category_id'], key: 'category_id::text', needs: ['category'] },
  unit: { columns: ['b', 'unit_id'], key: 'unit_id::text', needs: ['unit'] },
  owner: { columns: ['b', 'owner_id'], key: 'owner_id::text', needs: ['owner'] },
  unit_channel: { columns: ['unit_id', 'channel'], key: 'unit_id::text', needs: ['unit'] },
};
const ALL_COLUMNS = ['b', 'kind', 'channel', 'category_id', 'unit_id', 'owner_id'];
/** The dimensions each store counts appeals by. */
const COUNTED = ['kind', 'channel', 'category_id', 'unit_id', 'owner_id'] as const;

/** GROUPING(columns…) of a set: a bit, most significant first, is 1 where the column is not grouped in that set. */
export function groupingMask(columns: readonly string[], set: readonly string[]): number {
  return columns.reduce((mask, column) => (mask << 1) | (set.includes(column) ? 0 : 1), 0);
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
export function filterNeeds(filter: DimFilter): ProjectedDim[] {
  return [...(filter.unitIds ? ['unit' as const] : []), ...(filter.categoryIds ? ['category' as const] : [])];
}

/**
 * Appeals received per bucket and per dimension in [from, to] (organisation days, inclusive). The sets are answered
 * from the smallest projections that hold them, one statement per projection, run side by side.
 */
export async function counts(db: Db, query: CountQuery): Promise<CountRow[]> {
  const byProjection = new Map<number, CountSet[]>();
  for (const set of query.sets) {
    // 0: no projection of this grain holds the set with its filters; it reads days.
    const needs = [...SETS[set].needs, ...filterNeeds(query)];
    const id = query.grain === 'day' || !query.whole ? 0 : (projectionFor(needs, query.grain)?.id ?? 0);
    byProjection.set(id, [...(byProjection.get(id) ?? []), set]);
  }
  const parts = await Promise.all(
    [...byProjection].map(([projection, sets]) => withoutJit(db, (tx) => countsOf(tx, query, projection, sets))),
  );
  return parts.flat();
}

/**
 * Runs a read without PostgreSQL's JIT compilation: these aggregates cost enough to trigger it, and compiling takes
 * longer than running them (measured: the dashboard's p50 falls by about 40 %). PGlite has no JIT.
 */
export function withoutJit<T>(db: Db, read: (queryable: Queryable) => Promise<T>): Promise<T> {
  if (db.kind === 'pglite') {
    return read(db);
  }
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL jit = off');
    return read(tx);
  });
}

/** An empty range of days: a statement reading no whole buckets reads them from none. */
const NO_DAYS = { from: '1970-01-01', to: '1970-01-01' };

/**
 * Every appeal counted once: whole buckets from the projection's roll-up, the period's other days from the day
 * table, and the deltas not folded yet.
 */
function countSources(query: CountQuery, projection: number) {
  const whole = (projection === 0 ? null : query.whole) ?? NO_DAYS;
  const dims = dimConditions(query);
  const rollup = builder
    .selectFrom('analytics_rollup')
    .select(['start as day', ...COUNTED, 'appeals as n'])
    .where('grain', '=', query.grain)
    .where('projection', '=', projection)
    .where('start', '>=', date(whole.from))
    .where('start', '<', date(whole.to))
    .where((eb) => eb.and(dims));
  const days = builder
    .selectFrom('analytics_day')
    .select(['day', ...COUNTED, 'appeals as n'])
    .where('day', '>=', date(query.from))
    .where('day', '<=', date(query.to))
    .where((eb) => eb.not(eb.and([eb('day', '>=', date(whole.from)), eb('day', '<', date(whole.to))])))
    .where((eb) => eb.and(dims));
  const deltas = builder
    .selectFrom('analytics_delta')
    .select(['day', ...COUNTED, 'n'])
    .where('day', '>=', date(query.from))
    .where('day', '<=', date(query.to))
    .where((eb) => eb.and(dims));
  return rollup.unionAll(days).unionAll(deltas);
}

/** The counts of these sets, read from one projection (0: days only). */
function countsOf(db: Queryable, query: CountQuery, projection: number, sets: readonly CountSet[]) {
  const used = ALL_COLUMNS.filter((column) => sets.some((set) => SETS[set].columns.includes(column)));
  const grouping = `GROUPING(${used.join(', ')})`;
  const whenSet = (then: (set: CountSet) => string) =>
    sets.map((set) => `WHEN ${groupingMask(used, SETS[set].columns)} THEN ${then(set)}`).join(' ');
  const groupingSets = sets.map((set) => `(${SETS[set].columns.join(', ')})`).join(', ');
  const statement = builder
    .with('src', () => countSources(query, projection))
    .with('b', (creator) =>
      creator.selectFrom('src').select([sql.raw<string>(BUCKET[query.grain]).as('b'), ...COUNTED, 'n']),
    )
    .selectFrom('b')
    .select([
      sql.raw<CountSet>(`CASE ${grouping} ${whenSet((set) => `'${set}'`)} END`).as('set'),
      sql.raw<string | null>(used.includes('b') ? "to_char(b, 'YYYY-MM-DD')" : 'NULL').as('bucket'),
      sql.raw<string | null>(`CASE ${grouping} ${whenSet((set) => SETS[set].key)} END`).as('key'),
      sql.raw<string | null>(used.includes('channel') ? 'channel' : 'NULL').as('channel'),
      sql<number>`sum(n)::int`.as('n'),
    ])
    .groupBy(sql.raw(`GROUPING SETS (${groupingSets})`))
    .having(sql<SqlBool>`sum(n) <> 0`);
  return run(db, statement);
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
const PROJECTED = `SELECT g.grain, p.id, date_trunc(g.grain, d.day::timestamp)::date,
         CASE WHEN p.by_unit THEN d.unit_id END, d.channel, d.kind,
         CASE WHEN p.by_category THEN d.category_id END, CASE WHEN p.by_owner THEN d.owner_id END`;
const PROJECTIONS_OF = `CROSS JOIN analytics_projections p CROSS JOIN unnest(p.grains) AS g (grain)
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;

/**
 * Folds the pending deltas into the day table and the roll-up in one statement (so a reader never counts one
 * twice).
 */
export async function foldDeltas(db: Queryable, limit = 50_000): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `WITH d AS (
       DELETE FROM analytics_delta
       WHERE id IN (SELECT id FROM analytics_delta ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING day, unit_id, channel, kind, category_id, owner_id, n
     ), per_day AS (
       INSERT INTO analytics_day AS t (day, unit_id, channel, kind, category_id, owner_id, appeals)
       SELECT day, unit_id, channel, kind, category_id, owner_id, sum(n) FROM d GROUP BY 1, 2, 3, 4, 5, 6
       ON CONFLICT (day, unit_id, channel, kind, category_id, owner_id)
       DO UPDATE SET appeals = t.appeals + excluded.appeals
     ), per_bucket AS (
       INSERT INTO analytics_rollup AS t (grain, projection, start, unit_id, channel, kind, category_id, owner_id,
         appeals)
       ${PROJECTED}, sum(d.n) FROM d ${PROJECTIONS_OF}
       ON CONFLICT (grain, projection, start, unit_id, channel, kind, category_id, owner_id)
       DO UPDATE SET appeals = t.appeals + excluded.appeals
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
    SELECT analytics_org_day(received_at), unit_id, channel, kind, category_id, owner_id, count(*)
    FROM appeals
    GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO analytics_rollup (grain, projection, start, unit_id, channel, kind, category_id, owner_id, appeals)
    ${PROJECTED}, sum(d.appeals) FROM analytics_day d ${PROJECTIONS_OF};
    INSERT INTO analytics_dirty (appeal_id) SELECT id FROM appeals ON CONFLICT DO NOTHING;`);
}
