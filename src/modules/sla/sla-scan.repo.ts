// SQL of the deadline scan: find and mark due warnings and breaches, record each alert once, find who hears of
// it, and read an alert back for its escalation.
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
 * the unique (target, kind, due) key drops any alert already written. Returns how many were stamped and the new
 * alerts.
 */
export async function markDue(
  db: Queryable,
  kind: AlertKind,
  now: Date,
  limit: number,
): Promise<{ marked: number; alerts: AlertRow[] }> {
  const due = DUE[kind];
  const rows = await db.query<AlertRow & { marked: number }>(
    `WITH due AS (
       SELECT id FROM appeal_sla_targets
       WHERE ${due.where}
       ORDER BY ${due.order}
       LIMIT $2
       FOR UPDATE SKIP LOCKED),
     marked AS (
       UPDATE appeal_sla_targets t SET ${due.stamp} = $1 FROM due WHERE t.id = due.id
       RETURNING t.id, t.appeal_id, t.metric, t.policy_id, t.due_at),
     alerts AS (
       INSERT INTO sla_alerts (target_id, appeal_id, kind, metric, policy_id, due_at, at)
       SELECT id, appeal_id, $3, metric, policy_id, due_at, $1 FROM marked
       ON CONFLICT (target_id, kind, due_at) DO NOTHING
       RETURNING id, appeal_id, kind, metric, policy_id, due_at)
     SELECT m.marked, a.id, a.appeal_id AS "appealId", a.kind, a.metric, a.policy_id AS "policyId",
       a.due_at AS "dueAt"
     FROM (SELECT count(*)::int AS marked FROM marked) m LEFT JOIN alerts a ON true`,
    [now, limit, kind],
  );
  const alerts = rows.filter((row) => row.id !== null).map(({ marked: _marked, ...alert }) => alert);
  return { marked: rows[0]?.marked ?? 0, alerts };
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
       FROM sla_alerts al
         JOIN appeals ap ON ap.id = al.appeal_id
         LEFT JOIN sla_policies p ON p.id = al.policy_id
       WHERE al.id = ANY($1::bigint[]))
     SELECT a.id AS "alertId", r.user_id AS "userId", a.appeal_id AS "appealId", a.kind, a.metric,
       a.due_at AS "dueAt", a.number, a.subject
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
    `SELECT al.id, al.appeal_id AS "appealId", al.kind, al.metric, al.policy_id AS "policyId", p.escalation,
       t.met_at AS "targetMetAt"
     FROM sla_alerts al
       LEFT JOIN sla_policies p ON p.id = al.policy_id
       LEFT JOIN appeal_sla_targets t ON t.id = al.target_id
     WHERE al.id = $1`,
    [alertId],
  );
  return rows[0];
}
