// Owns: a calendar's working time as sorted UTC [start, end) spans in milliseconds, built
// lazily in blocks of BLOCK_DAYS local days and cached, so the hot path is a cache hit plus
// binary searches over plain Float64Arrays — no Date or TZDate objects, no Intl calls.
//
// Blocks partition the UTC time line exactly: block k covers [local midnight of its first
// day, local midnight after its last day) and holds every working span clipped to that
// range, including the tail of an overnight shift started the day before the block.
import { type Calendar, intervalMinutes, parseDate, weekdayOf } from './calendar.ts';
import { type ZoneOffsets, localToInstant, offsetAt, zoneOffsets } from './zone-offsets.ts';

export class NoWorkingTimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoWorkingTimeError';
  }
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const BLOCK_DAYS = 32;
const BLOCK_MS = BLOCK_DAYS * DAY;
/** Instants the arithmetic accepts and produces: [1900-01-01, 2200-01-01) UTC. */
export const FIRST_INSTANT = Date.UTC(1900, 0, 1);
export const END_INSTANT = Date.UTC(2200, 0, 1);
/** A forward search gives up after this many consecutive blocks without working time (> 3 years). */
const MAX_EMPTY_BLOCKS = Math.ceil((3 * 366) / BLOCK_DAYS) + 1;

export interface Block {
  readonly index: number;
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** Working ms from `lo` to the end of span i. */
  readonly cumEnd: Float64Array;
  readonly total: number;
}

export interface Timeline {
  readonly zone: ZoneOffsets;
  /** Per weekday (0 = Monday): flat [startMinute, endMinute, …], endMinute > 1440 overnight. */
  readonly weekly: readonly (readonly number[])[];
  /** Local day number → that date's replacement minutes, same layout as `weekly`. */
  readonly exceptions: ReadonlyMap<number, readonly number[]>;
  readonly blocks: Map<number, Block>;
  /** Any plausible offset; only used to guess which block an instant falls in. */
  readonly guessOffset: number;
  last: Block | null;
}

function minutesOf(intervals: Calendar['week'][number]): number[] {
  const pairs: [number, number][] = [];
  for (const iv of intervals) {
    const mins = intervalMinutes(iv);
    if (mins !== null) {
      pairs.push(mins);
    }
  }
  pairs.sort((a, b) => a[0] - b[0]);
  return pairs.flat();
}

/** Assumes a validated calendar. Throws NoWorkingTimeError when it can never be open. */
export function buildTimeline(calendar: Calendar): Timeline {
  const weekly = calendar.week.map(minutesOf);
  const exceptions = new Map<number, number[]>();
  for (const ex of calendar.exceptions) {
    const day = parseDate(ex.date);
    if (day !== null && !exceptions.has(day)) {
      exceptions.set(day, minutesOf(ex.intervals));
    }
  }
  const anyTime = weekly.some((m) => m.length > 0) || [...exceptions.values()].some((m) => m.length > 0);
  if (!anyTime) {
    throw new NoWorkingTimeError(`Calendar in ${calendar.timeZone} has no working hours on any day`);
  }
  const zone = zoneOffsets(calendar.timeZone);
  return { zone, weekly, exceptions, blocks: new Map(), guessOffset: offsetAt(zone, Date.UTC(2020, 0, 1)), last: null };
}

function buildBlock(tl: Timeline, index: number): Block {
  const firstDay = index * BLOCK_DAYS;
  const lo = localToInstant(tl.zone, firstDay * DAY);
  const hi = localToInstant(tl.zone, (firstDay + BLOCK_DAYS) * DAY);
  const starts: number[] = [];
  const ends: number[] = [];
  let sorted = true;
  // The day before the block may run an overnight shift into it.
  for (let day = firstDay - 1; day < firstDay + BLOCK_DAYS; day++) {
    const mins = tl.exceptions.get(day) ?? tl.weekly[weekdayOf(day)] ?? [];
    for (let i = 0; i < mins.length; i += 2) {
      const s = Math.max(lo, localToInstant(tl.zone, day * DAY + (mins[i] as number) * MINUTE));
      const e = Math.min(hi, localToInstant(tl.zone, day * DAY + (mins[i + 1] as number) * MINUTE));
      // Empty after clipping, or wholly inside a spring-forward gap.
      if (e <= s) {
        continue;
      }
      if (starts.length > 0 && s < (starts[starts.length - 1] as number)) {
        sorted = false;
      }
      starts.push(s);
      ends.push(e);
    }
  }
  return packBlock(index, lo, hi, starts, ends, sorted);
}

