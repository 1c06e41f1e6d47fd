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
  const m = TIME.exec(text);
  if (m === null) {
    return null;
  }
  return m[3] === undefined ? Number(m[1]) * 60 + Number(m[2]) : MINUTES_PER_DAY;
}

/** Days since 1970-01-01 of a local calendar date 'YYYY-MM-DD', or null when invalid. */
export function parseDate(text: string): number | null {
  const m = DATE.exec(text);
  if (m === null) {
    return null;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
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
  intervals.forEach((iv, i) => {
    const mins = intervalMinutes(iv);
    if (mins !== null) {
      out.push({ start: mins[0], end: mins[1], path: [...path, i], spill: false });
    }
  });
  return out;
}

function spillOf(pieces: readonly Piece[]): Piece[] {
  return pieces
    .filter((p) => p.end > MINUTES_PER_DAY)
    .map((p) => ({ start: 0, end: p.end - MINUTES_PER_DAY, path: p.path, spill: true }));
}

function overlaps(pieces: Piece[], issues: CalendarError[], what: string, blameSpill = false): void {
  const sorted = [...pieces].sort((a, b) => a.start - b.start || Number(b.spill) - Number(a.spill));
  let reach: Piece | null = null;
  for (const p of sorted) {
    // blameSpill callers check one spill against pieces already checked among themselves.
    if (reach !== null && p.start < reach.end && (!blameSpill || p.spill || reach.spill)) {
      // Blame the piece the caller is checking, so the error points where the fix belongs.
      const blamed = p.spill === blameSpill ? p : reach;
      const other = blamed === p ? reach : p;
      const note = other.spill
        ? ` the overnight shift at ${other.path.join('.')} that runs into it`
        : ` ${other.path.join('.')}`;
      issues.push({
        path: blamed.path.join('.'),
        code: 'overlapping_intervals',
        message: `${what}: interval overlaps${note}`,
      });
    }
    if (reach === null || p.end > reach.end) {
      reach = p;
    }
  }
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function intervalIssues(intervals: readonly Interval[], path: (string | number)[], issues: CalendarError[]): void {
  intervals.forEach((iv, i) => {
    const at = [...path, i].join('.');
    const start = parseTime(iv.start);
    const end = parseTime(iv.end);
    if (start === null || start === MINUTES_PER_DAY) {
      issues.push({
        path: `${at}.start`,
        code: 'invalid_time',
        message: `start '${iv.start}' is not a time 'HH:MM' in 00:00–23:59`,
      });
    }
    if (end === null) {
      issues.push({
        path: `${at}.end`,
        code: 'invalid_time',
        message: `end '${iv.end}' is not a time 'HH:MM' in 00:00–24:00`,
      });
    }
    if (start !== null && end !== null && start === end) {
      issues.push({ path: at, code: 'empty_interval', message: `interval ${iv.start}–${iv.end} has zero length` });
    }
  });
}

/** Every semantic problem of a structurally valid calendar; [] when it is usable. */
export function calendarIssues(cal: Calendar): CalendarError[] {
  const issues: CalendarError[] = [];
  if (!isKnownTimeZone(cal.timeZone)) {
    issues.push({ path: 'timeZone', code: 'unknown_time_zone', message: `unknown IANA time zone '${cal.timeZone}'` });
  }
  cal.week.forEach((day, d) => intervalIssues(day, ['week', d], issues));
  cal.exceptions.forEach((ex, e) => intervalIssues(ex.intervals, ['exceptions', e, 'intervals'], issues));

  const weekPieces = cal.week.map((day, d) => piecesOf(day, ['week', d]));
  weekPieces.forEach((own, d) => {
    const prev = weekPieces[(d + 6) % 7] ?? [];
    overlaps([...own, ...spillOf(prev)], issues, DAY_NAMES[d] ?? `day ${d}`);
  });

  const byDay = new Map<number, Piece[]>();
  const dated: { day: number; pieces: Piece[]; date: string }[] = [];
  cal.exceptions.forEach((ex, e) => {
    const day = parseDate(ex.date);
    if (day === null) {
      issues.push({
        path: `exceptions.${e}.date`,
        code: 'invalid_date',
        message: `'${ex.date}' is not a valid date 'YYYY-MM-DD'`,
      });
      return;
    }
    if (byDay.has(day)) {
      issues.push({
        path: `exceptions.${e}.date`,
        code: 'duplicate_date',
        message: `${ex.date} already has an exception`,
      });
      return;
    }
    const pieces = piecesOf(ex.intervals, ['exceptions', e, 'intervals']);
    byDay.set(day, pieces);
    dated.push({ day, pieces, date: ex.date });
  });
  const piecesOn = (day: number): Piece[] => byDay.get(day) ?? weekPieces[weekdayOf(day)] ?? [];
  for (const { day, pieces, date } of dated) {
    overlaps([...pieces, ...spillOf(piecesOn(day - 1))], issues, date);
    // The next day, when it is an exception too, checks this spill itself.
    if (!byDay.has(day + 1)) {
      overlaps([...spillOf(pieces), ...piecesOn(day + 1)], issues, `the day after ${date}`, true);
    }
  }
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
        path: issue.path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
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
  const copy = (list: readonly Interval[]): Interval[] => list.map((iv) => ({ ...iv }));
  return {
    timeZone,
    week: [0, 1, 2, 3, 4].map(() => copy(intervalsForMonToFri)).concat([copy(intervalsForSat), copy(intervalsForSun)]),
    exceptions: [],
  };
}

const WHOLE_DAY: readonly Interval[] = [{ start: '00:00', end: '24:00' }];

/** Round the clock, every day, in UTC; spread it with another timeZone when needed. */
export const CALENDAR_24_7: Calendar = weeklyCalendar('UTC', WHOLE_DAY, WHOLE_DAY, WHOLE_DAY);
