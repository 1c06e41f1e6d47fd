import { describe, expect, it } from 'vitest';
import type { Calendar, Interval } from './calendar.ts';
import {
  addWorkingMinutes,
  compileCalendar,
  isWorkingTime,
  nextOpening,
  workingMinutesBetween,
} from './working-time.ts';

// Rule under test: working time is real elapsed time between the UTC instants of the local
// boundaries; a boundary in a spring-forward gap resolves to the transition instant (the
// moment the clock jumps past it), a repeated fall-back time to its first occurrence.
const at = (iso: string): Date => new Date(iso);
const iv = (start: string, end: string): Interval => ({ start, end });
const daily = (timeZone: string, ...intervals: Interval[]) =>
  compileCalendar({ timeZone, week: Array.from({ length: 7 }, () => intervals), exceptions: [] } satisfies Calendar);

describe('Europe/Berlin: clocks go 02:00→03:00 on 2024-03-31 and 03:00→02:00 on 2024-10-27', () => {
  const small = daily('Europe/Berlin', iv('01:00', '04:00'));

  it('gives a 01:00–04:00 shift 3 hours on an ordinary day', () => {
    expect(workingMinutesBetween(small, at('2024-03-30T00:00+01:00'), at('2024-03-31T00:00+01:00'))).toBe(180);
  });

  it('gives it 2 real hours on the 23-hour spring-forward day', () => {
    expect(workingMinutesBetween(small, at('2024-03-31T00:00+01:00'), at('2024-04-01T00:00+02:00'))).toBe(120);
  });

  it('gives it 4 real hours on the 25-hour fall-back day', () => {
    expect(workingMinutesBetween(small, at('2024-10-27T00:00+02:00'), at('2024-10-28T00:00+01:00'))).toBe(240);
  });

  it('jumps a running deadline over the skipped hour', () => {
    expect(addWorkingMinutes(small, at('2024-03-31T01:00+01:00'), 90)).toEqual(at('2024-03-31T03:30+02:00'));
  });

  it('counts the repeated hour twice in elapsed time', () => {
    expect(addWorkingMinutes(small, at('2024-10-27T01:00+02:00'), 150)).toEqual(at('2024-10-27T02:30+01:00'));
    expect(isWorkingTime(small, at('2024-10-27T03:30+01:00'))).toBe(true);
    expect(isWorkingTime(small, at('2024-10-27T04:00+01:00'))).toBe(false);
  });

  it('opens a shift whose start was skipped at the moment the clock jumps', () => {
    const cal = daily('Europe/Berlin', iv('02:30', '05:00'));
    expect(nextOpening(cal, at('2024-03-31T00:00+01:00'))).toEqual(at('2024-03-31T03:00+02:00'));
    expect(workingMinutesBetween(cal, at('2024-03-31T00:00+01:00'), at('2024-04-01T00:00+02:00'))).toBe(120);
    expect(workingMinutesBetween(cal, at('2024-03-30T00:00+01:00'), at('2024-03-31T00:00+01:00'))).toBe(150);
  });

  it('drops a shift that lies wholly inside the skipped hour', () => {
    const cal = daily('Europe/Berlin', iv('02:10', '02:50'), iv('09:00', '10:00'));
    expect(workingMinutesBetween(cal, at('2024-03-31T00:00+01:00'), at('2024-04-01T00:00+02:00'))).toBe(60);
    expect(nextOpening(cal, at('2024-03-31T00:00+01:00'))).toEqual(at('2024-03-31T09:00+02:00'));
  });

  it('starts a shift at a repeated time on its first occurrence', () => {
    const cal = daily('Europe/Berlin', iv('02:30', '06:00'));
    expect(nextOpening(cal, at('2024-10-27T00:00+02:00'))).toEqual(at('2024-10-27T02:30+02:00'));
    expect(workingMinutesBetween(cal, at('2024-10-27T00:00+02:00'), at('2024-10-28T00:00+01:00'))).toBe(270);
  });

  it('ends a shift at a repeated time on its first occurrence', () => {
    const cal = daily('Europe/Berlin', iv('00:00', '02:30'));
    expect(workingMinutesBetween(cal, at('2024-10-27T00:00+02:00'), at('2024-10-28T00:00+01:00'))).toBe(150);
    expect(isWorkingTime(cal, at('2024-10-27T02:15+01:00'))).toBe(false);
  });

  it('leaves daytime hours untouched by the change', () => {
    const store = daily('Europe/Berlin', iv('10:00', '22:00'));
    expect(workingMinutesBetween(store, at('2024-03-31T00:00+01:00'), at('2024-04-01T00:00+02:00'))).toBe(720);
    expect(addWorkingMinutes(store, at('2024-03-30T21:00+01:00'), 120)).toEqual(at('2024-03-31T11:00+02:00'));
  });

  it('counts a night shift across the change in real time', () => {
    const night = daily('Europe/Berlin', iv('22:00', '06:00'));
    expect(workingMinutesBetween(night, at('2024-03-30T12:00+01:00'), at('2024-03-31T12:00+02:00'))).toBe(420);
    expect(workingMinutesBetween(night, at('2024-10-26T12:00+02:00'), at('2024-10-27T12:00+01:00'))).toBe(540);
  });
});

