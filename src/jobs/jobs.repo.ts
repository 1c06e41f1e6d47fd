// SQL of the job table: enqueue with de-duplication, claim with FOR UPDATE SKIP LOCKED and a lease, finish,
// fail with back-off, reschedule recurring jobs.
import type { Queryable } from '../db/db.ts';

export interface NewJob {
  kind: string;
  payload?: Record<string, unknown>;
  runAt?: Date;
  /** At most one job ever per key: enqueueing it again does nothing. */
  dedupeKey?: string | null;
  maxAttempts?: number;
}

export interface JobRow {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  everyMs: number | null;
}

export async function insertMany(db: Queryable, jobs: readonly NewJob[], now: Date): Promise<number[]> {
  if (jobs.length === 0) {
    return [];
  }
  const rows = await db.query<{ id: number }>(
    `INSERT INTO jobs (kind, payload, run_at, dedupe_key, max_attempts)
     SELECT * FROM unnest($1::text[], $2::jsonb[], $3::timestamptz[], $4::text[], $5::int[])
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [
      jobs.map((j) => j.kind),
      jobs.map((j) => JSON.stringify(j.payload ?? {})),
      jobs.map((j) => (j.runAt ?? now).toISOString()),
      jobs.map((j) => j.dedupeKey ?? null),
      jobs.map((j) => j.maxAttempts ?? 10),
    ],
  );
  return rows.map((r) => r.id);
}

export async function upsertRecurring(db: Queryable, kind: string, everyMs: number): Promise<void> {
  await db.query(
    `INSERT INTO jobs (kind, dedupe_key, every_ms) VALUES ($1, $1, $2)
     ON CONFLICT (dedupe_key) DO UPDATE SET every_ms = EXCLUDED.every_ms, done_at = NULL, failed_at = NULL`,
    [kind, everyMs],
  );
}

/** Leases up to `limit` due jobs to this worker; jobs another worker holds (locked row or live lease) are skipped. */
export function claim(
  db: Queryable,
  { now, leaseUntil, workerId, limit }: { now: Date; leaseUntil: Date; workerId: string; limit: number },
): Promise<JobRow[]> {
  return db.query<JobRow>(
    `UPDATE jobs j SET locked_until = $2, locked_by = $3, attempts = j.attempts + 1
     FROM (SELECT id FROM jobs
           WHERE done_at IS NULL AND run_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
           ORDER BY run_at LIMIT $4 FOR UPDATE SKIP LOCKED) due
     WHERE j.id = due.id
     RETURNING j.id, j.kind, j.payload, j.attempts, j.max_attempts AS "maxAttempts", j.every_ms AS "everyMs"`,
    [now, leaseUntil, workerId, limit],
  );
}

/** A job run by a worker at an instant: only the lease holder may finish or fail it. */
export interface JobRun {
  id: number;
  now: Date;
  workerId: string;
}

/** Done, or for a recurring job: due again one period after `now`. */
export async function finish(db: Queryable, { id, now, workerId }: JobRun): Promise<void> {
  await db.query(
    `UPDATE jobs SET locked_until = NULL, locked_by = NULL, last_error = NULL,
       done_at = CASE WHEN every_ms IS NULL THEN $2::timestamptz END,
       attempts = CASE WHEN every_ms IS NULL THEN attempts ELSE 0 END,
       run_at = CASE WHEN every_ms IS NULL THEN run_at ELSE $2::timestamptz + every_ms * interval '1 millisecond' END
     WHERE id = $1 AND locked_by = $3`,
    [id, now, workerId],
  );
}

/** Retried after an exponential back-off (capped at an hour); given up after max_attempts. */
export async function fail(db: Queryable, { id, now, workerId }: JobRun, error: string): Promise<void> {
  await db.query(
    `UPDATE jobs SET locked_until = NULL, locked_by = NULL, last_error = $4,
       failed_at = CASE WHEN every_ms IS NULL AND attempts >= max_attempts THEN $2::timestamptz END,
       done_at = CASE WHEN every_ms IS NULL AND attempts >= max_attempts THEN $2::timestamptz END,
       run_at = $2::timestamptz
         + coalesce(every_ms, least(1000 * power(2, attempts), 3600000)) * interval '1 millisecond'
     WHERE id = $1 AND locked_by = $3`,
    [id, now, workerId, error.slice(0, 2000)],
  );
}
