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
  /** How many spans the block holds. */
  readonly count: number;
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
  pairs.sort((left, right) => left[0] - right[0]);
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
  const anyTime = [...weekly, ...exceptions.values()].some((minutes) => minutes.length > 0);
  if (!anyTime) {
    throw new NoWorkingTimeError(`Calendar in ${calendar.timeZone} has no working hours on any day`);
  }
  const zone = zoneOffsets(calendar.timeZone);
  return { zone, weekly, exceptions, blocks: new Map(), guessOffset: offsetAt(zone, Date.UTC(2020, 0, 1)), last: null };
}

function buildBlock(timeline: Timeline, index: number): Block {
  const firstDay = index * BLOCK_DAYS;
  const lo = localToInstant(timeline.zone, firstDay * DAY);
  const hi = localToInstant(timeline.zone, (firstDay + BLOCK_DAYS) * DAY);
  const spans: RawSpans = { starts: [], ends: [], sorted: true };
  // The day before the block may run an overnight shift into it.
  for (let day = firstDay - 1; day < firstDay + BLOCK_DAYS; day++) {
    const minutes = timeline.exceptions.get(day) ?? timeline.weekly[weekdayOf(day)] ?? [];
    for (let i = 0; i < minutes.length; i += 2) {
      const start = Math.max(lo, localToInstant(timeline.zone, day * DAY + (minutes[i] as number) * MINUTE));
      const end = Math.min(hi, localToInstant(timeline.zone, day * DAY + (minutes[i + 1] as number) * MINUTE));
      // Empty after clipping, or wholly inside a spring-forward gap.
      if (end <= start) {
        continue;
      }
      if (spans.starts.length > 0 && start < (spans.starts[spans.starts.length - 1] as number)) {
        spans.sorted = false;
      }
      spans.starts.push(start);
      spans.ends.push(end);
    }
  }
  return packBlock({ index, lo, hi }, spans);
}

/** A block's working spans as they were collected: parallel starts and ends, and whether starts ascend. */
interface RawSpans {
  starts: number[];
  ends: number[];
  sorted: boolean;
}

/** Sorts if needed and merges touching spans, so consecutive spans are always separated by a gap. */
function packBlock(range: Pick<Block, 'index' | 'lo' | 'hi'>, { starts, ends, sorted }: RawSpans): Block {
  let order = starts.map((_, i) => i);
  if (!sorted) {
    order = order.sort((left, right) => (starts[left] as number) - (starts[right] as number));
  }
  const mergedStarts: number[] = [];
  const mergedEnds: number[] = [];
  for (const span of order) {
    const start = starts[span] as number;
    const end = ends[span] as number;
    const last = mergedEnds.length - 1;
    if (last >= 0 && start <= (mergedEnds[last] as number)) {
      if (end > (mergedEnds[last] as number)) {
        mergedEnds[last] = end;
      }
    } else {
      mergedStarts.push(start);
      mergedEnds.push(end);
    }
  }
  const count = mergedStarts.length;
  const cumEnd = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) {
    total += (mergedEnds[i] as number) - (mergedStarts[i] as number);
    cumEnd[i] = total;
  }
  return {
    ...range,
    count,
    starts: Float64Array.from(mergedStarts),
    ends: Float64Array.from(mergedEnds),
    cumEnd,
    total,
  };
}

export function blockByIndex(timeline: Timeline, index: number): Block {
  let block = timeline.blocks.get(index);
  if (block === undefined) {
    block = buildBlock(timeline, index);
    timeline.blocks.set(index, block);
  }
  return block;
}

/** The block whose [lo, hi) contains the instant. */
export function blockAt(timeline: Timeline, instant: number): Block {
  const last = timeline.last;
  if (last !== null && instant >= last.lo && instant < last.hi) {
    return last;
  }
  let index = Math.floor((instant + timeline.guessOffset) / BLOCK_MS);
  let block = blockByIndex(timeline, index);
  while (instant < block.lo) {
    block = blockByIndex(timeline, --index);
  }
  while (instant >= block.hi) {
    block = blockByIndex(timeline, ++index);
  }
  timeline.last = block;
  return block;
}

/** Index of the last span starting at or before the instant, or -1. */
export function spanIndex(block: Block, instant: number): number {
  const starts = block.starts;
  let lo = 0;
  let hi = block.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] as number) <= instant) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo - 1;
}

/** Working ms in [block.lo, instant). */
export function cumAt(block: Block, instant: number): number {
  const span = spanIndex(block, instant);
  if (span < 0) {
    return 0;
  }
  const end = block.ends[span] as number;
  const cum = block.cumEnd[span] as number;
  return instant >= end ? cum : cum - (end - instant);
}

/** Calls `visit` on each block after `from` until it returns true; gives up after ~3 empty years. */
function scanForward(timeline: Timeline, from: Block, visit: (next: Block) => boolean): Block {
  let emptyRun = 0;
  let next = from;
  for (;;) {
    if (next.hi >= END_INSTANT) {
      throw new RangeError('The result lies beyond the supported range (year 2200)');
    }
    next = blockByIndex(timeline, next.index + 1);
    if (visit(next)) {
      return next;
    }
    emptyRun = next.total === 0 ? emptyRun + 1 : 0;
    if (emptyRun > MAX_EMPTY_BLOCKS) {
      const since = new Date(blockByIndex(timeline, next.index - emptyRun + 1).lo).toISOString();
      throw new NoWorkingTimeError(
        `Calendar in ${timeline.zone.timeZone} has no working time for over 3 years from ${since}`,
      );
    }
  }
}

/** The instant `work` (> 0) working ms after `start`: the end of working time, never a gap. */
export function addMs(timeline: Timeline, start: number, work: number): number {
  let block = blockAt(timeline, start);
  let target = cumAt(block, start) + work;
  if (target > block.total) {
    target -= block.total;
    block = scanForward(timeline, block, (next) => {
      if (target <= next.total) {
        return true;
      }
      target -= next.total;
      return false;
    });
  }
  const cumEnd = block.cumEnd;
  let lo = 0;
  let hi = block.count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumEnd[mid] as number) < target) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return (block.ends[lo] as number) - ((cumEnd[lo] as number) - target);
}

/** Working ms in [from, to) for from <= to. */
export function betweenMs(timeline: Timeline, from: number, to: number): number {
  const first = blockAt(timeline, from);
  if (to < first.hi) {
    return cumAt(first, to) - cumAt(first, from);
  }
  let sum = first.total - cumAt(first, from);
  let block = first;
  for (;;) {
    block = blockByIndex(timeline, block.index + 1);
    if (to < block.hi) {
      return sum + cumAt(block, to);
    }
    sum += block.total;
  }
}

export function isWorkingMs(timeline: Timeline, instant: number): boolean {
  const block = blockAt(timeline, instant);
  const span = spanIndex(block, instant);
  return span >= 0 && instant < (block.ends[span] as number);
}

/** The instant itself when working, else the start of the next working span. */
export function nextOpeningMs(timeline: Timeline, instant: number): number {
  const block = blockAt(timeline, instant);
  const span = spanIndex(block, instant);
  if (span >= 0 && instant < (block.ends[span] as number)) {
    return instant;
  }
  if (span + 1 < block.count) {
    return block.starts[span + 1] as number;
  }
  return scanForward(timeline, block, (next) => next.count > 0).starts[0] as number;
}
