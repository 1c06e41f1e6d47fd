// Owns: the public deadline arithmetic of the SLA engine — adding and measuring working
// minutes in a unit's calendar, with and without pauses. Pure and I/O-free; all calendar
// knowledge lives in a CompiledCalendar built once per calendar and reused.
//
// Time rules:
//  - Working time is real elapsed time between the UTC instants of the local interval
//    boundaries. Each local boundary resolves to the earliest instant at which the zone's
//    clock shows that time or later (see zone-offsets.ts): a skipped (spring-forward) time
//    becomes the transition instant, a repeated (fall-back) time its first occurrence. So a
//    01:00–04:00 shift lasts 2 h on a 23-hour day and 4 h on a 25-hour day.
//  - An overnight interval (22:00–06:00) belongs to the day it starts on; an exception for a
//    date replaces that day's intervals, including their overnight tails.
//  - Supported instants: 1900-01-01 ≤ t < 2200-01-01 UTC; others throw RangeError.
import { type Calendar, validateCalendar } from './calendar.ts';
import {
  FIRST_INSTANT,
  END_INSTANT,
  NoWorkingTimeError,
  type Timeline,
  addMs,
  betweenMs,
  buildTimeline,
  isWorkingMs,
  nextOpeningMs,
} from './timeline.ts';

export { NoWorkingTimeError };

const MINUTE = 60_000;

export interface CompiledCalendar {
  readonly calendar: Calendar;
  readonly timeZone: string;
  /** Internal lazily-filled cache of working spans; treat as opaque. */
  readonly timeline: Timeline;
}

/** A span during which the SLA clock is stopped; `to: null` = still paused, end unknown. */
export interface Pause {
  from: Date;
  to: Date | null;
}

/**
 * Validates and precompiles a calendar. Throws RangeError for an invalid calendar and
 * NoWorkingTimeError when neither the week nor any exception has working hours.
 */
export function compileCalendar(calendar: Calendar): CompiledCalendar {
  const checked = validateCalendar(calendar);
  if (!checked.ok) {
    const detail = checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    throw new RangeError(`Invalid calendar: ${detail}`);
  }
  return { calendar: checked.calendar, timeZone: checked.calendar.timeZone, timeline: buildTimeline(checked.calendar) };
}

function ms(t: Date, name: string): number {
  const v = t.getTime();
  if (!(v >= FIRST_INSTANT && v < END_INSTANT)) {
    throw new RangeError(`${name} must be a valid date in 1900–2199, got ${String(t)}`);
  }
  return v;
}

function workMs(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a whole number >= 0, got ${minutes}`);
  }
  return minutes * MINUTE;
}

/**
 * The instant at which `minutes` working minutes have elapsed after `start`. Outside
 * working hours the clock starts at the next opening. For minutes > 0 the result is the
 * end of a piece of working time (never inside a closed period); for 0 it is `start` when
 * open, else the next opening. Throws NoWorkingTimeError after 3 years without working time.
 */
export function addWorkingMinutes(cal: CompiledCalendar, start: Date, minutes: number): Date {
  const t = ms(start, 'start');
  const work = workMs(minutes);
  return new Date(work === 0 ? nextOpeningMs(cal.timeline, t) : addMs(cal.timeline, t, work));
}

/**
 * Working minutes in [a, b); negative when b < a. Counted in milliseconds, so the result is
 * fractional when a or b is not on a whole minute of working time.
 */
export function workingMinutesBetween(cal: CompiledCalendar, a: Date, b: Date): number {
  const x = ms(a, 'a');
  const y = ms(b, 'b');
  // `0 -` rather than unary minus: callers should never see -0.
  return y >= x ? betweenMs(cal.timeline, x, y) / MINUTE : 0 - betweenMs(cal.timeline, y, x) / MINUTE;
}

export function isWorkingTime(cal: CompiledCalendar, t: Date): boolean {
  return isWorkingMs(cal.timeline, ms(t, 't'));
}

/** `t` itself when the calendar is open at `t`, else the start of the next working period. */
export function nextOpening(cal: CompiledCalendar, t: Date): Date {
  return new Date(nextOpeningMs(cal.timeline, ms(t, 't')));
}

interface Span {
  from: number;
  to: number;
}

/** Sorted, merged pause spans (open-ended ones run to +Infinity). */
function pauseSpans(pauses: readonly Pause[]): Span[] {
  const spans = pauses.map((p, i): Span => {
    const from = ms(p.from, `pauses[${i}].from`);
    const to = p.to === null ? Infinity : ms(p.to, `pauses[${i}].to`);
    if (to < from) {
      throw new RangeError(`pauses[${i}] ends before it starts`);
    }
    return { from, to };
  });
  spans.sort((x, y) => x.from - y.from);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && s.from <= last.to) {
      last.to = Math.max(last.to, s.to);
    } else if (s.to > s.from) {
      merged.push({ ...s });
    }
  }
  return merged;
}

/** Working minutes in [a, b) outside every pause (overlapping pauses count once). */
export function workingMinutesExcluding(cal: CompiledCalendar, a: Date, b: Date, pauses: readonly Pause[]): number {
  const x = ms(a, 'a');
  const y = ms(b, 'b');
  if (y < x) {
    return 0 - workingMinutesExcluding(cal, b, a, pauses);
  }
  let total = betweenMs(cal.timeline, x, y);
  for (const p of pauseSpans(pauses)) {
    const lo = Math.max(x, p.from);
    const hi = Math.min(y, p.to);
    if (hi > lo) {
      total -= betweenMs(cal.timeline, lo, hi);
    }
  }
  return total / MINUTE;
}

/**
 * The due instant when the clock stands still during `pauses`. Returns null when an
 * open-ended pause (to: null) stops the clock before the deadline is reached: the deadline
 * is unknown until the pause ends. With minutes = 0 the result is the first open, unpaused
 * instant at or after `start`.
 */
export function addWorkingMinutesWithPauses(
  cal: CompiledCalendar,
  start: Date,
  minutes: number,
  pauses: readonly Pause[],
): Date | null {
  const tl = cal.timeline;
  let cursor = ms(start, 'start');
  let remaining = workMs(minutes);
  for (const p of pauseSpans(pauses)) {
    if (p.to <= cursor) {
      continue;
    }
    if (p.from > cursor) {
      const available = betweenMs(tl, cursor, p.from);
      // With nothing left to count, the answer is the next opening if one precedes the pause.
      if (remaining > 0 ? remaining <= available : available > 0) {
        return new Date(remaining > 0 ? addMs(tl, cursor, remaining) : nextOpeningMs(tl, cursor));
      }
      remaining -= available;
    }
    if (p.to === Infinity) {
      return null;
    }
    cursor = p.to;
  }
  return new Date(remaining > 0 ? addMs(tl, cursor, remaining) : nextOpeningMs(tl, cursor));
}
