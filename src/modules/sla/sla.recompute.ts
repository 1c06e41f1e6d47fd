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
  let after: string | null = null;
  let appeals = 0;
  let targetsChanged = 0;
  for (;;) {
    const ids = await openAppealIds(ctx.db, filter, after, BATCH);
    if (ids.length === 0) {
      break;
    }
    targetsChanged += await ctx.db.transaction((tx) => syncAppeals(tx, ids, now, true));
    appeals += ids.length;
    after = ids.at(-1)!;
    if (ids.length < BATCH) {
      break;
    }
  }
  return { appeals, targetsChanged };
}

export async function recompute(
  ctx: Ctx,
  actor: Actor,
  input: RecomputeSlaInput,
  now = new Date(),
): Promise<RecomputeResult> {
  authorize(actor, 'settings:write');
  const { background, ...filter } = input;
  if (background) {
    const [jobId] = await enqueue(ctx.db, [{ kind: 'sla.recompute', payload: filter, runAt: now }], now);
    return { appeals: 0, targetsChanged: 0, jobId: jobId ?? null };
  }
  return { ...(await recomputeOpenAppeals(ctx, filter, now)), jobId: null };
}
