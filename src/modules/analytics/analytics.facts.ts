// Keeps the analytics stores current: folds the count deltas written by the appeals trigger into the roll-ups, and
// measures the working times of appeals the triggers queued (first response, resolution) on the CS calendar.
import type { Ctx } from '../../context.ts';
import { READ_MAX_AGE_MS, calendarOf, freshSnapshot } from '../sla/sla.snapshot.ts';
import { type CompiledCalendar, workingMinutesBetween } from '../sla/working-time.ts';
import * as factsRepo from './analytics.facts.repo.ts';
import * as rollups from './analytics.rollups.repo.ts';

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
  const snap = await freshSnapshot(ctx.db, READ_MAX_AGE_MS);
  const calendar = calendarOf(snap, snap.csCalendarId);
  return ctx.db.transaction(async (tx) => {
    const rows = await factsRepo.takeDirty(tx, limit);
    const facts = rows
      .filter((row) => row.exists)
      .map((row) => ({
        id: row.id,
        firstResponseMinutes: workingSpan(calendar, row.receivedAt, row.firstResponseAt),
        resolutionMinutes: workingSpan(calendar, row.receivedAt, row.doneAt),
      }));
    await factsRepo.upsertFacts(tx, facts);
    await factsRepo.deleteFacts(
      tx,
      rows.filter((row) => !row.exists).map((row) => row.id),
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
  for (let batch = await rollups.foldDeltas(ctx.db); batch > 0; batch = await rollups.foldDeltas(ctx.db)) {
    folded += batch;
  }
  let measured = 0;
  // A time budget, not a business time: the wall clock, whatever a test does with ctx.clock.
  const until = Date.now() + budgetMs;
  for (let batch = await measureQueued(ctx); batch > 0 && Date.now() < until; batch = await measureQueued(ctx)) {
    measured += batch;
  }
  const changed = (changedSinceVacuum.get(ctx.db) ?? 0) + folded + measured;
  changedSinceVacuum.set(ctx.db, changed >= VACUUM_AFTER_ROWS ? 0 : changed);
  if (changed >= VACUUM_AFTER_ROWS) {
    await rollups.maintain(ctx.db);
  }
  return { folded, measured };
}

/** Catches up completely, then vacuums (tests, benchmarks, after an import). */
export async function catchUp(ctx: Ctx): Promise<void> {
  while ((await keepCurrent(ctx, 60_000)).measured > 0) {
    // until nothing is left to measure
  }
  await rollups.maintain(ctx.db);
}
