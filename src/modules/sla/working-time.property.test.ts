import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Calendar, type CalendarException, type Interval, validateCalendar } from './calendar.ts';
import {
  type CompiledCalendar,
  addWorkingMinutes,
  addWorkingMinutesWithPauses,
  compileCalendar,
  isWorkingTime,
  nextOpening,
  workingMinutesBetween,
  workingMinutesExcluding,
} from './working-time.ts';

const RUNS = { numRuns: 500 };
const MINUTE = 60_000;
const DAY = 86_400_000;
const STEP = 5; // minutes; every boundary sits on this local grid
// Fixed offsets, DST in both hemispheres, 30-minute DST (Lord Howe), DST at midnight
// (Santiago, Havana), a skipped day (Apia, 2011) and Ramadan suspensions (Casablanca).
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Europe/Moscow',
  'Asia/Vladivostok',
  'Asia/Kolkata',
  'UTC',
  'Australia/Lord_Howe',
  'America/Santiago',
  'America/Havana',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Apia',
  'Africa/Casablanca',
  'Pacific/Chatham',
];
const FIRST_DAY = Date.UTC(2010, 0, 1) / DAY;
const LAST_DAY = Date.UTC(2035, 0, 1) / DAY;
// Days on which some of the zones above change their clocks, to land near transitions often.
const CHANGE_DAYS = [
  '2011-12-30',
  '2024-03-10',
  '2024-03-31',
  '2024-04-07',
  '2024-09-08',
  '2024-10-06',
  '2024-10-27',
  '2024-11-03',
].map((d) => Date.parse(d) / DAY);

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const pairsOf = (marks: number[]): [number, number][] => {
  const sorted = [...marks].sort((a, b) => a - b).map((m) => m * STEP);
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) {
    pairs.push([sorted[i] as number, sorted[i + 1] as number]);
  }
  return pairs;
};
const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;

const markArb = fc.integer({ min: 0, max: 1440 / STEP });
const dayArb = fc.record({
  marks: fc.uniqueArray(markArb, { maxLength: 6 }),
  night: fc.integer({ min: 0, max: 3 }).map((x) => x === 0),
  nightStart: fc.integer({ min: 720 / STEP, max: 1435 / STEP }),
  nightEnd: fc.integer({ min: 0, max: 720 / STEP }),
});
const exceptionArb = fc.record({
  offset: fc.integer({ min: -20, max: 60 }),
  holiday: fc.boolean(),
  marks: fc.uniqueArray(markArb, { maxLength: 4 }),
});
const baseDayArb = fc.oneof(
  { arbitrary: fc.integer({ min: FIRST_DAY, max: LAST_DAY }), weight: 2 },
  {
    arbitrary: fc.tuple(fc.constantFrom(...CHANGE_DAYS), fc.integer({ min: -20, max: 3 })).map(([d, j]) => d + j),
    weight: 1,
  },
);

interface Case {
  calendar: Calendar;
  compiled: CompiledCalendar;
  baseMs: number;
}

/** Builds a calendar that is valid by construction: nights end before the next day opens. */
function buildCalendar(
  timeZone: string,
  days: { marks: number[]; night: boolean; nightStart: number; nightEnd: number }[],
  exceptions: { offset: number; holiday: boolean; marks: number[] }[],
  baseDay: number,
): Calendar {
  const own = days.map((day) => pairsOf(day.marks));
  const nightStart = days.map((day, weekday) => {
    const start = Math.max(day.nightStart * STEP, own[weekday]?.at(-1)?.[1] ?? 0);
    return day.night && start < 1440 ? start : null;
  });
  const spill = days.map((day, weekday) => {
    const start = nightStart[weekday];
    if (start == null) {
      return null;
    }
    const next = (weekday + 1) % 7;
    const end = Math.min(day.nightEnd * STEP, own[next]?.[0]?.[0] ?? 1440, nightStart[next] ?? 1440, start - STEP);
    return end >= 0 ? end : null;
  });
  const week = own.map((pairs, weekday): Interval[] => {
    const list = pairs.map(([start, end]) => ({ start: hhmm(start), end: hhmm(end) }));
    const start = nightStart[weekday];
    const end = spill[weekday];
    if (start != null && end != null) {
      list.push({ start: hhmm(start), end: hhmm(end) });
    }
    return list;
  });
  const exceptionDays = new Set(exceptions.map((e) => baseDay + e.offset));
  const seen = new Set<number>();
  const dated: CalendarException[] = [];
  for (const ex of exceptions) {
    const day = baseDay + ex.offset;
    if (seen.has(day)) {
      continue;
    }
    seen.add(day);
    const prevSpill = exceptionDays.has(day - 1) ? 0 : (spill[weekdayOf(day - 1)] ?? 0);
    const intervals = ex.holiday ? [] : pairsOf(ex.marks).filter(([s]) => s >= prevSpill);
    dated.push({
      date: new Date(day * DAY).toISOString().slice(0, 10),
      intervals: intervals.map(([s, e]) => ({ start: hhmm(s), end: hhmm(e) })),
    });
  }
  return { timeZone, week, exceptions: dated };
}

