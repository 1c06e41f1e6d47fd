// Owns: UTC offsets of IANA time zones and the mapping from local wall-clock time to UTC
// instants. Intl is slow (~1 µs a call), so each zone's offset transitions are discovered
// once per ~400-day bucket and cached process-wide; afterwards every lookup is arithmetic.
//
// Local → UTC rule (used for every calendar boundary): a local wall-clock time resolves to
// the EARLIEST instant at which the zone's clock shows that time or a later one.
//  - ordinary time: the one instant showing it;
//  - repeated time (fall-back overlap): its first occurrence;
//  - skipped time (spring-forward gap): the transition instant itself, i.e. the moment the
//    clock jumps past it. Unlike TZDate (which shifts a gap time forward by the gap length)
//    this mapping is monotonic, so a local interval can never turn into an inverted span.

const SECOND = 1_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
// Whole seconds, so every sample and every bucket edge is second-aligned like tzdb transitions.
const BUCKET_MS = 400 * DAY;
// Two transitions closer than this that return to the same offset would go unnoticed; no
// zone in tzdb has ever done that.
const SAMPLE_MS = 12 * HOUR;

interface Bucket {
  readonly start: number;
  readonly end: number;
  /** Offset in force at `start`. */
  readonly firstOffset: number;
  /** Transition instants in (start, end), ascending, and the offset from each onwards. */
  readonly at: readonly number[];
  readonly off: readonly number[];
}

export interface ZoneOffsets {
  readonly timeZone: string;
  readonly format: Intl.DateTimeFormat;
  readonly buckets: Map<number, Bucket>;
}

const zones = new Map<string, ZoneOffsets>();

export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') {
    return false;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function zoneOffsets(timeZone: string): ZoneOffsets {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zone = { timeZone, format, buckets: new Map() };
    zones.set(timeZone, zone);
  }
  return zone;
}

const PARTS = /^(\d+)\D+(\d+)\D+(\d+)\D+(\d+)\D+(\d+)\D+(\d+)/;

/** Offset (ms) at a second-aligned instant, straight from Intl. */
function intlOffset(zone: ZoneOffsets, atSecond: number): number {
  const parts = PARTS.exec(zone.format.format(atSecond));
  if (parts === null) {
    throw new Error(`Cannot read the local time of ${zone.timeZone}`);
  }
  // en-US order: month/day/year, hour:minute:second.
  const wall = Date.UTC(
    Number(parts[3]),
    Number(parts[1]) - 1,
    Number(parts[2]),
    Number(parts[4]),
    Number(parts[5]),
    Number(parts[6]),
  );
  return wall - atSecond;
}

function buildBucket(zone: ZoneOffsets, index: number): Bucket {
  const start = index * BUCKET_MS;
  const end = start + BUCKET_MS;
  const firstOffset = intlOffset(zone, start);
  const at: number[] = [];
  const off: number[] = [];
  let previousSample = start;
  let previousOffset = firstOffset;
  for (let sample = start + SAMPLE_MS; sample <= end; sample += SAMPLE_MS) {
    const offset = intlOffset(zone, sample);
    if (offset !== previousOffset) {
      // The first second in (previousSample, sample] whose offset differs from previousOffset.
      let lo = previousSample / SECOND;
      let hi = sample / SECOND;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (intlOffset(zone, mid * SECOND) === previousOffset) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      const transition = hi * SECOND;
      if (transition < end) {
        at.push(transition);
        off.push(intlOffset(zone, transition));
      }
    }
    previousSample = sample;
    previousOffset = offset;
  }
  return { start, end, firstOffset, at, off };
}

function bucketAt(zone: ZoneOffsets, instant: number): Bucket {
  const index = Math.floor(instant / BUCKET_MS);
  let bucket = zone.buckets.get(index);
  if (bucket === undefined) {
    bucket = buildBucket(zone, index);
    zone.buckets.set(index, bucket);
  }
  return bucket;
}

/** UTC offset in ms (local = utc + offset) in force at the instant. */
export function offsetAt(zone: ZoneOffsets, instant: number): number {
  const bucket = bucketAt(zone, instant);
  let offset = bucket.firstOffset;
  for (let i = 0; i < bucket.at.length; i++) {
    if (instant < (bucket.at[i] as number)) {
      break;
    }
    offset = bucket.off[i] as number;
  }
  return offset;
}

/**
 * The instant for a local wall-clock time given as "wall ms" (the local date and time read
 * as if they were UTC), per the rule in the header.
 */
export function localToInstant(zone: ZoneOffsets, wall: number): number {
  // No zone is a full day away from UTC, so the answer is no earlier than wall - DAY. Walk the
  // constant-offset pieces from there; in the first piece that contains an instant whose clock
  // reads >= wall, the earliest such instant is max(pieceStart, wall - offset).
  let pieceStart = wall - DAY;
  let bucket = bucketAt(zone, pieceStart);
  let next = 0;
  let offset = bucket.firstOffset;
  while (next < bucket.at.length && (bucket.at[next] as number) <= pieceStart) {
    offset = bucket.off[next] as number;
    next++;
  }
  for (;;) {
    const pieceEnd = next < bucket.at.length ? (bucket.at[next] as number) : bucket.end;
    const candidate = Math.max(pieceStart, wall - offset);
    if (candidate < pieceEnd) {
      return candidate;
    }
    pieceStart = pieceEnd;
    if (next < bucket.at.length) {
      offset = bucket.off[next] as number;
      next++;
    } else {
      bucket = bucketAt(zone, pieceEnd);
      offset = bucket.firstOffset;
      next = 0;
    }
  }
}
