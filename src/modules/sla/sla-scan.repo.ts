// SQL of the deadline scan (find and mark due warnings and breaches, record each alert once, find who hears of
// it) and of the compliance report.
import type { Queryable } from '../../db/db.ts';
import type { Metric } from './appeal-sla.schema.ts';

export type AlertKind = 'warning' | 'breach';

export interface AlertRow {
  id: number;
  appealId: string;
  kind: AlertKind;
  metric: Metric;
  policyId: string | null;
  dueAt: Date;
}

// Each reads a partial index in due order: only running targets are in it, so the scan never touches the rest.
const DUE: Record<AlertKind, { where: string; order: string; stamp: string }> = {
  breach: {
    where: 'met_at IS NULL AND breached_at IS NULL AND paused_since IS NULL AND due_at <= $1',
    order: 'due_at',
    stamp: 'breached_at',
  },
  warning: {
    where: 'met_at IS NULL AND breached_at IS NULL AND warned_at IS NULL AND paused_since IS NULL AND warn_at <= $1',
    order: 'warn_at',
    stamp: 'warned_at',
  },
};

/**
 * Claims up to `limit` due targets no other scanner holds (SKIP LOCKED), stamps them and records one alert each;
 * the unique (target, kind, due) key drops any alert already written. Returns how many were stamped and the new alerts.
 */
export async function markDue(
  db: Queryable,
  kind: AlertKind,
  now: Date,
  limit: number,
): Promise<{ marked: number; alerts: AlertRow[] }> {
  const d = DUE[kind];
  const rows = await db.query<AlertRow & { marked: number }>(
    `WITH due AS (
       SELECT id FROM appeal_sla_targets WHERE ${d.where} ORDER BY ${d.order} LIMIT $2 FOR UPDATE SKIP LOCKED),
     marked AS (
       UPDATE appeal_sla_targets t SET ${d.stamp} = $1 FROM due WHERE t.id = due.id
       RETURNING t.id, t.appeal_id, t.metric, t.policy_id, t.due_at),
     alerts AS (
       INSERT INTO sla_alerts (target_id, appeal_id, kind, metric, policy_id, due_at, at)
       SELECT id, appeal_id, $3, metric, policy_id, due_at, $1 FROM marked
       ON CONFLICT (target_id, kind, due_at) DO NOTHING
       RETURNING id, appeal_id, kind, metric, policy_id, due_at)
     SELECT m.marked, a.id, a.appeal_id AS "appealId", a.kind, a.metric, a.policy_id AS "policyId", a.due_at AS "dueAt"
     FROM (SELECT count(*)::int AS marked FROM marked) m LEFT JOIN alerts a ON true`,
    [now, limit, kind],
  );
  return { marked: rows[0]?.marked ?? 0, alerts: rows.filter((r) => r.id !== null).map(({ marked: _m, ...a }) => a) };
}

export interface Recipient {
  alertId: number;
  userId: string;
  appealId: string;
  kind: AlertKind;
  metric: Metric;
  dueAt: Date;
  number: number;
  subject: string;
}

/**
 * Who hears of each alert, by its policy's notify list: the owner, the unit's responsible people, the
 * supervisors (active users only, each once per alert).
 */
export async function recipients(
  db: Queryable,
  alertIds: readonly number[],
  defaultNotify: object,
): Promise<Recipient[]> {
  if (alertIds.length === 0) {
    return [];
  }
  return db.query<Recipient>(
    `WITH a AS (
       SELECT al.id, al.appeal_id, al.kind, al.metric, al.due_at, ap.owner_id, ap.unit_id, ap.number, ap.subject,
         coalesce(p.notify, $2::jsonb) -> (CASE al.kind WHEN 'warning' THEN 'onWarning' ELSE 'onBreach' END) AS who
       FROM sla_alerts al JOIN appeals ap ON ap.id = al.appeal_id LEFT JOIN sla_policies p ON p.id = al.policy_id
       WHERE al.id = ANY($1::bigint[]))
     SELECT a.id AS "alertId", r.user_id AS "userId", a.appeal_id AS "appealId", a.kind, a.metric, a.due_at AS "dueAt",
       a.number, a.subject
     FROM a CROSS JOIN LATERAL (
       SELECT u.id AS user_id FROM users u WHERE u.id = a.owner_id AND u.active AND a.who @> '["owner"]'
       UNION
       SELECT m.user_id FROM unit_members m JOIN users u ON u.id = m.user_id
       WHERE m.unit_id = a.unit_id AND m.responsible AND u.active AND a.who @> '["unit_responsible"]'
       UNION
       SELECT u.id FROM users u WHERE u.role = 'supervisor' AND u.active AND a.who @> '["supervisors"]') r
     ORDER BY a.id, r.user_id`,
    [alertIds, JSON.stringify(defaultNotify)],
  );
}

