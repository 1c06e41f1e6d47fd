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
  const m = PARTS.exec(zone.format.format(atSecond));
  if (m === null) {
    throw new Error(`Cannot read the local time of ${zone.timeZone}`);
  }
  const wall = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
  return wall - atSecond;
}

function buildBucket(zone: ZoneOffsets, index: number): Bucket {
  const start = index * BUCKET_MS;
  const end = start + BUCKET_MS;
  const firstOffset = intlOffset(zone, start);
  const at: number[] = [];
  const off: number[] = [];
  let prevT = start;
  let prevO = firstOffset;
  for (let t = start + SAMPLE_MS; t <= end; t += SAMPLE_MS) {
    const o = intlOffset(zone, t);
    if (o !== prevO) {
      // The first second in (prevT, t] whose offset differs from prevO.
      let lo = prevT / SECOND;
      let hi = t / SECOND;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (intlOffset(zone, mid * SECOND) === prevO) {
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
    prevT = t;
    prevO = o;
  }
  return { start, end, firstOffset, at, off };
}

function bucketAt(zone: ZoneOffsets, t: number): Bucket {
  const index = Math.floor(t / BUCKET_MS);
  let bucket = zone.buckets.get(index);
  if (bucket === undefined) {
    bucket = buildBucket(zone, index);
    zone.buckets.set(index, bucket);
  }
  return bucket;
}

/** UTC offset in ms (local = utc + offset) in force at instant `t`. */
export function offsetAt(zone: ZoneOffsets, t: number): number {
  const b = bucketAt(zone, t);
  let o = b.firstOffset;
  for (let i = 0; i < b.at.length; i++) {
    if (t < (b.at[i] as number)) {
      break;
    }
    o = b.off[i] as number;
  }
  return o;
}

/**
 * The instant for a local wall-clock time given as "wall ms" (the local date and time read
 * as if they were UTC), per the rule in the header.
 */
export function localToInstant(zone: ZoneOffsets, wall: number): number {
  // No zone is a full day away from UTC, so the answer is no earlier than wall - DAY. Walk the
  // constant-offset pieces from there; in the first piece that contains an instant whose clock
  // reads >= wall, the earliest such instant is max(pieceStart, wall - offset).
  let t = wall - DAY;
  let b = bucketAt(zone, t);
  let i = 0;
  let o = b.firstOffset;
  while (i < b.at.length && (b.at[i] as number) <= t) {
    o = b.off[i] as number;
    i++;
  }
  for (;;) {
    const pieceEnd = i < b.at.length ? (b.at[i] as number) : b.end;
    const candidate = Math.max(t, wall - o);
    if (candidate < pieceEnd) {
      return candidate;
    }
    t = pieceEnd;
    if (i < b.at.length) {
      o = b.off[i] as number;
      i++;
    } else {
      b = bucketAt(zone, pieceEnd);
      o = b.firstOffset;
      i = 0;
    }
  }
}
