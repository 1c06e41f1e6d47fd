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

/** A pause that has ended. */
export interface ClosedPause extends Pause {
  to: Date;
}

/**
 * Validates and precompiles a calendar. Throws RangeError for an invalid calendar and
 * NoWorkingTimeError when neither the week nor any exception has working hours.
 */
export function compileCalendar(calendar: Calendar): CompiledCalendar {
  const checked = validateCalendar(calendar);
  if (!checked.ok) {
    const detail = checked.errors.map((error) => `${error.path}: ${error.message}`).join('; ');
    throw new RangeError(`Invalid calendar: ${detail}`);
  }
  return { calendar: checked.calendar, timeZone: checked.calendar.timeZone, timeline: buildTimeline(checked.calendar) };
}

/** The instant in ms, checked to lie in the supported range; `name` says which argument in the error. */
function ms(instant: Date, name: string): number {
  const value = instant.getTime();
  if (!(value >= FIRST_INSTANT && value < END_INSTANT)) {
    throw new RangeError(`${name} must be a valid date in 1900–2199, got ${String(instant)}`);
  }
  return value;
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
  const from = ms(start, 'start');
  const work = workMs(minutes);
  return new Date(work === 0 ? nextOpeningMs(cal.timeline, from) : addMs(cal.timeline, from, work));
}

/**
 * Working minutes in [from, to); negative when to < from. Counted in milliseconds, so the result is
 * fractional when from or to is not on a whole minute of working time.
 */
export function workingMinutesBetween(cal: CompiledCalendar, from: Date, to: Date): number {
  const start = ms(from, 'from');
  const end = ms(to, 'to');
  // `0 -` rather than unary minus: callers should never see -0.
  return end >= start ? betweenMs(cal.timeline, start, end) / MINUTE : 0 - betweenMs(cal.timeline, end, start) / MINUTE;
}

export function isWorkingTime(cal: CompiledCalendar, instant: Date): boolean {
  return isWorkingMs(cal.timeline, ms(instant, 'instant'));
}

/** The instant itself when the calendar is open then, else the start of the next working period. */
export function nextOpening(cal: CompiledCalendar, instant: Date): Date {
  return new Date(nextOpeningMs(cal.timeline, ms(instant, 'instant')));
}

interface Span {
  from: number;
  to: number;
}

/** Sorted, merged pause spans (open-ended ones run to +Infinity). */
function pauseSpans(pauses: readonly Pause[]): Span[] {
  const spans = pauses.map((pause, index): Span => {
    const from = ms(pause.from, `pauses[${index}].from`);
    const to = pause.to === null ? Infinity : ms(pause.to, `pauses[${index}].to`);
    if (to < from) {
      throw new RangeError(`pauses[${index}] ends before it starts`);
    }
    return { from, to };
  });
  spans.sort((left, right) => left.from - right.from);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.from <= last.to) {
      last.to = Math.max(last.to, span.to);
    } else if (span.to > span.from) {
      merged.push({ ...span });
    }
  }
  return merged;
}

/** Working minutes in [from, to) outside every pause (overlapping pauses count once). */
export function workingMinutesExcluding(cal: CompiledCalendar, from: Date, to: Date, pauses: readonly Pause[]): number {
  const start = ms(from, 'from');
  const end = ms(to, 'to');
  if (end < start) {
    return 0 - workingMinutesExcluding(cal, to, from, pauses);
  }
  let total = betweenMs(cal.timeline, start, end);
  for (const pause of pauseSpans(pauses)) {
    const lo = Math.max(start, pause.from);
    const hi = Math.min(end, pause.to);
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
  const timeline = cal.timeline;
  let cursor = ms(start, 'start');
  let remaining = workMs(minutes);
  const answer = () => new Date(remaining > 0 ? addMs(timeline, cursor, remaining) : nextOpeningMs(timeline, cursor));
  for (const pause of pauseSpans(pauses)) {
    if (pause.to <= cursor) {
      continue;
    }
    if (pause.from > cursor) {
      const available = betweenMs(timeline, cursor, pause.from);
      // With nothing left to count, the answer is the next opening if one precedes the pause.
      if (remaining > 0 ? remaining <= available : available > 0) {
        return answer();
      }
      remaining -= available;
    }
    if (pause.to === Infinity) {
      return null;
    }
    cursor = pause.to;
  }
  return answer();
}
