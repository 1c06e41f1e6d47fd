// Keeps the analytics stores current: folds the count deltas written by the appeals trigger into the roll-ups, and
// measures the working times of appeals the triggers queued (first response, resolution) on the CS calendar.
import type { Ctx } from '../../context.ts';
import { calendarOf, freshSnapshot } from '../sla/sla.snapshot.ts';
import { type CompiledCalendar, workingMinutesBetween } from '../sla/working-time.ts';
import * as repo from './analytics.repo.ts';

const BATCH = 5_000;

/** Working minutes from `from` to `to`, one decimal; null when there is no end; 0 when the end precedes the start. */
export function workingSpan(cal: CompiledCalendar, from: Date | null, to: Date | null): number | null {
  if (!from || !to) {
    return null;
  }
  if (to <= from) {
    return 0;
  }
  return Math.round(workingMinutesBetween(cal, from, to) * 10) / 10;
}

/** Measures up to `limit` queued appeals in one transaction; answers how many were taken off the queue. */
export async function measureQueued(ctx: Ctx, limit = BATCH): Promise<number> {
  const snap = await freshSnapshot(ctx.db, 2_000);
  const cal = calendarOf(snap, snap.csCalendarId);
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.takeDirty(tx, limit);
    const facts = rows
      .filter((r) => r.exists)
      .map((r) => ({
        id: r.id,
        firstResponseMinutes: workingSpan(cal, r.receivedAt, r.firstResponseAt),
        resolutionMinutes: workingSpan(cal, r.receivedAt, r.doneAt),
      }));
    await repo.upsertFacts(tx, facts);
    await repo.deleteFacts(
      tx,
      rows.filter((r) => !r.exists).map((r) => r.id),
    );
    return rows.length;
  });
}

/** Rows changed since the last vacuum, per database handle (a process-local heuristic; any process may vacuum). */
const changedSinceVacuum = new WeakMap<object, number>();
const VACUUM_AFTER_ROWS = 20_000;

/** The job: fold every pending delta, measure queued appeals for a bounded time, vacuum after many changes. */
export async function keepCurrent(ctx: Ctx, budgetMs = 10_000): Promise<{ folded: number; measured: number }> {
  let folded = 0;
  for (let n = await repo.foldDeltas(ctx.db); n > 0; n = await repo.foldDeltas(ctx.db)) {
    folded += n;
  }
  let measured = 0;
  const until = Date.now() + budgetMs;
  for (let n = await measureQueued(ctx); n > 0 && Date.now() < until; n = await measureQueued(ctx)) {
    measured += n;
  }
  const changed = (changedSinceVacuum.get(ctx.db) ?? 0) + folded + measured;
  changedSinceVacuum.set(ctx.db, changed >= VACUUM_AFTER_ROWS ? 0 : changed);
  if (changed >= VACUUM_AFTER_ROWS) {
    await repo.maintain(ctx.db);
  }
  return { folded, measured };
}

/** Catches up completely, then vacuums (tests, benchmarks, after an import). */
export async function catchUp(ctx: Ctx): Promise<void> {
  while ((await keepCurrent(ctx, 60_000)).measured > 0) {
    // until nothing is left to measure
  }
  await repo.maintain(ctx.db);
}
