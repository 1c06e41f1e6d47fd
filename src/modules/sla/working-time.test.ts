import { describe, expect, it } from 'vitest';
import { CALENDAR_24_7, type Calendar, type CalendarException, type Interval, weeklyCalendar } from './calendar.ts';
import {
  NoWorkingTimeError,
  addWorkingMinutes,
  addWorkingMinutesWithPauses,
  compileCalendar,
  isWorkingTime,
  nextOpening,
  workingMinutesBetween,
  workingMinutesExcluding,
} from './working-time.ts';

// Instants are written with the unit's own UTC offset, so each case reads as local time.
const at = (iso: string): Date => new Date(iso);
const iv = (start: string, end: string): Interval => ({ start, end });
const every = (...intervals: Interval[]): Calendar['week'] =>
  Array.from({ length: 7 }, () => intervals.map((i) => ({ ...i })));
const holiday = (date: string, name?: string): CalendarException => ({ date, intervals: [], name });

describe('a store open 10:00–22:00 every day (Moscow, UTC+3)', () => {
  const newYear = ['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => holiday(`2025-01-${d}`, 'New Year'));
  const store = compileCalendar({
    timeZone: 'Europe/Moscow',
    week: every(iv('10:00', '22:00')),
    exceptions: [{ date: '2024-12-31', intervals: [iv('10:00', '18:00')], name: 'Shortened' }, ...newYear],
  });

  it('starts the clock at the next opening when an appeal arrives at night', () => {
    expect(addWorkingMinutes(store, at('2025-03-03T23:30+03:00'), 60)).toEqual(at('2025-03-04T11:00+03:00'));
  });

  it('carries the rest of a deadline over closing time to the next morning', () => {
    expect(addWorkingMinutes(store, at('2024-12-30T21:00+03:00'), 180)).toEqual(at('2024-12-31T12:00+03:00'));
  });

  it('honours the shortened Dec 31 and skips the New Year holidays', () => {
    expect(addWorkingMinutes(store, at('2024-12-31T17:00+03:00'), 180)).toEqual(at('2025-01-09T12:00+03:00'));
  });

  it('counts only working minutes between two instants, negative when reversed', () => {
    const from = at('2024-12-31T12:00+03:00');
    const to = at('2025-01-09T12:00+03:00');
    expect(workingMinutesBetween(store, from, to)).toBe(6 * 60 + 2 * 60);
    expect(workingMinutesBetween(store, to, from)).toBe(-480);
    expect(workingMinutesBetween(store, from, from)).toBe(0);
  });

  it('is closed on a holiday and reopens after the holidays', () => {
    expect(isWorkingTime(store, at('2025-01-05T12:00+03:00'))).toBe(false);
    expect(nextOpening(store, at('2025-01-05T12:00+03:00'))).toEqual(at('2025-01-09T10:00+03:00'));
  });

  it('is open from the opening minute up to, but not at, closing time', () => {
    expect(isWorkingTime(store, at('2025-03-03T10:00+03:00'))).toBe(true);
    expect(isWorkingTime(store, at('2025-03-03T21:59:59.999+03:00'))).toBe(true);
    expect(isWorkingTime(store, at('2025-03-03T22:00+03:00'))).toBe(false);
    expect(isWorkingTime(store, at('2024-12-31T18:30+03:00'))).toBe(false);
  });

  it('puts a deadline that ends exactly at closing time at closing, not at the next opening', () => {
    expect(addWorkingMinutes(store, at('2025-03-03T21:00+03:00'), 60)).toEqual(at('2025-03-03T22:00+03:00'));
  });

  it('returns the start itself for zero minutes when open, else the next opening', () => {
    expect(addWorkingMinutes(store, at('2025-03-03T15:00+03:00'), 0)).toEqual(at('2025-03-03T15:00+03:00'));
    expect(addWorkingMinutes(store, at('2025-03-03T23:00+03:00'), 0)).toEqual(at('2025-03-04T10:00+03:00'));
    expect(nextOpening(store, at('2025-03-03T15:00+03:00'))).toEqual(at('2025-03-03T15:00+03:00'));
  });

  it('measures fractional minutes when instants are not on whole minutes', () => {
    expect(workingMinutesBetween(store, at('2025-03-03T09:00+03:00'), at('2025-03-03T10:00:30+03:00'))).toBe(0.5);
  });
});

describe('an office open 09:00–18:00 Mon–Fri with lunch 13:00–14:00 (Berlin, summer UTC+2)', () => {
  const hours = [iv('09:00', '13:00'), iv('14:00', '18:00')];
  const office = compileCalendar(weeklyCalendar('Europe/Berlin', hours));

  it('carries a Friday-afternoon deadline over the weekend', () => {
    expect(addWorkingMinutes(office, at('2024-06-14T17:00+02:00'), 180)).toEqual(at('2024-06-17T11:00+02:00'));
  });

  it('stops the clock over lunch', () => {
    expect(addWorkingMinutes(office, at('2024-06-12T12:30+02:00'), 60)).toEqual(at('2024-06-12T14:30+02:00'));
    expect(addWorkingMinutes(office, at('2024-06-12T13:20+02:00'), 30)).toEqual(at('2024-06-12T14:30+02:00'));
  });

  it('puts a deadline that ends as lunch starts at 13:00, not 14:00', () => {
    expect(addWorkingMinutes(office, at('2024-06-12T12:00+02:00'), 60)).toEqual(at('2024-06-12T13:00+02:00'));
  });

  it('starts a Saturday appeal on Monday morning', () => {
    expect(addWorkingMinutes(office, at('2024-06-15T11:00+02:00'), 0)).toEqual(at('2024-06-17T09:00+02:00'));
  });

  it('has 40 working hours in a week', () => {
    expect(workingMinutesBetween(office, at('2024-06-17T00:00+02:00'), at('2024-06-24T00:00+02:00'))).toBe(2400);
  });

  it('works an extra Saturday declared as an exception', () => {
    const extra = compileCalendar({
      ...weeklyCalendar('Europe/Berlin', hours),
      exceptions: [{ date: '2024-06-15', intervals: [iv('10:00', '15:00')], name: 'Working Saturday' }],
    });
    expect(addWorkingMinutes(extra, at('2024-06-14T17:00+02:00'), 180)).toEqual(at('2024-06-15T12:00+02:00'));
  });

  it('uses the hours of a shortened day instead of the weekly ones', () => {
    const short = compileCalendar({
      ...weeklyCalendar('Europe/Berlin', hours),
      exceptions: [{ date: '2024-06-14', intervals: [iv('09:00', '16:00')] }],
    });
    expect(isWorkingTime(short, at('2024-06-14T13:30+02:00'))).toBe(true);
    expect(addWorkingMinutes(short, at('2024-06-14T15:00+02:00'), 180)).toEqual(at('2024-06-17T11:00+02:00'));
  });
});

describe('a 24/7 call centre', () => {
  const utc = compileCalendar(CALENDAR_24_7);
  const newYork = compileCalendar({ ...CALENDAR_24_7, timeZone: 'America/New_York' });

  it('adds minutes as plain elapsed time', () => {
    expect(addWorkingMinutes(utc, at('2025-05-01T12:34:56.789Z'), 1440)).toEqual(at('2025-05-02T12:34:56.789Z'));
    expect(workingMinutesBetween(utc, at('2025-05-01T00:00Z'), at('2025-05-01T00:01:30Z'))).toBe(1.5);
  });

  it('counts real hours across a DST change, so the local clock shows 23 hours later', () => {
    expect(addWorkingMinutes(newYork, at('2024-11-02T12:00-04:00'), 1440)).toEqual(at('2024-11-03T11:00-05:00'));
    expect(workingMinutesBetween(newYork, at('2024-11-03T00:00-04:00'), at('2024-11-04T00:00-05:00'))).toBe(1500);
    expect(workingMinutesBetween(newYork, at('2024-03-10T00:00-05:00'), at('2024-03-11T00:00-04:00'))).toBe(1380);
  });
});

describe('a night shift 22:00–06:00 Mon–Fri nights (Moscow)', () => {
  const week = [...Array.from({ length: 5 }, () => [iv('22:00', '06:00')]), [], []];
  const nights = compileCalendar({ timeZone: 'Europe/Moscow', week, exceptions: [] });

  it("counts the small hours of Tuesday as Monday's shift", () => {
    expect(isWorkingTime(nights, at('2025-03-04T03:00+03:00'))).toBe(true);
    expect(addWorkingMinutes(nights, at('2025-03-04T03:00+03:00'), 60)).toEqual(at('2025-03-04T04:00+03:00'));
  });

  it('continues an unfinished deadline on the next night', () => {
    expect(addWorkingMinutes(nights, at('2025-03-04T05:30+03:00'), 60)).toEqual(at('2025-03-04T22:30+03:00'));
  });

  it("ends Friday's shift on Saturday morning and resumes on Monday night", () => {
    expect(addWorkingMinutes(nights, at('2025-03-08T05:00+03:00'), 120)).toEqual(at('2025-03-10T23:00+03:00'));
    expect(isWorkingTime(nights, at('2025-03-09T23:00+03:00'))).toBe(false);
    expect(nextOpening(nights, at('2025-03-09T23:00+03:00'))).toEqual(at('2025-03-10T22:00+03:00'));
  });

  it('drops the whole night, including its after-midnight part, when its date is a holiday', () => {
    const off = compileCalendar({ timeZone: 'Europe/Moscow', week, exceptions: [holiday('2025-03-06')] });
    expect(isWorkingTime(off, at('2025-03-06T03:00+03:00'))).toBe(true);
    expect(isWorkingTime(off, at('2025-03-06T23:00+03:00'))).toBe(false);
    expect(isWorkingTime(off, at('2025-03-07T03:00+03:00'))).toBe(false);
  });

  it('replaces a night with the exception hours, including their spill past midnight', () => {
    const early = compileCalendar({
      timeZone: 'Europe/Moscow',
      week,
      exceptions: [{ date: '2025-03-05', intervals: [iv('20:00', '02:00')] }],
    });
    expect(isWorkingTime(early, at('2025-03-05T21:00+03:00'))).toBe(true);
    expect(isWorkingTime(early, at('2025-03-06T01:00+03:00'))).toBe(true);
    expect(isWorkingTime(early, at('2025-03-06T03:00+03:00'))).toBe(false);
    expect(workingMinutesBetween(early, at('2025-03-05T12:00+03:00'), at('2025-03-06T12:00+03:00'))).toBe(360);
  });
});

describe('units far from Moscow', () => {
  it('handles half-hour offsets (Kolkata, UTC+5:30)', () => {
    const india = compileCalendar(weeklyCalendar('Asia/Kolkata', [iv('09:30', '18:30')]));
    expect(addWorkingMinutes(india, at('2024-06-03T09:30+05:30'), 60)).toEqual(at('2024-06-03T10:30+05:30'));
    expect(addWorkingMinutes(india, at('2024-06-03T18:00+05:30'), 60)).toEqual(at('2024-06-04T10:00+05:30'));
  });

  it('handles a local day that starts on the previous UTC day (Vladivostok, UTC+10)', () => {
    const far = compileCalendar({ timeZone: 'Asia/Vladivostok', week: every(iv('10:00', '22:00')), exceptions: [] });
    expect(addWorkingMinutes(far, at('2024-06-03T21:30+10:00'), 60)).toEqual(at('2024-06-04T10:30+10:00'));
    expect(nextOpening(far, at('2024-06-03T23:00Z'))).toEqual(at('2024-06-04T10:00+10:00'));
  });
});

describe('calendars with little or no working time', () => {
  it('refuses to compile a calendar that is never open', () => {
    expect(() => compileCalendar(weeklyCalendar('Europe/Moscow', []))).toThrow(NoWorkingTimeError);
  });

  it('works up to the last dated exception, then throws instead of searching forever', () => {
    const once = compileCalendar({
      ...weeklyCalendar('Europe/Moscow', []),
      exceptions: [{ date: '2025-01-10', intervals: [iv('10:00', '12:00')] }],
    });
    expect(addWorkingMinutes(once, at('2025-01-01T00:00+03:00'), 60)).toEqual(at('2025-01-10T11:00+03:00'));
    expect(workingMinutesBetween(once, at('2025-01-01T00:00+03:00'), at('2025-02-01T00:00+03:00'))).toBe(120);
    expect(() => addWorkingMinutes(once, at('2025-01-10T09:00+03:00'), 180)).toThrow(NoWorkingTimeError);
    expect(() => nextOpening(once, at('2025-01-11T00:00+03:00'))).toThrow(NoWorkingTimeError);
  });

  it('searches through long closures shorter than three years', () => {
    const start = Date.UTC(2025, 0, 1);
    const closed = Array.from({ length: 800 }, (_, i) =>
      holiday(new Date(start + i * 86_400_000).toISOString().slice(0, 10)),
    );
    const cal = compileCalendar({ ...weeklyCalendar('Europe/Moscow', [iv('09:00', '18:00')]), exceptions: closed });
    // Day 800 after 2025-01-01 is Friday 2027-03-12.
    expect(nextOpening(cal, at('2025-01-01T00:00+03:00'))).toEqual(at('2027-03-12T09:00+03:00'));
  });
});

describe('argument errors', () => {
  const store = compileCalendar({ timeZone: 'Europe/Moscow', week: every(iv('10:00', '22:00')), exceptions: [] });

  it.each([[-1], [Number.NaN], [1.5], [Number.POSITIVE_INFINITY]])('refuses %s minutes', (minutes) => {
    expect(() => addWorkingMinutes(store, at('2025-03-03T12:00+03:00'), minutes)).toThrow(RangeError);
  });

  it('refuses invalid and out-of-range dates', () => {
    expect(() => addWorkingMinutes(store, new Date('not a date'), 10)).toThrow(RangeError);
    expect(() => isWorkingTime(store, at('1850-01-01T00:00Z'))).toThrow(RangeError);
    expect(() => workingMinutesBetween(store, at('2025-01-01T00:00Z'), at('2300-01-01T00:00Z'))).toThrow(RangeError);
  });
});

describe('pauses (e.g. waiting for the customer)', () => {
  const office = compileCalendar(weeklyCalendar('Europe/Berlin', [iv('09:00', '13:00'), iv('14:00', '18:00')]));
  const monday = (hhmm: string): Date => at(`2024-06-17T${hhmm}+02:00`);
  const pause = (from: string, to: string | null) => ({ from: monday(from), to: to === null ? null : monday(to) });

  it('moves the deadline by the working time spent paused', () => {
    expect(addWorkingMinutesWithPauses(office, monday('09:00'), 240, [])).toEqual(monday('13:00'));
    expect(addWorkingMinutesWithPauses(office, monday('09:00'), 240, [pause('10:00', '11:00')])).toEqual(
      monday('15:00'),
    );
  });

  it('counts overlapping pauses once', () => {
    const pauses = [pause('10:30', '11:30'), pause('10:00', '11:00')];
    expect(addWorkingMinutesWithPauses(office, monday('09:00'), 240, pauses)).toEqual(monday('15:30'));
    expect(workingMinutesExcluding(office, monday('09:00'), monday('18:00'), pauses)).toBe(390);
  });

  it('does not subtract lunch twice when a pause spans it', () => {
    expect(workingMinutesExcluding(office, monday('09:00'), monday('18:00'), [pause('12:30', '14:30')])).toBe(420);
    expect(workingMinutesExcluding(office, monday('18:00'), monday('09:00'), [pause('12:30', '14:30')])).toBe(-420);
  });

  it('has no known deadline while an open-ended pause stops the clock', () => {
    expect(addWorkingMinutesWithPauses(office, monday('09:00'), 240, [pause('10:00', null)])).toBeNull();
  });

  it('keeps a deadline that falls before an open-ended pause begins', () => {
    expect(addWorkingMinutesWithPauses(office, monday('09:00'), 60, [pause('10:00', null)])).toEqual(monday('10:00'));
    expect(addWorkingMinutesWithPauses(office, monday('09:00'), 60, [pause('14:00', null)])).toEqual(monday('10:00'));
  });

  it('starts a zero-minute clock when both the office is open and the pause is over', () => {
    expect(addWorkingMinutesWithPauses(office, monday('10:15'), 0, [pause('10:00', '11:00')])).toEqual(monday('11:00'));
    expect(addWorkingMinutesWithPauses(office, monday('12:15'), 0, [pause('12:00', '13:30')])).toEqual(monday('14:00'));
  });

  it('ignores pauses that ended before the start', () => {
    expect(addWorkingMinutesWithPauses(office, monday('12:00'), 60, [pause('09:00', '10:00')])).toEqual(
      monday('13:00'),
    );
  });

  it('refuses a pause that ends before it starts', () => {
    expect(() => workingMinutesExcluding(office, monday('09:00'), monday('18:00'), [pause('11:00', '10:00')])).toThrow(
      RangeError,
    );
  });
});
