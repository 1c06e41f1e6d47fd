// Pure, streaming generation of demo appeals: day by day over the last N years, in arrays of ~5,000, so a
// million appeals never sit in memory together. Numbers follow creation time, as they would in a live
// register: each appeal is drawn as a skeleton on its day (appeal-draw.ts) and made a full record
// (appeal-record.ts) once no appeal drawn later can be created before it.
import { skeletonDrawer, type AppealWindow, type DrawDay, type Skeleton } from './appeal-draw.ts';
import { mixPickers } from './appeal-mix.ts';
import { makeRecord, type RecordContext } from './appeal-record.ts';
import { allocate, DAY_MS, dayShare, dayWeights, HOUR_MS, weekdayOf, type DayWeight } from './calendar.ts';
import type { CustomerRef, DemoAppeal, DemoOrg } from './model.ts';
import { indexOrg } from './org-index.ts';
import type { Rng } from './random.ts';

export interface AppealOptions {
  count: number;
  years: number;
  /** The present of the generated world; every appeal is created before it. */
  baseDate: Date;
  withMessages: boolean;
  /** The register number of the first appeal (1 in an empty database). */
  firstNumber?: number;
  batchSize?: number;
}

const MOSCOW_MS = 3 * HOUR_MS;

/** The first day of the generated range: `years` calendar years before the base date. */
export function rangeStart(baseDate: Date, years: number): Date {
  const start = new Date(baseDate.getTime());
  start.setUTCFullYear(start.getUTCFullYear() - Math.floor(years));
  return new Date(start.getTime() - Math.round((years % 1) * 365.25 * DAY_MS));
}

/** How many appeals each day gets: its weight, the first and the last day weighed by the share they cover. */
function dailyCounts(count: number, days: readonly DayWeight[], window: AppealWindow): number[] {
  // The share of a day's traffic (Moscow time) that falls inside the window.
  const hourOf = (ms: number, day: number) => (ms + MOSCOW_MS - day * DAY_MS) / HOUR_MS;
  const edge = (day: number) =>
    Math.max(0.01, dayShare(Math.max(0, hourOf(window.start, day)), Math.min(24, hourOf(window.end, day))));
  return allocate(
    count,
    days.map((day) => day.weight * edge(day.day)),
  );
}

/**
 * Skeletons in creation order, day by day. Appeals of later days start at the next local midnight of the
 * easternmost unit, so each day's appeals created before it are final and leave at once; the rest wait.
 */
function* inCreationOrder(
  days: readonly DayWeight[],
  counts: readonly number[],
  draw: (on: DrawDay) => Skeleton,
  maxOffsetMs: number,
): Generator<Skeleton> {
  let pending: Skeleton[] = [];
  for (const [dayIndex, { day }] of days.entries()) {
    const on: DrawDay = { day, weekday: weekdayOf(day), month: new Date(day * DAY_MS).getUTCMonth() };
    for (let drawn = 0; drawn < (counts[dayIndex] ?? 0); drawn++) {
      pending.push(draw(on));
    }
    const cutoff = (day + 1) * DAY_MS - maxOffsetMs;
    pending.sort((a, b) => a.createdAt - b.createdAt);
    const firstWaiting = pending.findIndex((skeleton) => skeleton.createdAt >= cutoff);
    const ready = firstWaiting === -1 ? pending.length : firstWaiting;
    yield* pending.slice(0, ready);
    pending = pending.slice(ready);
  }
  yield* pending;
}

function* inBatches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) {
    yield batch;
  }
}

export function* appealBatches(
  rng: Rng,
  org: DemoOrg,
  customers: readonly CustomerRef[],
  options: AppealOptions,
): Generator<DemoAppeal[]> {
  const messageRng = rng.fork();
  const mix = mixPickers();
  const index = indexOrg(rng, org);
  const base = options.baseDate.getTime();
  // A day's margin keeps received_at (always less than a day earlier) inside the range too.
  const window: AppealWindow = { start: rangeStart(options.baseDate, options.years).getTime() + DAY_MS, end: base };
  const days = dayWeights(rng, Math.floor(window.start / DAY_MS), Math.floor((base - 1) / DAY_MS));
  const counts = dailyCounts(options.count, days, window);
  const draw = skeletonDrawer({ rng, mix, index, customers, window });
  const context: RecordContext = {
    rng,
    messageRng,
    org,
    index,
    mix,
    base,
    withMessages: options.withMessages,
    seenCustomers: new Uint8Array(customers.length),
    sequences: new Map(),
  };
  function* records(): Generator<DemoAppeal> {
    let number = options.firstNumber ?? 1;
    for (const skeleton of inCreationOrder(days, counts, draw, index.maxOffsetMs)) {
      yield makeRecord(context, skeleton, number++);
    }
  }
  yield* inBatches(records(), options.batchSize ?? 5_000);
}
