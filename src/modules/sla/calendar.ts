// Owns: the working-calendar model (weekly hours plus dated exceptions, in one IANA time
// zone), its zod schema and the validation rules every calendar must pass before any
// deadline arithmetic runs on it.
import { z } from 'zod';
import { isKnownTimeZone } from './zone-offsets.ts';

/**
 * Local 'HH:MM' times. `end <= start` means the shift runs past midnight into the next day
 * (22:00–06:00) and belongs to the day it starts on; '00:00'–'24:00' is a whole day.
 */
export interface Interval {
  start: string;
  end: string;
}

export interface CalendarException {
  /** Local date 'YYYY-MM-DD'. */
  date: string;
  /** [] = holiday; otherwise these hours replace that date's weekly hours. */
  intervals: Interval[];
  name?: string;
}

export interface Calendar {
  timeZone: string;
  /** Length 7: index 0 = Monday … 6 = Sunday. */
  week: Interval[][];
  exceptions: CalendarException[];
}

export type CalendarErrorCode =
  'unknown_time_zone' | 'invalid_time' | 'empty_interval' | 'overlapping_intervals' | 'duplicate_date' | 'invalid_date';

export interface CalendarError {
  /** Dotted path into the input, e.g. 'week.0.1.end' or 'exceptions.2.date'. */
  path: string;
  /** One of CalendarErrorCode, or zod's own code for a structural problem ('invalid_type'…). */
  code: string;
  message: string;
}

export type CalendarValidation = { ok: true; calendar: Calendar } | { ok: false; errors: CalendarError[] };

export const MINUTES_PER_DAY = 1440;
const DAY_MS = 86_400_000;

const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes since local midnight (0…1440), or null when not a valid 'HH:MM'. */
export function parseTime(text: string): number | null {
  const time = TIME.exec(text);
  if (time === null) {
    return null;
  }
  // Groups 1–2 are HH and MM; group 3 is set only for '24:00'.
  return time[3] === undefined ? Number(time[1]) * 60 + Number(time[2]) : MINUTES_PER_DAY;
}

/** Days since 1970-01-01 of a local calendar date 'YYYY-MM-DD', or null when invalid. */
export function parseDate(text: string): number | null {
  const date = DATE.exec(text);
  if (date === null) {
    return null;
  }
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return null;
  }
  return ms / DAY_MS;
}

/** Monday = 0 … Sunday = 6 for a day number since 1970-01-01 (a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * [startMinute, endMinute) relative to the owning day's midnight; endMinute > 1440 for an
 * overnight shift. Null when either end is malformed or the interval is empty.
 */
export function intervalMinutes(interval: Interval): [number, number] | null {
  const start = parseTime(interval.start);
  const end = parseTime(interval.end);
  if (start === null || end === null || start === MINUTES_PER_DAY || start === end) {
    return null;
  }
  return [start, end < start ? end + MINUTES_PER_DAY : end];
}

interface Piece {
  start: number;
  end: number;
  path: (string | number)[];
  /** True when the piece is the tail of the previous day's overnight shift. */
  spill: boolean;
}

function piecesOf(intervals: readonly Interval[], path: (string | number)[]): Piece[] {
  const out: Piece[] = [];
  intervals.forEach((interval, index) => {
    const minutes = intervalMinutes(interval);
    if (minutes !== null) {
      out.push({ start: minutes[0], end: minutes[1], path: [...path, index], spill: false });
    }
  });
  return out;
}

function spillOf(pieces: readonly Piece[]): Piece[] {
  return pieces
    .filter((piece) => piece.end > MINUTES_PER_DAY)
    .map((piece) => ({ start: 0, end: piece.end - MINUTES_PER_DAY, path: piece.path, spill: true }));
}

