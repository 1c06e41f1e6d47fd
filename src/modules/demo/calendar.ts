// When appeals happen: a weight for every calendar day (growth, season, sales, holidays, weekday) and, per
// channel, the hours of the local day and the weekdays on which customers use it. Pure arithmetic on UTC
// dates: a "day" is a calendar date, interpreted in each unit's own time zone by the caller.
import { CHANNELS, type Channel } from './model.ts';
import { weightedPicker, type Rng } from './random.ts';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

// Returns and repairs after the New Year, a quiet spring, air conditioners in summer, the November sales
// and the December peak (seed 000's incident dynamics show the same shape).
const MONTH_FACTOR = [1.15, 0.85, 0.95, 0.9, 0.85, 0.95, 1.05, 0.95, 1.0, 1.0, 1.2, 1.5];

/** A value of one of the hourly, weekday or monthly tables, which are complete: a miss is a bug. */
function valueAt(table: readonly number[], at: number): number {
  const value = table[at];
  if (value === undefined) {
    throw new RangeError(`demo calendar: no value at ${at}`);
  }
  return value;
}

/** Monday = 0 … Sunday = 6. */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

function lastFridayOfNovember(year: number): number {
  const last = Math.floor(Date.UTC(year, 10, 30) / DAY_MS);
  return last - ((weekdayOf(last) - 4 + 7) % 7);
}

/** Sales and holidays: what a retail chain's customer service feels on particular dates. */
function specialFactor(day: number, date: Date): number {
  const month = date.getUTCMonth();
  const dayOfMonth = date.getUTCDate();
  const blackFriday = lastFridayOfNovember(date.getUTCFullYear());
  if (day >= blackFriday && day < blackFriday + 10) {
    return 1.7 - (day - blackFriday) * 0.06;
  }
  // 11.11
  if (month === 10 && dayOfMonth >= 11 && dayOfMonth <= 15) {
    return 1.35;
  }
  // Gifts; New Year's Eve itself is quiet.
  if (month === 11 && dayOfMonth >= 15) {
    return dayOfMonth === 31 ? 0.8 : 1.3;
  }
  if (month === 0 && dayOfMonth <= 2) {
    return 0.45;
  }
  // Returns after the holidays.
  if (month === 0 && dayOfMonth <= 10) {
    return 1.3;
  }
  // 23 February and 8 March gifts.
  if ((month === 1 && dayOfMonth >= 16 && dayOfMonth <= 23) || (month === 2 && dayOfMonth <= 8)) {
    return 1.15;
  }
  return 1;
}

const WEEKDAY_FACTOR = [1.05, 1.0, 1.0, 1.0, 1.05, 1.15, 1.1];

export interface DayWeight {
  /** Days since 1970-01-01 (UTC calendar date). */
  day: number;
  weight: number;
}

/** Weights of the days in [fromDay, toDay], with mild growth over the years and day-to-day noise. */
export function dayWeights(rng: Rng, fromDay: number, toDay: number): DayWeight[] {
  const out: DayWeight[] = [];
  const span = Math.max(1, toDay - fromDay);
  for (let day = fromDay; day <= toDay; day++) {
    const date = new Date(day * DAY_MS);
    const growth = 1 + 0.35 * ((day - fromDay) / span);
    const noise = Math.min(1.6, Math.max(0.6, rng.gaussian(1, 0.12)));
    const weight =
      growth *
      valueAt(MONTH_FACTOR, date.getUTCMonth()) *
      valueAt(WEEKDAY_FACTOR, weekdayOf(day)) *
      specialFactor(day, date) *
      noise;
    out.push({ day, weight });
  }
  return out;
}