/** Sorts if needed and merges touching spans, so consecutive spans are always separated by a gap. */
function packBlock(index: number, lo: number, hi: number, starts: number[], ends: number[], sorted: boolean): Block {
  let order = starts.map((_, i) => i);
  if (!sorted) {
    order = order.sort((a, b) => (starts[a] as number) - (starts[b] as number));
  }
  const S: number[] = [];
  const E: number[] = [];
  for (const i of order) {
    const s = starts[i] as number;
    const e = ends[i] as number;
    const last = E.length - 1;
    if (last >= 0 && s <= (E[last] as number)) {
      if (e > (E[last] as number)) {
        E[last] = e;
      }
    } else {
      S.push(s);
      E.push(e);
    }
  }
  const n = S.length;
  const cumEnd = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += (E[i] as number) - (S[i] as number);
    cumEnd[i] = total;
  }
  return { index, lo, hi, n, starts: Float64Array.from(S), ends: Float64Array.from(E), cumEnd, total };
}

export function blockByIndex(tl: Timeline, index: number): Block {
  let b = tl.blocks.get(index);
  if (b === undefined) {
    b = buildBlock(tl, index);
    tl.blocks.set(index, b);
  }
  return b;
}

/** The block whose [lo, hi) contains instant t. */
export function blockAt(tl: Timeline, t: number): Block {
  const last = tl.last;
  if (last !== null && t >= last.lo && t < last.hi) {
    return last;
  }
  let index = Math.floor((t + tl.guessOffset) / BLOCK_MS);
  let b = blockByIndex(tl, index);
  while (t < b.lo) {
    b = blockByIndex(tl, --index);
  }
  while (t >= b.hi) {
    b = blockByIndex(tl, ++index);
  }
  tl.last = b;
  return b;
}

/** Index of the last span starting at or before t, or -1. */
export function spanIndex(b: Block, t: number): number {
  const starts = b.starts;
  let lo = 0;
  let hi = b.n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] as number) <= t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo - 1;
}

/** Working ms in [b.lo, t). */
export function cumAt(b: Block, t: number): number {
  const i = spanIndex(b, t);
  if (i < 0) {
    return 0;
  }
  const end = b.ends[i] as number;
  const cum = b.cumEnd[i] as number;
  return t >= end ? cum : cum - (end - t);
}

/** Calls `visit` on each block after `b` until it returns true; gives up after ~3 empty years. */
function scanForward(tl: Timeline, b: Block, visit: (next: Block) => boolean): Block {
  let emptyRun = 0;
  let next = b;
  for (;;) {
    if (next.hi >= END_INSTANT) {
      throw new RangeError('The result lies beyond the supported range (year 2200)');
    }
    next = blockByIndex(tl, next.index + 1);
    if (visit(next)) {
      return next;
    }
    emptyRun = next.total === 0 ? emptyRun + 1 : 0;
    if (emptyRun > MAX_EMPTY_BLOCKS) {
      const since = blockByIndex(tl, next.index - emptyRun + 1).lo;
      throw new NoWorkingTimeError(
        `Calendar in ${tl.zone.timeZone} has no working time for over 3 years from ${new Date(since).toISOString()}`,
      );
    }
  }
}

/** The instant `work` (> 0) working ms after `start`: the end of working time, never a gap. */
export function addMs(tl: Timeline, start: number, work: number): number {
  let b = blockAt(tl, start);
  let target = cumAt(b, start) + work;
  if (target > b.total) {
    target -= b.total;
    b = scanForward(tl, b, (next) => {
      if (target <= next.total) {
        return true;
      }
      target -= next.total;
      return false;
    });
  }
  const cumEnd = b.cumEnd;
  let lo = 0;
  let hi = b.n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumEnd[mid] as number) < target) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return (b.ends[lo] as number) - ((cumEnd[lo] as number) - target);
}

/** Working ms in [a, b) for a <= b. */
export function betweenMs(tl: Timeline, a: number, b: number): number {
  const ba = blockAt(tl, a);
  if (b < ba.hi) {
    return cumAt(ba, b) - cumAt(ba, a);
  }
  let sum = ba.total - cumAt(ba, a);
  let block = ba;
  for (;;) {
    block = blockByIndex(tl, block.index + 1);
    if (b < block.hi) {
      return sum + cumAt(block, b);
    }
    sum += block.total;
  }
}

export function isWorkingMs(tl: Timeline, t: number): boolean {
  const b = blockAt(tl, t);
  const i = spanIndex(b, t);
  return i >= 0 && t < (b.ends[i] as number);
}

/** t itself when working, else the start of the next working span. */
export function nextOpeningMs(tl: Timeline, t: number): number {
  const b = blockAt(tl, t);
  const i = spanIndex(b, t);
  if (i >= 0 && t < (b.ends[i] as number)) {
    return t;
  }
  if (i + 1 < b.n) {
    return b.starts[i + 1] as number;
  }
  return scanForward(tl, b, (next) => next.n > 0).starts[0] as number;
}
