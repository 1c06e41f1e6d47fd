// Applying changed calendars or policies to open appeals, on an administrator's request: in batches of appeals
// (locked in id order), each its own transaction, or as a background job for large sets.
import type { Ctx } from '../../context.ts';
import { enqueue } from '../../jobs/jobs.service.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { openAppealIds, type RecomputeFilter } from './sla-sync.repo.ts';
import type { RecomputeResult, RecomputeSlaInput } from './sla.schema.ts';
import { syncAppeals } from './sla.sync.ts';

export type { RecomputeFilter };

const BATCH = 500;

export async function recomputeOpenAppeals(
  ctx: Ctx,
  filter: RecomputeFilter,
  now: Date,
): Promise<{ appeals: number; targetsChanged: number }> {
  let appeals = 0;
  let targetsChanged = 0;
  let batch = await openAppealIds(ctx.db, filter, null, BATCH);
  while (batch.length > 0) {
    const ids = batch;
    targetsChanged += await ctx.db.transaction((tx) => syncAppeals(tx, ids, now, true));
    appeals += ids.length;
    const last = ids.at(-1);
    batch = ids.length < BATCH || last === undefined ? [] : await openAppealIds(ctx.db, filter, last, BATCH);
  }
  return { appeals, targetsChanged };
}

/** Recomputes now, or queues the work as a job; either as of the clock's now. */
export async function recompute(ctx: Ctx, actor: Actor, input: RecomputeSlaInput): Promise<RecomputeResult> {
  authorize(actor, 'settings:write');
  const now = ctx.clock.now();
  const { background, ...filter } = input;
  if (background) {
    const [jobId] = await enqueue(ctx.db, [{ kind: 'sla.recompute', payload: filter, runAt: now }], now);
    return { appeals: 0, targetsChanged: 0, jobId: jobId ?? null };
  }
  return { ...(await recomputeOpenAppeals(ctx, filter, now)), jobId: null };
}