/** Splits `total` over the weights exactly (cumulative rounding: the counts always add up to `total`). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts: number[] = [];
  let cumulative = 0;
  let given = 0;
  for (const weight of weights) {
    cumulative += weight;
    const upTo = Math.round((cumulative / sum) * total);
    counts.push(upTo - given);
    given = upTo;
  }
  return counts;
}

// Local hours 0..23. Stores are open 10–22; people write e-mails in the evening too; EDMS is office work.
const STORE_HOURS = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0.3, 0.8, 1.1, 1.3, 1.4, 1.4, 1.4, 1.5, 1.6, 1.7, 1.6, 1.3, 0.9, 0.3, 0,
];
const ONLINE_HOURS = [
  0.25, 0.15, 0.08, 0.05, 0.05, 0.08, 0.2, 0.45, 0.8, 1.1, 1.3, 1.3, 1.25, 1.2, 1.2, 1.15, 1.1, 1.1, 1.15, 1.25, 1.3,
  1.2, 0.9, 0.5,
];
const CALL_HOURS = [0, 0, 0, 0, 0, 0, 0, 0, 0.5, 1.2, 1.5, 1.5, 1.4, 1.3, 1.3, 1.3, 1.3, 1.3, 1.2, 1.0, 0.8, 0.5, 0, 0];
const CHAT_HOURS = [
  0.05, 0, 0, 0, 0, 0, 0, 0.1, 0.4, 0.9, 1.2, 1.3, 1.3, 1.2, 1.2, 1.2, 1.2, 1.2, 1.3, 1.4, 1.4, 1.2, 0.8, 0.3,
];
const OFFICE_HOURS = [0, 0, 0, 0, 0, 0, 0, 0, 0.2, 1.0, 1.4, 1.5, 1.2, 1.0, 1.4, 1.4, 1.3, 1.0, 0.4, 0.1, 0, 0, 0, 0];

export const CHANNEL_HOURS: Readonly<Record<Channel, readonly number[]>> = {
  email: ONLINE_HOURS,
  web_form: ONLINE_HOURS,
  social: ONLINE_HOURS,
  review_site: ONLINE_HOURS,
  sms: CHAT_HOURS,
  chat: CHAT_HOURS,
  phone: CALL_HOURS,
  callback: CALL_HOURS,
  store_submission: STORE_HOURS,
  edms: OFFICE_HOURS,
};

/** Per channel, a picker of the local hour (0–23) at which an appeal arrives. */
export function channelHourPickers(): Readonly<Record<Channel, (rng: Rng) => number>> {
  return Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      weightedPicker(CHANNEL_HOURS[channel].map((weight, hour) => [hour, weight] as const)),
    ]),
  ) as Record<Channel, (rng: Rng) => number>;
}

/** How much a channel is used on a weekday (Monday first) relative to the others. */
export function channelWeekdayFactor(channel: Channel, weekday: number): number {
  const weekend = weekday >= 5;
  if (channel === 'edms') {
    return weekend ? 0.05 : 1;
  }
  if (channel === 'store_submission') {
    return weekend ? 1.3 : 1;
  }
  if (channel === 'email' || channel === 'web_form') {
    return weekend ? 0.75 : 1;
  }
  if (channel === 'phone' || channel === 'callback') {
    return weekend ? 0.85 : 1;
  }
  return weekend ? 1.1 : 1;
}

const AVERAGE_HOURS = STORE_HOURS.map(
  (store, hour) => (store + valueAt(ONLINE_HOURS, hour) + valueAt(CALL_HOURS, hour) + valueAt(CHAT_HOURS, hour)) / 4,
);
const AVERAGE_TOTAL = AVERAGE_HOURS.reduce((a, b) => a + b, 0);

/** The share of a day's appeals that fall between two local times of day, in hours (0–24, fractional). */
export function dayShare(fromHour: number, toHour: number): number {
  let mass = 0;
  for (let h = Math.floor(fromHour); h < Math.ceil(toHour) && h < 24; h++) {
    const overlap = Math.min(toHour, h + 1) - Math.max(fromHour, h);
    if (overlap > 0) {
      mass += overlap * valueAt(AVERAGE_HOURS, h);
    }
  }
  return mass / AVERAGE_TOTAL;
}
