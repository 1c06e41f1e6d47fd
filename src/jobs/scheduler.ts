// The scheduler loop of a server process: every interval, run the due jobs (the deadline scan among them).
// Ticks never overlap; stop() waits for the running tick. Several processes may run it: the job table decides
// who does what.
import type { Ctx } from '../context.ts';
import { ensureRecurring } from './jobs.service.ts';
import { HANDLERS, ON_START, RECURRING } from './handlers.ts';
import { newWorkerId, runDueJobs } from './runner.ts';

export interface SchedulerLog {
  error(obj: object, msg: string): void;
}

export interface Scheduler {
  stop(): Promise<void>;
}

export async function startScheduler(ctx: Ctx, opts: { intervalMs: number; log: SchedulerLog }): Promise<Scheduler> {
  for (const kind of RECURRING) {
    await ensureRecurring(ctx.db, kind, opts.intervalMs);
  }
  for (const start of ON_START) {
    await start(ctx, new Date());
  }
  const workerId = newWorkerId();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      await runDueJobs(ctx, new Date(), {
        handlers: HANDLERS,
        workerId,
        onError: (job, err) => opts.log.error({ err, jobId: job.id, kind: job.kind }, 'job failed'),
      });
    } catch (err) {
      opts.log.error({ err }, 'scheduler tick failed');
    }
  };
  const schedule = () => {
    if (stopped) {
      return;
    }
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, opts.intervalMs);
  };
  running = tick().finally(schedule);

  return {
    async stop() {
      stopped = true;
      if (timer) {
        clearTimeout(timer);
      }
      await running;
    },
  };
}
