import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCtx, type Ctx } from '../../src/context.ts';
import type { Db } from '../../src/db/db.ts';
import { enqueue, ensureRecurring } from '../../src/jobs/jobs.service.ts';
import { type JobHandler, runDueJobs } from '../../src/jobs/runner.ts';
import { startScheduler } from '../../src/jobs/scheduler.ts';
import * as jobsRepo from '../../src/jobs/jobs.repo.ts';
import { openSecondPool, startTestEnv, type TestEnv } from '../support/harness.ts';
import { waitFor } from '../support/wait.ts';
import { queryOne } from '../../src/db/rows.ts';
import { defined } from '../support/defined.ts';

let env: TestEnv;
let other: { ctx: Ctx; db: Db | null };
beforeAll(async () => {
  env = await startTestEnv();
  const db = await openSecondPool(env.ctx);
  other = { ctx: db ? makeCtx(db, env.ctx.config) : env.ctx, db };
});
afterAll(async () => {
  await other.db?.close();
  await env.close();
});
beforeEach(async () => {
  await env.ctx.db.query('DELETE FROM jobs');
});

// A day ahead of the real clock, so jobs queued with the database's now() are due too.
const T0 = new Date(Math.ceil(Date.now() / 1000) * 1000 + 86_400_000);
const later = (ms: number) => new Date(T0.getTime() + ms);
const job = (id: number | undefined) =>
  queryOne<{ attempts: number; runAt: Date; doneAt: Date | null; failedAt: Date | null; lastError: string | null }>(
    env.ctx.db,
    `SELECT attempts, run_at AS "runAt", done_at AS "doneAt", failed_at AS "failedAt", last_error AS "lastError"
     FROM jobs
     WHERE id = $1`,
    [defined(id, 'a job id')],
  );