const weeklyMinutes = (cal: Calendar): number =>
  cal.week.flat().reduce((sum, { start, end }) => {
    const [s, e] = [start, end].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
    return sum + ((e as number) > (s as number) ? (e as number) - (s as number) : 1440 - (s as number) + (e as number));
  }, 0);

// At least 4 working hours a week keeps a 20,000-minute deadline within ~2 years.
const caseArb: fc.Arbitrary<Case> = fc
  .tuple(
    fc.constantFrom(...ZONES),
    fc.array(dayArb, { minLength: 7, maxLength: 7 }),
    fc.array(exceptionArb, { maxLength: 12 }),
    baseDayArb,
  )
  .map(([zone, days, exceptions, baseDay]) => ({
    calendar: buildCalendar(zone, days, exceptions, baseDay),
    baseMs: baseDay * DAY,
  }))
  .filter(({ calendar }) => weeklyMinutes(calendar) >= 240)
  .map(({ calendar, baseMs }) => ({
    calendar,
    compiled: compileCalendar(calendar),
    baseMs,
    // Counterexamples print the calendar, not the compiled cache.
    [fc.toStringMethod]: () => `${JSON.stringify(calendar)} around ${new Date(baseMs).toISOString()}`,
  }));
/** An instant a few weeks around the case's exceptions, at arbitrary milliseconds. */
const instantIn = (c: Case): fc.Arbitrary<Date> =>
  fc.integer({ min: -30 * DAY, max: 60 * DAY }).map((d) => new Date(c.baseMs + d));
const minutesArb = fc.integer({ min: 0, max: 20_000 });

/** Independent oracle from TZDate wall-clock fields; undefined within 2 days of an offset change. */
function naiveIsWorking(cal: Calendar, instant: number): boolean | undefined {
  const local = new TZDate(instant, cal.timeZone);
  const offset = local.getTimezoneOffset();
  for (const probe of [instant - 2 * DAY, instant - DAY, instant + DAY, instant + 2 * DAY]) {
    if (new TZDate(probe, cal.timeZone).getTimezoneOffset() !== offset) {
      return undefined;
    }
  }
  const day = Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / DAY;
  const minute =
    local.getHours() * 60 + local.getMinutes() + (local.getSeconds() * 1000 + local.getMilliseconds()) / MINUTE;
  const hours = (dayNumber: number): [number, number][] => {
    const date = new Date(dayNumber * DAY).toISOString().slice(0, 10);
    const list =
      cal.exceptions.find((exception) => exception.date === date)?.intervals ?? cal.week[weekdayOf(dayNumber)] ?? [];
    return list.map(({ start, end }) => {
      const [s, e] = [start, end].map((x) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3))) as [number, number];
      return [s, e <= s ? e + 1440 : e];
    });
  };
  return hours(day).some(([s, e]) => s <= minute && minute < e) || hours(day - 1).some(([, e]) => minute + 1440 < e);
}

