// SQL for appeals' SLA targets: writing them on create (one statement), reading them for pages of appeals,
// meeting them on replies, and the bulk upserts of re-classification and recomputation.
import type { Queryable } from '../../db/db.ts';
import type { Metric } from './appeal-sla.schema.ts';
import type { TargetRow } from './sla-plan.ts';
import type { ClosedPause, Pause } from './working-time.ts';

export interface StoredTarget extends TargetRow {
  id: number;
  appealId: string;
}

const COLUMNS = `t.id, t.appeal_id AS "appealId", t.metric, t.cycle, t.policy_id AS "policyId",
  t.calendar_id AS "calendarId", t.minutes, t.warn_minutes AS "warnMinutes", t.started_at AS "startedAt",
  t.due_at AS "dueAt", t.warn_at AS "warnAt", t.met_at AS "metAt", t.breached_at AS "breachedAt",
  t.warned_at AS "warnedAt", t.paused_since AS "pausedSince", t.pauses,
  t.paused_minutes::float8 AS "pausedMinutes"`;

type RawTarget = Omit<StoredTarget, 'pauses'> & { pauses: { from: string; to: string }[] };

const toTarget = (raw: RawTarget): StoredTarget => ({
  ...raw,
  metric: raw.metric as Metric,
  pauses: raw.pauses.map((pause): ClosedPause => ({ from: new Date(pause.from), to: new Date(pause.to) })),
});

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const pausesJson = (pauses: readonly Pause[]) =>
  JSON.stringify(pauses.map((pause) => ({ from: pause.from.toISOString(), to: pause.to?.toISOString() })));

/** A target row as it is written, with its appeal. */
type WrittenTarget = TargetRow & { appealId: string };

/**
 * The columns a bulk write fills from one array parameter each (unnested side by side into rows): each with the
 * element type of its array and the value a target row gives it.
 */
const WRITTEN = {
  appeal_id: { type: 'uuid', value: (row: WrittenTarget) => row.appealId },
  metric: { type: 'text', value: (row: WrittenTarget) => row.metric },
  cycle: { type: 'int', value: (row: WrittenTarget) => row.cycle },
  policy_id: { type: 'uuid', value: (row: WrittenTarget) => row.policyId },
  calendar_id: { type: 'uuid', value: (row: WrittenTarget) => row.calendarId },
  minutes: { type: 'int', value: (row: WrittenTarget) => row.minutes },
  warn_minutes: { type: 'int', value: (row: WrittenTarget) => row.warnMinutes },
  started_at: { type: 'timestamptz', value: (row: WrittenTarget) => iso(row.startedAt) },
  due_at: { type: 'timestamptz', value: (row: WrittenTarget) => iso(row.dueAt) },
  warn_at: { type: 'timestamptz', value: (row: WrittenTarget) => iso(row.warnAt) },
  met_at: { type: 'timestamptz', value: (row: WrittenTarget) => iso(row.metAt) },
  breached_at: { type: 'timestamptz', value: (row: WrittenTarget) => iso(row.breachedAt) },
  warned_at: { type: 'timestamptz', value: (row: WrittenTarget) => iso(row.warnedAt) },
  paused_since: { type: 'timestamptz', value: (row: WrittenTarget) => iso(row.pausedSince) },
  pauses: { type: 'jsonb', value: (row: WrittenTarget) => pausesJson(row.pauses) },
  paused_minutes: { type: 'float8', value: (row: WrittenTarget) => row.pausedMinutes },
} as const;
type WrittenColumn = keyof typeof WRITTEN;

/** `$n::type[]` for each column, its values added to the statement's parameters by `param`. */
function arrayParams(
  columns: readonly WrittenColumn[],
  rows: readonly WrittenTarget[],
  param: (value: unknown) => string,
): string {
  return columns
    .map((column) => {
      const { type, value } = WRITTEN[column];
      return `${param(rows.map((row) => value(row)))}::${type}[]`;
    })
    .join(', ');
}

/** New appeals' targets, as the appeals register's create statement writes them. */
export interface NewTargets {
  appealId: string;
  policyId: string | null;
  rows: readonly TargetRow[];
}

/** What a new appeal's target carries beyond its first cycle's constants (cycle 1, nothing paused yet). */
const NEW_TARGET_COLUMNS: readonly WrittenColumn[] = [
  'appeal_id',
  'policy_id',
  'metric',
  'calendar_id',
  'minutes',
  'warn_minutes',
  'started_at',
  'due_at',
  'warn_at',
  'met_at',
  'breached_at',
  'paused_since',
];

/**
 * A CTE body that inserts new appeals' targets (each joined to its row of the CTE named `appeal`), for the appeals
 * register's create statement. `param` adds a value to that statement's parameters and returns its placeholder.
 */