describe('America/New_York: clocks go 02:00→03:00 on 2024-03-10 and 02:00→01:00 on 2024-11-03', () => {
  const small = daily('America/New_York', iv('01:00', '04:00'));

  it('gives a 01:00–04:00 shift 2 hours in spring and 4 hours in autumn', () => {
    expect(workingMinutesBetween(small, at('2024-03-10T00:00-05:00'), at('2024-03-11T00:00-04:00'))).toBe(120);
    expect(workingMinutesBetween(small, at('2024-11-03T00:00-04:00'), at('2024-11-04T00:00-05:00'))).toBe(240);
  });

  it('runs a deadline through both passes of 01:00–02:00', () => {
    expect(addWorkingMinutes(small, at('2024-11-03T01:00-04:00'), 90)).toEqual(at('2024-11-03T01:30-05:00'));
  });

  it('starts 01:30 at its first (daylight-time) occurrence', () => {
    const cal = daily('America/New_York', iv('01:30', '03:00'));
    expect(nextOpening(cal, at('2024-11-03T00:00-04:00'))).toEqual(at('2024-11-03T01:30-04:00'));
    expect(workingMinutesBetween(cal, at('2024-11-03T00:00-04:00'), at('2024-11-04T00:00-05:00'))).toBe(150);
  });

  it('keeps a Mon–Fri office at 9 hours a day in the weeks around the change', () => {
    const office = compileCalendar({
      timeZone: 'America/New_York',
      week: [...Array.from({ length: 5 }, () => [iv('09:00', '18:00')]), [], []],
      exceptions: [],
    });
    expect(addWorkingMinutes(office, at('2024-11-01T17:00-04:00'), 120)).toEqual(at('2024-11-04T10:00-05:00'));
    expect(workingMinutesBetween(office, at('2024-03-08T00:00-05:00'), at('2024-03-13T00:00-04:00'))).toBe(3 * 540);
  });
});

describe('zones without DST', () => {
  it('keeps Moscow at UTC+3 all year', () => {
    const cal = daily('Europe/Moscow', iv('01:00', '04:00'));
    expect(workingMinutesBetween(cal, at('2024-03-31T00:00+03:00'), at('2024-04-01T00:00+03:00'))).toBe(180);
    expect(nextOpening(cal, at('2024-10-27T04:00+03:00'))).toEqual(at('2024-10-28T01:00+03:00'));
  });

  it('keeps Vladivostok at UTC+10 and Kolkata at UTC+5:30', () => {
    const vl = daily('Asia/Vladivostok', iv('09:00', '18:00'));
    const in_ = daily('Asia/Kolkata', iv('09:00', '18:00'));
    expect(nextOpening(vl, at('2024-12-31T20:00Z'))).toEqual(at('2025-01-01T09:00+10:00'));
    expect(nextOpening(in_, at('2024-12-31T20:00Z'))).toEqual(at('2025-01-01T09:00+05:30'));
  });
});
