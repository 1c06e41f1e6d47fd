// Background work through the job table: any module queues jobs inside its own transaction; whichever
// process's runner claims a job first does it. Jobs must be idempotent: a crash means the job runs again.
import type { Queryable } from '../db/db.ts';
import * as repo from './jobs.repo.ts';

export type { NewJob } from './jobs.repo.ts';

/** Queues jobs (skipping any whose dedupe key exists); returns the ids of the new ones. */
export const enqueue = (tx: Queryable, jobs: readonly repo.NewJob[], now = new Date()) =>
  repo.insertMany(tx, jobs, now);

/** Makes sure a recurring job exists with this period (one row per kind, shared by every process). */
export const ensureRecurring = (db: Queryable, kind: string, everyMs: number) =>
  repo.upsertRecurring(db, kind, everyMs);
