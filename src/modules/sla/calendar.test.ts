import { describe, expect, it } from 'vitest';
import {
  CALENDAR_24_7,
  type Calendar,
  type CalendarException,
  CalendarInput,
  type Interval,
  validateCalendar,
  weeklyCalendar,
} from './calendar.ts';
import { compileCalendar } from './working-time.ts';

const iv = (start: string, end: string): Interval => ({ start, end });
const office = (): Calendar => weeklyCalendar('Europe/Moscow', [iv('09:00', '13:00'), iv('14:00', '18:00')]);
const withWeek = (week: Interval[][], exceptions: CalendarException[] = []): Calendar => ({
  timeZone: 'Europe/Berlin',
  week,
  exceptions,
});
const nights = (): Interval[][] => Array.from({ length: 7 }, () => [iv('22:00', '06:00')]);

function errorsOf(input: unknown): { path: string; code: string }[] {
  const result = validateCalendar(input);
  if (result.ok) {
    return [];
  }
  return result.errors.map(({ path, code }) => ({ path, code }));
}

describe('a valid calendar', () => {
  it('is accepted and returned as parsed', () => {
    const result = validateCalendar({
      ...office(),
      exceptions: [{ date: '2025-01-01', intervals: [], name: 'New Year' }],
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.calendar.exceptions).toHaveLength(1);
    }
  });

  it('defaults a missing exception list to none', () => {
    const result = validateCalendar({ timeZone: 'Asia/Kolkata', week: office().week });
    expect(result).toEqual({ ok: true, calendar: { timeZone: 'Asia/Kolkata', week: office().week, exceptions: [] } });
  });

  it('allows a whole day as 00:00–24:00 and an evening ending at 24:00', () => {
    expect(errorsOf(withWeek([[iv('00:00', '24:00')], [iv('18:00', '24:00')], [], [], [], [], []]))).toEqual([]);
  });

  it('allows intervals that touch but do not overlap, in any order', () => {
    expect(errorsOf(withWeek([[iv('14:00', '18:00'), iv('09:00', '14:00')], [], [], [], [], [], []]))).toEqual([]);
  });

  it('allows a night shift every day when it ends before the next one starts', () => {
    expect(errorsOf(withWeek(nights()))).toEqual([]);
  });

  it('allows a night shift that ends exactly when the next day opens', () => {
    expect(errorsOf(withWeek([[iv('22:00', '06:00')], [iv('06:00', '12:00')], [], [], [], [], []]))).toEqual([]);
  });

  it('ships a valid round-the-clock calendar and a weekly-calendar helper', () => {
    expect(validateCalendar(CALENDAR_24_7).ok).toBe(true);
    expect(() => compileCalendar(CALENDAR_24_7)).not.toThrow();
    const cal = weeklyCalendar('Europe/Moscow', [iv('09:00', '18:00')], [iv('10:00', '14:00')]);
    expect(cal.week.map((d) => d.length)).toEqual([1, 1, 1, 1, 1, 1, 0]);
    // Days are independent copies, so editing one weekday never changes another.
    expect(cal.week[0]).not.toBe(cal.week[1]);
    expect(cal.week[0]?.[0]).not.toBe(cal.week[1]?.[0]);
  });

  it('can be used directly as a zod schema', () => {
    expect(CalendarInput.safeParse(office()).success).toBe(true);
    expect(CalendarInput.safeParse({ ...office(), timeZone: 'Nowhere/Town' }).success).toBe(false);
  });
});