export function newTargetsCte(
  appeal: string,
  targets: readonly NewTargets[],
  param: (value: unknown) => string,
): string {
  const rows = targets.flatMap((target) =>
    target.rows.map((row) => ({ ...row, appealId: target.appealId, policyId: target.policyId })),
  );
  return `INSERT INTO appeal_sla_targets (appeal_id, metric, cycle, policy_id, calendar_id, minutes, warn_minutes,
      started_at, due_at, warn_at, met_at, breached_at, paused_since, paused_minutes)
    SELECT t.appeal_id, t.metric, 1, t.policy_id, t.calendar_id, t.minutes, t.warn_minutes, t.started_at, t.due_at,
      t.warn_at, t.met_at, t.breached_at, t.paused_since, 0
    FROM unnest(${arrayParams(NEW_TARGET_COLUMNS, rows, param)})
      AS t (${NEW_TARGET_COLUMNS.join(', ')})
    -- Only for the appeals the statement wrote (none when the SLA plan was stale).
    WHERE t.appeal_id IN (SELECT id FROM ${appeal})`;
}

/** Every target of these appeals, all cycles. */
export async function targetsOf(
  db: Queryable,
  appealIds: readonly string[],
  forUpdate = false,
): Promise<StoredTarget[]> {
  if (appealIds.length === 0) {
    return [];
  }
  const rows = await db.query<RawTarget>(
    `SELECT ${COLUMNS}
     FROM appeal_sla_targets t
     WHERE t.appeal_id = ANY($1::uuid[])
     ORDER BY t.appeal_id, t.metric, t.cycle
     ${forUpdate ? 'FOR UPDATE' : ''}`,
    [appealIds],
  );
  return rows.map(toTarget);
}

/** Every target of these appeals, all cycles, by appeal. */
export async function targetsByAppeal(
  db: Queryable,
  appealIds: readonly string[],
): Promise<Map<string, StoredTarget[]>> {
  const byAppeal = new Map<string, StoredTarget[]>();
  for (const target of await targetsOf(db, appealIds)) {
    const list = byAppeal.get(target.appealId);
    if (list) {
      list.push(target);
    } else {
      byAppeal.set(target.appealId, [target]);
    }
  }
  return byAppeal;
}

/** Every column an upsert writes, in the order of the table's columns; the first three are the key. */
const UPSERT_COLUMNS = Object.keys(WRITTEN) as WrittenColumn[];
const UPSERT_KEY: readonly WrittenColumn[] = ['appeal_id', 'metric', 'cycle'];

/** Inserts or rewrites targets by (appeal, metric, cycle), all in one statement. */
export async function upsert(db: Queryable, rows: readonly WrittenTarget[]): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const updates = UPSERT_COLUMNS.filter((column) => !UPSERT_KEY.includes(column)).map(
    (column) => `${column} = EXCLUDED.${column}`,
  );
  await db.query(
    `INSERT INTO appeal_sla_targets (${UPSERT_COLUMNS.join(', ')})
     SELECT * FROM unnest(${arrayParams(UPSERT_COLUMNS, rows, param)})
     ON CONFLICT (${UPSERT_KEY.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
    params,
  );
}

export async function remove(db: Queryable, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) {
    return;
  }
  await db.query('DELETE FROM appeal_sla_targets WHERE id = ANY($1::bigint[])', [ids]);
}

/**
 * Meets the appeal's running targets of these metrics at `at`; late ones are recorded as breached, and an open
 * pause is closed. Returns the metrics met.
 */
export async function meet(db: Queryable, appealId: string, metrics: readonly Metric[], at: Date): Promise<Metric[]> {
  const rows = await db.query<{ metric: Metric }>(
    `UPDATE appeal_sla_targets SET met_at = $3,
       breached_at = CASE WHEN breached_at IS NULL AND due_at IS NOT NULL AND due_at < $3 THEN $3 ELSE breached_at END,
       pauses = CASE WHEN paused_since IS NULL THEN pauses
         ELSE pauses || jsonb_build_array(
           jsonb_build_object('from', paused_since, 'to', greatest(paused_since, $3::timestamptz)))
         END,
       paused_since = NULL
     WHERE appeal_id = $1 AND metric = ANY($2::text[]) AND met_at IS NULL
     RETURNING metric`,
    [appealId, metrics, at],
  );
  return rows.map((row) => row.metric);
}

/** A next-response cycle, unless one with its number exists already. */
export async function insertCycle(db: Queryable, appealId: string, row: TargetRow): Promise<void> {
  await db.query(
    `INSERT INTO appeal_sla_targets (appeal_id, metric, cycle, policy_id, calendar_id, minutes, warn_minutes,
       started_at, due_at, warn_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (appeal_id, metric, cycle) DO NOTHING`,
    [
      appealId,
      row.metric,
      row.cycle,
      row.policyId,
      row.calendarId,
      row.minutes,
      row.warnMinutes,
      row.startedAt,
      row.dueAt,
      row.warnAt,
    ],
  );
}
