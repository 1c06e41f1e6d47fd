// The deadline scan: finds running targets past their warning point or due instant, marks them, writes each
// alert once, notifies the people the policy names (in-app, plus an outbox e-mail) and queues the policy's
// escalation. Batches of claimed rows (FOR UPDATE SKIP LOCKED) in short transactions: several processes may
// scan at once and share the work; the unique key on alerts makes a second write of the same alert impossible.
import type { Ctx } from '../../context.ts';
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

const escalates = (snap: Snapshot, a: AlertRow) => {
  const policy = a.policyId ? snap.policyById.get(a.policyId) : undefined;
  return Boolean(policy?.escalation[a.kind === 'warning' ? 'onWarning' : 'onBreach']);
};

export async function scanSla(ctx: Ctx, now = new Date(), opts: { batchSize?: number } = {}): Promise<ScanResult> {
  const batchSize = opts.batchSize ?? BATCH;
  const result: ScanResult = { breaches: 0, warnings: 0, notifications: 0, escalations: 0, batches: 0 };
  // Breaches first: a target past both points (the scheduler was down) is reported as breached, not warned.
  for (const kind of ['breach', 'warning'] as AlertKind[]) {
    for (;;) {
      const marked = await ctx.db.transaction(async (tx) => {
        const { marked, alerts } = await markDue(tx, kind, now, batchSize);
        if (alerts.length === 0) {
          return marked;
        }
        const who = await recipients(
          tx,
          alerts.map((a) => a.id),
          DEFAULT_NOTIFY,
        );
        const sent = await notify(
          tx,
          who.map((r) => ({
            userId: r.userId,
            appealId: r.appealId,
            kind: `sla_${r.kind}`,
            dedupeKey: `sla_alert:${r.alertId}`,
            payload: {
              alertId: r.alertId,
              metric: r.metric,
              dueAt: r.dueAt.toISOString(),
              appealNumber: r.number,
              subject: r.subject,
            },
          })),
        );
        const snap = await freshSnapshot(tx, READ_MAX_AGE_MS);
        const jobs = alerts
          .filter((a) => escalates(snap, a))
          .map((a) => ({
            kind: 'sla.escalate',
            payload: { alertId: a.id },
            dedupeKey: `sla.escalate:${a.id}`,
            runAt: now,
          }));
        await enqueue(tx, jobs, now);
        result[kind === 'breach' ? 'breaches' : 'warnings'] += alerts.length;
        result.notifications += sent.notifications;
        result.escalations += jobs.length;
        return marked;
      });
      result.batches++;
      if (marked < batchSize) {
        break;
      }
    }
  }
  return result;
}