describe('the job runner', () => {
  it('runs a due job once and leaves a job that is not yet due', async () => {
    const seen: unknown[] = [];
    const handlers: Record<string, JobHandler> = { 'test.record': async (_ctx, payload) => void seen.push(payload.n) };
    const [now, soon] = await enqueue(
      env.ctx.db,
      [
        { kind: 'test.record', payload: { n: 1 } },
        { kind: 'test.record', payload: { n: 2 }, runAt: later(60_000) },
      ],
      T0,
    );
    expect(await runDueJobs(env.ctx, T0, { handlers })).toEqual({ ran: 1, failed: 0 });
    expect(await runDueJobs(env.ctx, T0, { handlers })).toEqual({ ran: 0, failed: 0 });
    expect(seen).toEqual([1]);
    expect((await job(now)).doneAt).toEqual(T0);
    await runDueJobs(env.ctx, later(60_000), { handlers });
    expect(seen).toEqual([1, 2]);
    expect((await job(soon)).doneAt).not.toBeNull();
  });

  it('queues a job with a dedupe key only once', async () => {
    const first = await enqueue(env.ctx.db, [{ kind: 'test.once', dedupeKey: 'k-1' }], T0);
    const second = await enqueue(
      env.ctx.db,
      [
        { kind: 'test.once', dedupeKey: 'k-1' },
        { kind: 'test.once', dedupeKey: 'k-2' },
      ],
      T0,
    );
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
  });

  it('retries a failing job with growing back-off and gives up after its attempts', async () => {
    const handlers: Record<string, JobHandler> = {
      'test.fail': async () => {
        throw new Error('mail server down');
      },
    };
    const [id] = await enqueue(env.ctx.db, [{ kind: 'test.fail', maxAttempts: 3 }], T0);
    expect(await runDueJobs(env.ctx, T0, { handlers })).toEqual({ ran: 0, failed: 1 });
    expect(await job(id)).toMatchObject({
      attempts: 1,
      runAt: later(2_000),
      lastError: 'mail server down',
      doneAt: null,
    });
    expect(await runDueJobs(env.ctx, later(1_000), { handlers })).toEqual({ ran: 0, failed: 0 });
    await runDueJobs(env.ctx, later(2_000), { handlers });
    expect(await job(id)).toMatchObject({ attempts: 2, runAt: later(2_000 + 4_000) });
    await runDueJobs(env.ctx, later(6_000), { handlers });
    expect(await job(id)).toMatchObject({ attempts: 3, failedAt: later(6_000), doneAt: later(6_000) });
  });

  it("takes back a crashed worker's job once its lease runs out", async () => {
    const seen: number[] = [];
    const handlers: Record<string, JobHandler> = { 'test.lease': async () => void seen.push(1) };
    await enqueue(env.ctx.db, [{ kind: 'test.lease' }], T0);
    expect(
      await jobsRepo.claim(env.ctx.db, { now: T0, leaseUntil: later(60_000), workerId: 'crashed-worker', limit: 10 }),
    ).toHaveLength(1);
    expect(await runDueJobs(env.ctx, later(30_000), { handlers })).toEqual({ ran: 0, failed: 0 });
    expect(await runDueJobs(env.ctx, later(60_000), { handlers })).toEqual({ ran: 1, failed: 0 });
    expect(seen).toHaveLength(1);
  });

  it('runs each job exactly once when two runners work at the same time', async () => {
    const runs = new Map<number, number>();
    const handlers: Record<string, JobHandler> = {
      'test.count': async (_ctx, payload) => {
        await new Promise((r) => setTimeout(r, 1));
        runs.set(Number(payload.n), (runs.get(Number(payload.n)) ?? 0) + 1);
      },
    };
    await enqueue(
      env.ctx.db,
      Array.from({ length: 40 }, (_, n) => ({ kind: 'test.count', payload: { n } })),
      T0,
    );
    const [a, b] = await Promise.all([
      runDueJobs(env.ctx, T0, { handlers, batch: 3, workerId: 'a' }),
      runDueJobs(other.ctx, T0, { handlers, batch: 3, workerId: 'b' }),
    ]);
    expect(a.ran + b.ran).toBe(40);
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });

  it('reschedules a recurring job one period after each run', async () => {
    const seen: Date[] = [];
    const handlers: Record<string, JobHandler> = { 'test.tick': async (_ctx, _p, now) => void seen.push(now) };
    await ensureRecurring(env.ctx.db, 'test.tick', 30_000);
    await ensureRecurring(env.ctx.db, 'test.tick', 30_000);
    await runDueJobs(env.ctx, T0, { handlers });
    await runDueJobs(env.ctx, later(10_000), { handlers });
    await runDueJobs(env.ctx, later(31_000), { handlers });
    expect(seen).toEqual([T0, later(31_000)]);
    const [row] = await env.ctx.db.query<{ runAt: Date; doneAt: Date | null }>(
      `SELECT run_at AS "runAt", done_at AS "doneAt" FROM jobs WHERE kind = 'test.tick'`,
    );
    expect(row).toEqual({ runAt: later(61_000), doneAt: null });
  });
});

describe('the scheduler loop', () => {
  it('runs the deadline scan on its interval and stops cleanly', async () => {
    const errors: unknown[] = [];
    const scheduler = await startScheduler(env.ctx, {
      intervalMs: 100,
      log: { error: (obj) => void errors.push(obj) },
    });
    const scan = async () =>
      (
        await env.ctx.db.query<{ runAt: Date; everyMs: number }>(
          `SELECT run_at AS "runAt", every_ms AS "everyMs" FROM jobs WHERE kind = 'sla.scan'`,
        )
      )[0];
    const first = await waitFor(scan, 'the deadline scan scheduled');
    expect(first.everyMs).toBe(100);
    const next = await waitFor(async () => {
      const row = await scan();
      return row !== undefined && row.runAt.getTime() !== first.runAt.getTime() && row;
    }, 'the deadline scan run and rescheduled');
    await scheduler.stop();
    expect(next.runAt.getTime()).toBeGreaterThan(first.runAt.getTime());
    expect(errors).toEqual([]);
  });

  it('starts the daily classifier training chain once, a day after the start', async () => {
    const before = Date.now();
    for (let i = 0; i < 2; i++) {
      await (await startScheduler(env.ctx, { intervalMs: 60_000, log: { error: () => undefined } })).stop();
    }
    const jobs = await env.ctx.db.query<{ runAt: Date }>(
      `SELECT run_at AS "runAt" FROM jobs WHERE kind = 'classifier.train' AND done_at IS NULL`,
    );
    expect(jobs).toHaveLength(1);
    expect(defined(jobs[0]).runAt.getTime()).toBeGreaterThanOrEqual(before + 23 * 3_600_000);
  });
});
