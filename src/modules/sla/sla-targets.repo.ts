// SQL for appeals' SLA targets: writing them on create (one statement), reading them for pages of appeals,
// meeting them on replies, and the bulk upserts of re-classification and recomputation.
import type { Queryable } from '../../db/db.ts';
import type { Metric } from './appeal-sla.schema.ts';
import type { TargetRow } from './sla-plan.ts';
import type { Pause } from './working-time.ts';

export interface StoredTarget extends TargetRow {
  id: number;
  appealId: string;
}

const COLUMNS = `t.id, t.appeal_id AS "appealId", t.metric, t.cycle, t.policy_id AS "policyId", t.calendar_id AS "calendarId",
  t.minutes, t.warn_minutes AS "warnMinutes", t.started_at AS "startedAt", t.due_at AS "dueAt", t.warn_at AS "warnAt",
  t.met_at AS "metAt", t.breached_at AS "breachedAt", t.warned_at AS "warnedAt", t.paused_since AS "pausedSince",
  t.pauses, t.paused_minutes::float8 AS "pausedMinutes"`;

type RawTarget = Omit<StoredTarget, 'pauses'> & { pauses: { from: string; to: string }[] };

const toTarget = (r: RawTarget): StoredTarget => ({
  ...r,
  metric: r.metric as Metric,
  pauses: r.pauses.map((p): Pause => ({ from: new Date(p.from), to: new Date(p.to) })),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const pausesJson = (pauses: readonly Pause[]) =>
  JSON.stringify(pauses.map((p) => ({ from: p.from.toISOString(), to: p.to?.toISOString() })));

/** New appeals' targets, as the appeals register's create statement writes them. */
export interface NewTargets {
  appealId: string;
  policyId: string | null;
  rows: readonly TargetRow[];
}

/**
 * A CTE body that inserts new appeals' targets (each joined to its row of the CTE named `appeal`), for the appeals
 * register's create statement. `param` adds a value to that statement's parameters and returns its placeholder.
 */
export function newTargetsCte(
  appeal: string,
  targets: readonly NewTargets[],
  param: (value: unknown) => string,
): string {
  const rows = targets.flatMap((t) => t.rows.map((row) => ({ ...row, appealId: t.appealId, policyId: t.policyId })));
  const col = <T>(f: (r: (typeof rows)[number]) => T, type: string) => `${param(rows.map(f))}::${type}[]`;
  return `INSERT INTO appeal_sla_targets (appeal_id, metric, cycle, policy_id, calendar_id, minutes, warn_minutes, started_at,
      due_at, warn_at, met_at, breached_at, paused_since, paused_minutes)
    SELECT t.appeal_id, t.metric, 1, t.policy_id, t.calendar_id, t.minutes, t.warn_minutes, t.started_at, t.due_at,
      t.warn_at, t.met_at, t.breached_at, t.paused_since, 0
    FROM unnest(${col((r) => r.appealId, 'uuid')}, ${col((r) => r.policyId, 'uuid')}, ${col((r) => r.metric, 'text')},
      ${col((r) => r.calendarId, 'uuid')}, ${col((r) => r.minutes, 'int')}, ${col((r) => r.warnMinutes, 'int')},
      ${col((r) => iso(r.startedAt), 'timestamptz')}, ${col((r) => iso(r.dueAt), 'timestamptz')}, ${col((r) => iso(r.warnAt), 'timestamptz')},
      ${col((r) => iso(r.metAt), 'timestamptz')}, ${col((r) => iso(r.breachedAt), 'timestamptz')}, ${col((r) => iso(r.pausedSince), 'timestamptz')})
      AS t (appeal_id, policy_id, metric, calendar_id, minutes, warn_minutes, started_at, due_at, warn_at, met_at, breached_at, paused_since)
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
    `SELECT ${COLUMNS} FROM appeal_sla_targets t WHERE t.appeal_id = ANY($1::uuid[]) ORDER BY t.appeal_id, t.metric, t.cycle
     ${forUpdate ? 'FOR UPDATE' : ''}`,
    [appealIds],
  );
  return rows.map(toTarget);
}

/** Inserts or rewrites targets by (appeal, metric, cycle), all in one statement. */
export async function upsert(db: Queryable, rows: readonly (TargetRow & { appealId: string })[]): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  await db.query(
    `INSERT INTO appeal_sla_targets (appeal_id, metric, cycle, policy_id, calendar_id, minutes, warn_minutes, started_at, due_at,
       warn_at, met_at, breached_at, warned_at, paused_since, pauses, paused_minutes)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::uuid[], $5::uuid[], $6::int[], $7::int[], $8::timestamptz[],
       $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[],
       $15::jsonb[], $16::float8[])
     ON CONFLICT (appeal_id, metric, cycle) DO UPDATE SET policy_id = EXCLUDED.policy_id, calendar_id = EXCLUDED.calendar_id,
       minutes = EXCLUDED.minutes, warn_minutes = EXCLUDED.warn_minutes, started_at = EXCLUDED.started_at, due_at = EXCLUDED.due_at,
       warn_at = EXCLUDED.warn_at, met_at = EXCLUDED.met_at, breached_at = EXCLUDED.breached_at, warned_at = EXCLUDED.warned_at,
       paused_since = EXCLUDED.paused_since, pauses = EXCLUDED.pauses, paused_minutes = EXCLUDED.paused_minutes`,
    [
      rows.map((r) => r.appealId),
      rows.map((r) => r.metric),
      rows.map((r) => r.cycle),
      rows.map((r) => r.policyId),
      rows.map((r) => r.calendarId),
      rows.map((r) => r.minutes),
      rows.map((r) => r.warnMinutes),
      rows.map((r) => iso(r.startedAt)),
      rows.map((r) => iso(r.dueAt)),
      rows.map((r) => iso(r.warnAt)),
      rows.map((r) => iso(r.metAt)),
      rows.map((r) => iso(r.breachedAt)),
      rows.map((r) => iso(r.warnedAt)),
      rows.map((r) => iso(r.pausedSince)),
      rows.map((r) => pausesJson(r.pauses)),
      rows.map((r) => r.pausedMinutes),
    ],
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
         ELSE pauses || jsonb_build_array(jsonb_build_object('from', paused_since, 'to', greatest(paused_since, $3::timestamptz))) END,
       paused_since = NULL
     WHERE appeal_id = $1 AND metric = ANY($2::text[]) AND met_at IS NULL
     RETURNING metric`,
    [appealId, metrics, at],
  );
  return rows.map((r) => r.metric);
}