function overlaps(pieces: Piece[], issues: CalendarError[], what: string, blameSpill = false): void {
  const sorted = [...pieces].sort(
    (left, right) => left.start - right.start || Number(right.spill) - Number(left.spill),
  );
  let reach: Piece | null = null;
  for (const piece of sorted) {
    // blameSpill callers check one spill against pieces already checked among themselves.
    if (reach !== null && piece.start < reach.end && (!blameSpill || piece.spill || reach.spill)) {
      // Blame the piece the caller is checking, so the error points where the fix belongs.
      const blamed = piece.spill === blameSpill ? piece : reach;
      const other = blamed === piece ? reach : piece;
      const note = other.spill
        ? ` the overnight shift at ${other.path.join('.')} that runs into it`
        : ` ${other.path.join('.')}`;
      issues.push({
        path: blamed.path.join('.'),
        code: 'overlapping_intervals',
        message: `${what}: interval overlaps${note}`,
      });
    }
    if (reach === null || piece.end > reach.end) {
      reach = piece;
    }
  }
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function intervalIssues(intervals: readonly Interval[], path: (string | number)[], issues: CalendarError[]): void {
  intervals.forEach((interval, index) => {
    const at = [...path, index].join('.');
    const start = parseTime(interval.start);
    const end = parseTime(interval.end);
    if (start === null || start === MINUTES_PER_DAY) {
      issues.push({
        path: `${at}.start`,
        code: 'invalid_time',
        message: `start '${interval.start}' is not a time 'HH:MM' in 00:00–23:59`,
      });
    }
    if (end === null) {
      issues.push({
        path: `${at}.end`,
        code: 'invalid_time',
        message: `end '${interval.end}' is not a time 'HH:MM' in 00:00–24:00`,
      });
    }
    if (start !== null && end !== null && start === end) {
      issues.push({
        path: at,
        code: 'empty_interval',
        message: `interval ${interval.start}–${interval.end} has zero length`,
      });
    }
  });
}

/** Overlaps within each weekday, counting the tail of the previous day's overnight shifts. */
function weekOverlaps(weekPieces: readonly Piece[][], issues: CalendarError[]): void {
  weekPieces.forEach((own, weekday) => {
    const previous = weekPieces[(weekday + 6) % 7] ?? [];
    overlaps([...own, ...spillOf(previous)], issues, DAY_NAMES[weekday] ?? `day ${weekday}`);
  });
}

/** Overlaps on each exception date, with the days around it, and exceptions whose date is invalid or repeated. */
function exceptionIssues(calendar: Calendar, weekPieces: readonly Piece[][], issues: CalendarError[]): void {
  const byDay = new Map<number, Piece[]>();
  const dated: { day: number; pieces: Piece[]; date: string }[] = [];
  calendar.exceptions.forEach((exception, index) => {
    const day = parseDate(exception.date);
    if (day === null) {
      issues.push({
        path: `exceptions.${index}.date`,
        code: 'invalid_date',
        message: `'${exception.date}' is not a valid date 'YYYY-MM-DD'`,
      });
      return;
    }
    if (byDay.has(day)) {
      issues.push({
        path: `exceptions.${index}.date`,
        code: 'duplicate_date',
        message: `${exception.date} already has an exception`,
      });
      return;
    }
    const pieces = piecesOf(exception.intervals, ['exceptions', index, 'intervals']);
    byDay.set(day, pieces);
    dated.push({ day, pieces, date: exception.date });
  });
  const piecesOn = (day: number): Piece[] => byDay.get(day) ?? weekPieces[weekdayOf(day)] ?? [];
  for (const { day, pieces, date } of dated) {
    overlaps([...pieces, ...spillOf(piecesOn(day - 1))], issues, date);
    // The next day, when it is an exception too, checks this spill itself.
    if (!byDay.has(day + 1)) {
      overlaps([...spillOf(pieces), ...piecesOn(day + 1)], issues, `the day after ${date}`, true);
    }
  }
}

/** Every semantic problem of a structurally valid calendar; [] when it is usable. */
export function calendarIssues(calendar: Calendar): CalendarError[] {
  const issues: CalendarError[] = [];
  if (!isKnownTimeZone(calendar.timeZone)) {
    issues.push({
      path: 'timeZone',
      code: 'unknown_time_zone',
      message: `unknown IANA time zone '${calendar.timeZone}'`,
    });
  }
  calendar.week.forEach((day, weekday) => intervalIssues(day, ['week', weekday], issues));
  calendar.exceptions.forEach((exception, index) =>
    intervalIssues(exception.intervals, ['exceptions', index, 'intervals'], issues),
  );
  const weekPieces = calendar.week.map((day, weekday) => piecesOf(day, ['week', weekday]));
  weekOverlaps(weekPieces, issues);
  exceptionIssues(calendar, weekPieces, issues);
  return issues;
}

const IntervalSchema = z.object({ start: z.string(), end: z.string() });

export const CalendarInput = z
  .object({
    timeZone: z.string(),
    week: z.array(z.array(IntervalSchema)).length(7),
    exceptions: z
      .array(z.object({ date: z.string(), intervals: z.array(IntervalSchema), name: z.string().optional() }))
      .default([]),
  })
  .superRefine((cal, ctx) => {
    for (const issue of calendarIssues(cal)) {
      ctx.addIssue({
        code: 'custom',
        path: issue.path.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key)),
        message: issue.message,
        params: { code: issue.code },
      });
    }
  });

export function validateCalendar(input: unknown): CalendarValidation {
  const parsed = CalendarInput.safeParse(input);
  if (parsed.success) {
    return { ok: true, calendar: parsed.data };
  }
  const errors = parsed.error.issues.map((issue): CalendarError => {
    const custom = issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
    return {
      path: issue.path.map(String).join('.'),
      code: typeof custom === 'string' ? custom : issue.code,
      message: issue.message,
    };
  });
  return { ok: false, errors };
}

/** Mon–Fri share one set of hours; Saturday and Sunday default to days off. */
export function weeklyCalendar(
  timeZone: string,
  intervalsForMonToFri: readonly Interval[],
  intervalsForSat: readonly Interval[] = [],
  intervalsForSun: readonly Interval[] = [],
): Calendar {
  const copy = (list: readonly Interval[]): Interval[] => list.map((interval) => ({ ...interval }));
  return {
    timeZone,
    week: [0, 1, 2, 3, 4].map(() => copy(intervalsForMonToFri)).concat([copy(intervalsForSat), copy(intervalsForSun)]),
    exceptions: [],
  };
}

const WHOLE_DAY: readonly Interval[] = [{ start: '00:00', end: '24:00' }];

/** Round the clock, every day, in UTC; spread it with another timeZone when needed. */
export const CALENDAR_24_7: Calendar = weeklyCalendar('UTC', WHOLE_DAY, WHOLE_DAY, WHOLE_DAY);
