// Runs due jobs: claims a few at a time (FOR UPDATE SKIP LOCKED, with a lease so a crashed worker's jobs come
// back), runs each with its handler, then finishes it or schedules a retry. Tests call runDueJobs with their
// own clock; the scheduler calls it on a timer.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.ts';
import * as repo from './jobs.repo.ts';

export type JobHandler = (ctx: Ctx, payload: Record<string, unknown>, now: Date) => Promise<unknown>;

export interface RunOptions {
  handlers: Readonly<Record<string, JobHandler>>;
  workerId?: string;
  /** Jobs claimed per round trip. */
  batch?: number;
  /** At most this many jobs per call, so one call never runs unbounded. */
  maxJobs?: number;
  leaseMs?: number;
  onError?: (job: repo.JobRow, err: unknown) => void;
}

export interface RunResult {
  ran: number;
  failed: number;
}

export const newWorkerId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
const DEFAULT_WORKER = newWorkerId();

export async function runDueJobs(ctx: Ctx, now: Date, opts: RunOptions): Promise<RunResult> {
  const workerId = opts.workerId ?? DEFAULT_WORKER;
  const batch = opts.batch ?? 10;
  const maxJobs = opts.maxJobs ?? 200;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const result: RunResult = { ran: 0, failed: 0 };
  while (result.ran + result.failed < maxJobs) {
    const jobs = await repo.claim(ctx.db, {
      now,
      leaseUntil: new Date(now.getTime() + leaseMs),
      workerId,
      limit: Math.min(batch, maxJobs - result.ran - result.failed),
    });
    if (jobs.length === 0) {
      break;
    }
    for (const job of jobs) {
      const run = { id: job.id, now, workerId };
      const handler = opts.handlers[job.kind];
      try {
        if (!handler) {
          throw new Error(`No handler for job kind ${job.kind}`);
        }
        await handler(ctx, job.payload, now);
        await repo.finish(ctx.db, run);
        result.ran++;
      } catch (err) {
        opts.onError?.(job, err);
        await repo.fail(ctx.db, run, err instanceof Error ? err.message : String(err));
        result.failed++;
      }
    }
  }
  return result;
}