export interface MessageFacts {
  appealId: string;
  firstOutboundAt: Date | null;
  firstUnitNoteAt: Date | null;
}

/** When each appeal was first answered and when its unit first reported, for targets added after the fact. */
export async function messageFacts(db: Queryable, appealIds: readonly string[]): Promise<MessageFacts[]> {
  if (appealIds.length === 0) {
    return [];
  }
  return db.query<MessageFacts>(
    `SELECT m.appeal_id AS "appealId",
       min(m.created_at) FILTER (WHERE m.direction = 'outbound') AS "firstOutboundAt",
       min(m.created_at) FILTER (WHERE m.direction = 'note' AND u.role = 'unit_responsible') AS "firstUnitNoteAt"
     FROM appeal_messages m LEFT JOIN users u ON u.id = m.author_id
     WHERE m.appeal_id = ANY($1::uuid[]) GROUP BY m.appeal_id`,
    [appealIds],
  );
}

/** What policy matching and deadlines need of an appeal, with its unit's type; locked when asked. */
export interface SlaAppealRow {
  id: string;
  kind: string;
  channel: string;
  status: string;
  priority: string;
  unitId: string | null;
  unitType: string | null;
  categoryId: string | null;
  customerId: string | null;
  ownerId: string | null;
  tags: string[];
  receivedAt: Date;
  createdAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

export async function appealsForSync(db: Queryable, ids: readonly string[], lock: boolean): Promise<SlaAppealRow[]> {
  if (ids.length === 0) {
    return [];
  }
  return db.query<SlaAppealRow>(
    `SELECT a.id, a.kind, a.channel, a.status, a.priority, a.unit_id AS "unitId", u.type AS "unitType", a.category_id AS "categoryId",
       a.customer_id AS "customerId", a.owner_id AS "ownerId", a.tags, a.received_at AS "receivedAt", a.created_at AS "createdAt",
       a.resolved_at AS "resolvedAt", a.closed_at AS "closedAt"
     FROM appeals a LEFT JOIN units u ON u.id = a.unit_id WHERE a.id = ANY($1::uuid[]) ORDER BY a.id
     ${lock ? 'FOR UPDATE OF a' : ''}`,
    [ids],
  );
}

export interface RecomputeFilter {
  appealIds?: string[] | undefined;
  unitIds?: string[] | undefined;
  policyIds?: string[] | undefined;
  calendarIds?: string[] | undefined;
  statuses?: string[] | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
}

/** Ids of open appeals matching the filter, in id order after `after` (keyset batches). */
export async function openAppealIds(
  db: Queryable,
  f: RecomputeFilter,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const where = [`a.status NOT IN ('resolved', 'closed')`];
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (f.appealIds?.length) {
    where.push(`a.id = ANY(${p(f.appealIds)}::uuid[])`);
  }
  if (f.unitIds?.length) {
    where.push(`a.unit_id = ANY(${p(f.unitIds)}::uuid[])`);
  }
  if (f.statuses?.length) {
    where.push(`a.status = ANY(${p(f.statuses)}::text[])`);
  }
  if (f.createdFrom) {
    where.push(`a.created_at >= ${p(f.createdFrom)}`);
  }
  if (f.createdTo) {
    where.push(`a.created_at < ${p(f.createdTo)}`);
  }
  if (f.policyIds?.length) {
    where.push(
      `EXISTS (SELECT 1 FROM appeal_sla_targets t WHERE t.appeal_id = a.id AND t.policy_id = ANY(${p(f.policyIds)}::uuid[]))`,
    );
  }
  if (f.calendarIds?.length) {
    where.push(
      `EXISTS (SELECT 1 FROM appeal_sla_targets t WHERE t.appeal_id = a.id AND t.calendar_id = ANY(${p(f.calendarIds)}::uuid[]))`,
    );
  }
  if (after) {
    where.push(`a.id > ${p(after)}`);
  }
  const rows = await db.query<{ id: string }>(
    `SELECT a.id FROM appeals a WHERE ${where.join(' AND ')} ORDER BY a.id LIMIT ${p(limit)}`,
    params,
  );
  return rows.map((r) => r.id);
}

export async function insertCycle(db: Queryable, appealId: string, row: TargetRow): Promise<void> {
  await db.query(
    `INSERT INTO appeal_sla_targets (appeal_id, metric, cycle, policy_id, calendar_id, minutes, warn_minutes, started_at, due_at, warn_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (appeal_id, metric, cycle) DO NOTHING`,
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