describe('validation errors', () => {
  it('refuses an unknown time zone', () => {
    expect(errorsOf({ ...office(), timeZone: 'Europe/Atlantis' })).toEqual([
      { path: 'timeZone', code: 'unknown_time_zone' },
    ]);
    expect(errorsOf({ ...office(), timeZone: '' })).toEqual([{ path: 'timeZone', code: 'unknown_time_zone' }]);
  });

  it.each([['9:00'], ['24:01'], ['25:00'], ['12:60'], ['noon'], ['12:00:00'], ['']])(
    "refuses the malformed time '%s'",
    (bad) => {
      expect(errorsOf(withWeek([[iv('08:00', '09:00'), iv('10:00', bad)], [], [], [], [], [], []]))).toEqual([
        { path: 'week.0.1.end', code: 'invalid_time' },
      ]);
    },
  );

  it('refuses 24:00 as a start time', () => {
    expect(errorsOf(withWeek([[], [], [iv('24:00', '06:00')], [], [], [], []]))).toEqual([
      { path: 'week.2.0.start', code: 'invalid_time' },
    ]);
  });

  it('refuses a zero-length interval rather than reading it as 24 hours', () => {
    expect(errorsOf(withWeek([[], [], [iv('10:00', '10:00')], [], [], [], []]))).toEqual([
      { path: 'week.2.0', code: 'empty_interval' },
    ]);
    expect(errorsOf(withWeek([[iv('00:00', '00:00')], [], [], [], [], [], []]))).toEqual([
      { path: 'week.0.0', code: 'empty_interval' },
    ]);
  });

  it('refuses overlapping intervals within one day', () => {
    expect(errorsOf(withWeek([[iv('09:00', '13:00'), iv('12:00', '18:00')], [], [], [], [], [], []]))).toEqual([
      { path: 'week.0.1', code: 'overlapping_intervals' },
    ]);
  });

  it("refuses a night shift that runs into the next day's hours", () => {
    expect(errorsOf(withWeek([[iv('22:00', '06:00')], [iv('05:00', '12:00')], [], [], [], [], []]))).toEqual([
      { path: 'week.1.0', code: 'overlapping_intervals' },
    ]);
  });

  it("refuses a Sunday night shift that runs into Monday's hours", () => {
    expect(errorsOf(withWeek([[iv('00:00', '08:00')], [], [], [], [], [], [iv('23:00', '01:00')]]))).toEqual([
      { path: 'week.0.0', code: 'overlapping_intervals' },
    ]);
  });

  it('refuses a night shift that overlaps a later interval on its own day', () => {
    expect(errorsOf(withWeek([[iv('20:00', '02:00'), iv('21:00', '23:00')], [], [], [], [], [], []]))).toEqual([
      { path: 'week.0.1', code: 'overlapping_intervals' },
    ]);
  });

  it('refuses invalid exception dates', () => {
    const dates = ['2025-02-29', '2025-13-01', '2025-1-1', '01.01.2025', '2025-01-32'];
    expect(errorsOf({ ...office(), exceptions: dates.map((date) => ({ date, intervals: [] })) })).toEqual(
      dates.map((_, i) => ({ path: `exceptions.${i}.date`, code: 'invalid_date' })),
    );
  });

  it('refuses two exceptions for the same date', () => {
    const exceptions = [
      { date: '2025-01-01', intervals: [] },
      { date: '2025-01-02', intervals: [] },
      { date: '2025-01-01', intervals: [iv('10:00', '12:00')] },
    ];
    expect(errorsOf({ ...office(), exceptions })).toEqual([{ path: 'exceptions.2.date', code: 'duplicate_date' }]);
  });

  it('checks exception hours like weekly hours', () => {
    const exceptions = [{ date: '2025-03-08', intervals: [iv('10:00', '7:00'), iv('12:00', '12:00')] }];
    expect(errorsOf({ ...office(), exceptions })).toEqual([
      { path: 'exceptions.0.intervals.0.end', code: 'invalid_time' },
      { path: 'exceptions.0.intervals.1', code: 'empty_interval' },
    ]);
  });

  it("refuses exception hours that collide with the previous night's shift", () => {
    const cal = withWeek(nights(), [{ date: '2025-03-08', intervals: [iv('00:00', '24:00')] }]);
    expect(errorsOf(cal)).toEqual([{ path: 'exceptions.0.intervals.0', code: 'overlapping_intervals' }]);
  });

  it("refuses an exception night shift that runs into the next day's weekly hours", () => {
    // 2025-03-06 is a Thursday; Friday opens at 07:00.
    const week = [[], [], [], [], [iv('07:00', '12:00')], [], []];
    const cal = withWeek(week, [{ date: '2025-03-06', intervals: [iv('20:00', '08:00')] }]);
    expect(errorsOf(cal)).toEqual([{ path: 'exceptions.0.intervals.0', code: 'overlapping_intervals' }]);
  });

  it("refuses an exception night shift that runs into the next exception's hours", () => {
    const cal = withWeek(nights(), [
      { date: '2025-03-06', intervals: [iv('20:00', '08:00')] },
      { date: '2025-03-07', intervals: [iv('07:00', '12:00')] },
    ]);
    expect(errorsOf(cal)).toEqual([{ path: 'exceptions.1.intervals.0', code: 'overlapping_intervals' }]);
  });

  it('accepts a holiday after a night shift and a day shift after a holiday night', () => {
    const cal = withWeek(nights(), [
      { date: '2025-03-08', intervals: [] },
      { date: '2025-03-09', intervals: [iv('00:00', '12:00')] },
    ]);
    expect(errorsOf(cal)).toEqual([]);
  });

  it('reports every problem at once', () => {
    const cal = {
      timeZone: 'Mars/Olympus',
      week: [[iv('9:00', '10:00')], [iv('10:00', '10:00')], [], [], [], [], []],
      exceptions: [
        { date: '2025-02-30', intervals: [] },
        { date: '2025-01-01', intervals: [] },
        { date: '2025-01-01', intervals: [] },
      ],
    };
    expect(errorsOf(cal).map((e) => e.code)).toEqual([
      'unknown_time_zone',
      'invalid_time',
      'empty_interval',
      'invalid_date',
      'duplicate_date',
    ]);
  });

  it('reports structural problems with the path and zod code', () => {
    expect(errorsOf({ ...office(), week: office().week.slice(0, 6) })).toEqual([{ path: 'week', code: 'too_small' }]);
    expect(errorsOf({ week: office().week })).toEqual([{ path: 'timeZone', code: 'invalid_type' }]);
    expect(errorsOf({ ...office(), exceptions: [{ date: '2025-01-01' }] })).toEqual([
      { path: 'exceptions.0.intervals', code: 'invalid_type' },
    ]);
  });

  it('gives a readable message for each error', () => {
    const result = validateCalendar(withWeek([[iv('22:00', '06:00')], [iv('05:00', '12:00')], [], [], [], [], []]));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]?.message).toMatch(/overnight shift at week\.0\.0/);
    }
  });

  it('makes compileCalendar refuse an invalid calendar', () => {
    expect(() => compileCalendar({ ...office(), timeZone: 'Europe/Atlantis' })).toThrow(RangeError);
  });
});