describe('working-time properties over random calendars, zones and instants', () => {
  it('generates only calendars that pass validation', () => {
    fc.assert(
      fc.property(caseArb, (sample) => validateCalendar(sample.calendar).ok),
      { numRuns: 200 },
    );
  });

  it('measures exactly the minutes it added: between(s, add(s, m)) = m', () => {
    const arb = caseArb.chain((sample) => fc.tuple(fc.constant(sample), instantIn(sample), minutesArb));
    fc.assert(
      fc.property(arb, ([sample, start, minutes]) => {
        const due = addWorkingMinutes(sample.compiled, start, minutes);
        expect(Math.abs(workingMinutesBetween(sample.compiled, start, due) - minutes)).toBeLessThan(1e-6);
      }),
      RUNS,
    );
  });

  it('never moves a deadline earlier when more minutes are granted', () => {
    const arb = caseArb.chain((sample) => fc.tuple(fc.constant(sample), instantIn(sample), minutesArb, minutesArb));
    fc.assert(
      fc.property(arb, ([sample, start, some, other]) => {
        const [fewer, more] = some <= other ? [some, other] : [other, some];
        const sooner = addWorkingMinutes(sample.compiled, start, fewer).getTime();
        const later = addWorkingMinutes(sample.compiled, start, more).getTime();
        expect(sooner).toBeLessThanOrEqual(later);
        expect(sooner).toBeGreaterThanOrEqual(start.getTime());
      }),
      RUNS,
    );
  });

  it('puts every positive deadline at the end of working time, never in a closed period', () => {
    const arb = caseArb.chain((sample) =>
      fc.tuple(fc.constant(sample), instantIn(sample), fc.integer({ min: 1, max: 20_000 })),
    );
    fc.assert(
      fc.property(arb, ([sample, start, minutes]) => {
        const due = addWorkingMinutes(sample.compiled, start, minutes);
        expect(isWorkingTime(sample.compiled, new Date(due.getTime() - 1))).toBe(true);
      }),
      RUNS,
    );
  });

  it('is additive: add(add(s, a), b) = add(s, a + b)', () => {
    const part = fc.integer({ min: 1, max: 10_000 });
    const arb = caseArb.chain((sample) => fc.tuple(fc.constant(sample), instantIn(sample), part, part));
    fc.assert(
      fc.property(arb, ([sample, start, first, second]) => {
        const stepwise = addWorkingMinutes(sample.compiled, addWorkingMinutes(sample.compiled, start, first), second);
        expect(stepwise).toEqual(addWorkingMinutes(sample.compiled, start, first + second));
      }),
      RUNS,
    );
  });

  it('splits measured spans at any point and flips sign when reversed', () => {
    const arb = caseArb.chain((sample) =>
      fc.tuple(fc.constant(sample), instantIn(sample), instantIn(sample), instantIn(sample)),
    );
    fc.assert(
      fc.property(arb, ([sample, from, to, middle]) => {
        const whole = workingMinutesBetween(sample.compiled, from, to);
        expect(workingMinutesBetween(sample.compiled, to, from)).toBe(0 - whole);
        const split =
          workingMinutesBetween(sample.compiled, from, middle) + workingMinutesBetween(sample.compiled, middle, to);
        expect(Math.abs(split - whole)).toBeLessThan(1e-6);
      }),
      RUNS,
    );
  });

  it('opens next at an instant that is working, with nothing worked before it', () => {
    const arb = caseArb.chain((sample) => fc.tuple(fc.constant(sample), instantIn(sample)));
    fc.assert(
      fc.property(arb, ([sample, instant]) => {
        const open = nextOpening(sample.compiled, instant);
        expect(isWorkingTime(sample.compiled, open)).toBe(true);
        expect(workingMinutesBetween(sample.compiled, instant, open)).toBe(0);
      }),
      RUNS,
    );
  });

  it('agrees with a naive reading of the local wall clock away from offset changes', () => {
    const arb = caseArb.chain((sample) =>
      fc.tuple(fc.constant(sample), fc.array(instantIn(sample), { minLength: 10, maxLength: 10 })),
    );
    fc.assert(
      fc.property(arb, ([sample, instants]) => {
        for (const instant of instants) {
          const expected = naiveIsWorking(sample.calendar, instant.getTime());
          if (expected !== undefined) {
            expect(isWorkingTime(sample.compiled, instant)).toBe(expected);
          }
        }
      }),
      RUNS,
    );
  });

  it('stops the clock during pauses: excluded minutes up to the paused deadline equal the minutes granted', () => {
    const pauseArb = (sample: Case) =>
      fc
        .tuple(instantIn(sample), fc.integer({ min: 0, max: 5 * DAY }))
        .map(([from, len]) => ({ from, to: new Date(from.getTime() + len) }));
    const arb = caseArb.chain((sample) =>
      fc.tuple(fc.constant(sample), instantIn(sample), minutesArb, fc.array(pauseArb(sample), { maxLength: 4 })),
    );
    fc.assert(
      fc.property(arb, ([sample, start, minutes, pauses]) => {
        const due = addWorkingMinutesWithPauses(sample.compiled, start, minutes, pauses);
        expect(due).not.toBeNull();
        if (due === null) {
          return;
        }
        expect(Math.abs(workingMinutesExcluding(sample.compiled, start, due, pauses) - minutes)).toBeLessThan(1e-6);
        expect(due.getTime()).toBeGreaterThanOrEqual(addWorkingMinutes(sample.compiled, start, minutes).getTime());
      }),
      RUNS,
    );
  });
});
