// Owns: the calendar arithmetic of analytics — organisation days as 'YYYY-MM-DD', buckets of a grain, year-over-year
// shifts, report periods and the local-midnight instants that bound them. Pure: no I/O.
import { localToInstant, zoneOffsets } from '../sla/zone-offsets.ts';

export const GRAINS = ['month', 'week', 'day'] as const;
export type Grain = (typeof GRAINS)[number];
export const REPORT_VARIANTS = ['daily', 'weekly', 'monthly'] as const;
export type ReportVariant = (typeof REPORT_VARIANTS)[number];

const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date, or null when it is not a real date. */
export function dayNumber(day: string): number | null {
  const parts = DAY_RE.exec(day);
  if (!parts) {
    return null;
  }
  const number = Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])) / DAY_MS;
  return formatDay(number) === day ? number : null;
}

const must = (day: string): number => {
  const number = dayNumber(day);
  if (number === null) {
    throw new RangeError(`Not a date: ${day}`);
  }
  return number;
};

export const formatDay = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
export const addDays = (day: string, n: number): string => formatDay(must(day) + n);
export const isValidDay = (day: string): boolean => dayNumber(day) !== null;
/** Days from `from` to `to` (negative when `to` comes first). */
export const daysBetween = (from: string, to: string): number => must(to) - must(from);

/** The first day of the bucket of `grain` that holds `day`; weeks start on Monday (ISO). */
export function bucketStart(day: string, grain: Grain): string {
  if (grain === 'day') {
    return formatDay(must(day));
  }
  if (grain === 'month') {
    return `${day.slice(0, 7)}-01`;
  }
  const number = must(day);
  const weekday = (new Date(number * DAY_MS).getUTCDay() + 6) % 7; // Monday = 0
  return formatDay(number - weekday);
}

/** The first day of the next bucket. */
export function nextBucket(start: string, grain: Grain): string {
  if (grain === 'day') {
    return addDays(start, 1);
  }
  if (grain === 'week') {
    return addDays(start, 7);
  }
  const [y, m] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Every bucket that meets [from, to] (both inclusive), in order, so that empty buckets show as zeros. */
export function bucketsOf(from: string, to: string, grain: Grain): string[] {
  const out: string[] = [];
  const last = bucketStart(to, grain);
  for (let b = bucketStart(from, grain); b <= last; b = nextBucket(b, grain)) {
    out.push(b);
  }
  return out;
}

/** The first day of the month `months` months before the month of `day`. */
export function monthsBefore(day: string, months: number): string {
  const index = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 - months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** The same calendar day `years` on; 29 February becomes 28 February in a common year. */
export function shiftYears(day: string, years: number): string {
  const year = String(Number(day.slice(0, 4)) + years).padStart(4, '0');
  const candidate = `${year}${day.slice(4)}`;
  return isValidDay(candidate) ? candidate : `${year}-02-28`;
}

/**
 * The first and last buckets (months or weeks) a period touches, each with its days outside the period (none when the
 * period covers it). When no appeal was received on those days, the bucket can be read whole from the roll-up and
 * still count the period exactly.
 */
export function edgeBuckets(
  from: string,
  to: string,
  grain: 'month' | 'week',
): { first: string; last: string; outsideFirst: [string, string][]; outsideLast: [string, string][] } {
  const first = bucketStart(from, grain);
  const last = bucketStart(to, grain);
  const lastDay = addDays(nextBucket(last, grain), -1);
  const before: [string, string][] = from === first ? [] : [[first, addDays(from, -1)]];
  const after: [string, string][] = to === lastDay ? [] : [[addDays(to, 1), lastDay]];
  return first === last
    ? { first, last, outsideFirst: [...before, ...after], outsideLast: [...before, ...after] }
    : { first, last, outsideFirst: before, outsideLast: after };
}

/** The contiguous buckets [from, to) (their first days) to read whole, given whether the edge buckets may be. */
export function bucketsToRead(
  from: string,
  to: string,
  grain: 'month' | 'week',
  { firstWhole, lastWhole }: { firstWhole: boolean; lastWhole: boolean },
): { from: string; to: string } | null {
  const { first, last } = edgeBuckets(from, to, grain);
  const start = firstWhole ? first : nextBucket(first, grain);
  const end = lastWhole ? nextBucket(last, grain) : last;
  return start < end ? { from: start, to: end } : null;
}

/** The organisation's calendar day at an instant. */
export function orgDayOf(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The organisation's local time of day at an instant, 'HH:MM'. */
export function orgTimeOf(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('hour')}:${get('minute')}`;
}

/** The instant the organisation's day begins (local midnight; a skipped midnight is the first instant after it). */
export function dayStartInstant(day: string, timeZone: string): Date {
  return new Date(localToInstant(zoneOffsets(timeZone), must(day) * DAY_MS));
}

export interface ReportPeriod {
  variant: ReportVariant;
  from: string;
  /** Inclusive. */
  to: string;
  /** Names the period in dedupe keys and file names: 2026-11-24, 2026-W47, 2026-10. */
  key: string;
}

/** The last finished period of a variant as of the organisation's `today`: yesterday, last ISO week, last month. */
export function lastPeriod(variant: ReportVariant, today: string): ReportPeriod {
  if (variant === 'daily') {
    const day = addDays(today, -1);
    return { variant, from: day, to: day, key: day };
  }
  if (variant === 'weekly') {
    const from = addDays(bucketStart(today, 'week'), -7);
    return { variant, from, to: addDays(from, 6), key: isoWeekKey(from) };
  }
  const to = addDays(bucketStart(today, 'month'), -1);
  return { variant, from: bucketStart(to, 'month'), to, key: to.slice(0, 7) };
}

/** ISO week label of a Monday, e.g. 2026-W47. */
export function isoWeekKey(monday: string): string {
  const thursday = must(monday) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  return `${year}-W${String(Math.floor((thursday - jan1) / 7) + 1).padStart(2, '0')}`;
}

/** The period of a variant that holds `day` (for reports downloaded for any day). */
export function periodHolding(variant: ReportVariant, day: string): ReportPeriod {
  return lastPeriod(
    variant,
    variant === 'daily'
      ? addDays(day, 1)
      : variant === 'weekly'
        ? addDays(bucketStart(day, 'week'), 7)
        : nextBucket(bucketStart(day, 'month'), 'month'),
  );
}

export const SAMPLE_SLICES = 64;

/**
 * How many of the 64 sample slices a percentile reads so that about `target` values take part: all of them (exact)
 * for sets up to `target`, fewer for larger sets.
 */
export function sampleSlices(total: number, target = 20_000): number {
  if (total <= target) {
    return SAMPLE_SLICES;
  }
  return Math.max(1, Math.min(SAMPLE_SLICES, Math.ceil((SAMPLE_SLICES * target) / total)));
}

export const share = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((10000 * part) / whole) / 100;