export interface AlertForEscalation {
  id: number;
  appealId: string;
  kind: AlertKind;
  metric: Metric;
  policyId: string | null;
  escalation: Record<string, unknown> | null;
  targetMetAt: Date | null;
}

export async function alertForEscalation(db: Queryable, alertId: number): Promise<AlertForEscalation | undefined> {
  const rows = await db.query<AlertForEscalation>(
    `SELECT al.id, al.appeal_id AS "appealId", al.kind, al.metric, al.policy_id AS "policyId", p.escalation, t.met_at AS "targetMetAt"
     FROM sla_alerts al LEFT JOIN sla_policies p ON p.id = al.policy_id LEFT JOIN appeal_sla_targets t ON t.id = al.target_id
     WHERE al.id = $1`,
    [alertId],
  );
  return rows[0];
}

export interface ComplianceFilter {
  from: string;
  to: string;
  groupBy: 'unit' | 'channel' | 'category' | 'month' | 'metric';
  metrics: string[] | null;
  scopeUnitIds: string[] | null;
  timeZone: string;
  now: Date;
  /** Appeal filters for analytics (src/modules/analytics); absent: every appeal. */
  appeals?: { unitIds: string[] | null; channel: string | null; kind: string | null; categoryIds: string[] | null };
}

export interface ComplianceRow {
  key: string | null;
  label: string | null;
  met: number;
  breached: number;
  open: number;
}

/** Targets whose clock started in [from, to): met in time, breached (overdue or met late), still open. */
export async function compliance(db: Queryable, f: ComplianceFilter): Promise<ComplianceRow[]> {
  const params: unknown[] = [f.from, f.to, f.now];
  const p = (v: unknown) => `$${params.push(v)}`;
  const group = {
    unit: () => ({ key: 'a.unit_id::text', label: 'min(u.name)' }),
    channel: () => ({ key: 'a.channel', label: 'NULL' }),
    category: () => ({ key: 'a.category_id::text', label: 'min(c.code)' }),
    month: () => ({ key: `to_char(t.started_at AT TIME ZONE ${p(f.timeZone)}::text, 'YYYY-MM')`, label: 'NULL' }),
    metric: () => ({ key: 't.metric', label: 'NULL' }),
  }[f.groupBy]();
  const where = ['t.started_at >= $1', 't.started_at < $2'];
  if (f.metrics) {
    where.push(`t.metric = ANY(${p(f.metrics)}::text[])`);
  }
  if (f.scopeUnitIds) {
    where.push(`a.unit_id = ANY(${p(f.scopeUnitIds)}::uuid[])`);
  }
  if (f.appeals?.unitIds) {
    where.push(`a.unit_id = ANY(${p(f.appeals.unitIds)}::uuid[])`);
  }
  if (f.appeals?.channel) {
    where.push(`a.channel = ${p(f.appeals.channel)}`);
  }
  if (f.appeals?.kind) {
    where.push(`a.kind = ${p(f.appeals.kind)}`);
  }
  if (f.appeals?.categoryIds) {
    where.push(`a.category_id = ANY(${p(f.appeals.categoryIds)}::uuid[])`);
  }
  return db.query<ComplianceRow>(
    `SELECT ${group.key} AS key, ${group.label} AS label,
       count(*) FILTER (WHERE t.met_at IS NOT NULL AND t.breached_at IS NULL)::int AS met,
       count(*) FILTER (WHERE t.breached_at IS NOT NULL OR (t.met_at IS NULL AND t.due_at <= $3))::int AS breached,
       count(*) FILTER (WHERE t.met_at IS NULL AND t.breached_at IS NULL AND (t.due_at IS NULL OR t.due_at > $3))::int AS open
     FROM appeal_sla_targets t JOIN appeals a ON a.id = t.appeal_id
       ${f.groupBy === 'unit' ? 'LEFT JOIN units u ON u.id = a.unit_id' : ''}
       ${f.groupBy === 'category' ? 'LEFT JOIN categories c ON c.id = a.category_id' : ''}
     WHERE ${where.join(' AND ')}
     GROUP BY 1 ORDER BY 1 NULLS LAST`,
    params,
  );
}
