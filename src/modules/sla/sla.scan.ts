// The deadline scan: finds running targets past their warning point or due instant, marks them, writes each
// alert once, notifies the people the policy names (in-app, plus an outbox e-mail) and queues the policy's
// escalation. Batches of claimed rows (FOR UPDATE SKIP LOCKED) in short transactions: several processes may
// scan at once and share the work; the unique key on alerts makes a second write of the same alert impossible.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { enqueue } from '../../jobs/jobs.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { type AlertKind, type AlertRow, markDue, recipients } from './sla-scan.repo.ts';
import { READ_MAX_AGE_MS, freshSnapshot, type Snapshot } from './sla.snapshot.ts';

export interface ScanResult {
  breaches: number;
  warnings: number;
  notifications: number;
  escalations: number;
  batches: number;
}

export const DEFAULT_NOTIFY = { onWarning: ['owner'], onBreach: ['owner', 'unit_responsible', 'supervisors'] };
const BATCH = 1000;

const escalates = (snap: Snapshot, alert: AlertRow) => {
  const policy = alert.policyId ? snap.policyById.get(alert.policyId) : undefined;
  return Boolean(policy?.escalation[alert.kind === 'warning' ? 'onWarning' : 'onBreach']);
};

/** Tells each alert's recipients in the app (and by e-mail through the outbox); answers how many were told. */
async function notifyRecipients(tx: Queryable, alerts: readonly AlertRow[]): Promise<number> {
  const told = await recipients(
    tx,
    alerts.map((alert) => alert.id),
    DEFAULT_NOTIFY,
  );
  const sent = await notify(
    tx,
    told.map((recipient) => ({
      userId: recipient.userId,
      appealId: recipient.appealId,
      kind: `sla_${recipient.kind}`,
      dedupeKey: `sla_alert:${recipient.alertId}`,
      payload: {
        alertId: recipient.alertId,
        metric: recipient.metric,
        dueAt: recipient.dueAt.toISOString(),
        appealNumber: recipient.number,
        subject: recipient.subject,
      },
    })),
  );
  return sent.notifications;
}

/** Queues the escalation job of each alert whose policy escalates it; answers how many were queued. */
async function queueEscalations(tx: Queryable, alerts: readonly AlertRow[], now: Date): Promise<number> {
  const snap = await freshSnapshot(tx, READ_MAX_AGE_MS);
  const jobs = alerts
    .filter((alert) => escalates(snap, alert))
    .map((alert) => ({
      kind: 'sla.escalate',
      payload: { alertId: alert.id },
      dedupeKey: `sla.escalate:${alert.id}`,
      runAt: now,
    }));
  await enqueue(tx, jobs, now);
  return jobs.length;
}

interface Batch {
  kind: AlertKind;
  now: Date;
  size: number;
}

/** One batch in its own transaction: claims and marks due targets, tells and escalates; answers how many it marked. */
async function scanBatch(ctx: Ctx, { kind, now, size }: Batch, result: ScanResult): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const { marked, alerts } = await markDue(tx, kind, now, size);
    if (alerts.length > 0) {
      result[kind === 'breach' ? 'breaches' : 'warnings'] += alerts.length;
      result.notifications += await notifyRecipients(tx, alerts);
      result.escalations += await queueEscalations(tx, alerts, now);
    }
    return marked;
  });
}

export async function scanSla(
  ctx: Ctx,
  now = ctx.clock.now(),
  options: { batchSize?: number } = {},
): Promise<ScanResult> {
  const batchSize = options.batchSize ?? BATCH;
  const result: ScanResult = { breaches: 0, warnings: 0, notifications: 0, escalations: 0, batches: 0 };
  // Breaches first: a target past both points (the scheduler was down) is reported as breached, not warned.
  for (const kind of ['breach', 'warning'] as const) {
    for (let marked = batchSize; marked >= batchSize; result.batches++) {
      marked = await scanBatch(ctx, { kind, now, size: batchSize }, result);
    }
  }
  return result;
}
