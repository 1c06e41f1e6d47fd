import { describe, expect, it } from 'vitest';
import { CALENDAR_24_7, weeklyCalendar } from './calendar.ts';
import { appealState, minutesLeft, targetState, type TargetTimes } from './sla-state.ts';
import { compileCalendar } from './working-time.ts';

const at = (iso: string) => new Date(iso);
const office = compileCalendar(weeklyCalendar('Europe/Moscow', [{ start: '09:00', end: '18:00' }]));
const always = compileCalendar(CALENDAR_24_7);
const target = (over: Partial<TargetTimes> = {}): TargetTimes => ({
  minutes: 120,
  startedAt: at('2025-03-03T10:00+03:00'),
  dueAt: at('2025-03-03T12:00+03:00'),
  warnAt: at('2025-03-03T11:36+03:00'),
  metAt: null,
  breachedAt: null,
  pausedSince: null,
  pauses: [],
  ...over,
});

describe('the state of one deadline', () => {
  it('is ok, then warning from the warning point, then breached from the due instant', () => {
    expect(targetState(target(), at('2025-03-03T11:00+03:00'))).toBe('ok');
    expect(targetState(target(), at('2025-03-03T11:36+03:00'))).toBe('warning');
    expect(targetState(target(), at('2025-03-03T12:00+03:00'))).toBe('breached');
  });

  it('is met when met in time and breached when met late, whatever the time now', () => {
    expect(targetState(target({ metAt: at('2025-03-03T11:50+03:00') }), at('2025-03-09T00:00Z'))).toBe('met');
    const late = target({ metAt: at('2025-03-03T12:10+03:00'), breachedAt: at('2025-03-03T12:10+03:00') });
    expect(targetState(late, at('2025-03-03T12:20+03:00'))).toBe('breached');
  });

  it('is paused while the clock stands still, unless the deadline had already passed', () => {
    const paused = target({ dueAt: null, warnAt: null, pausedSince: at('2025-03-03T11:00+03:00') });
    expect(targetState(paused, at('2025-03-05T11:00+03:00'))).toBe('paused');
    expect(targetState({ ...paused, breachedAt: at('2025-03-03T10:59+03:00') }, at('2025-03-05T11:00+03:00'))).toBe(
      'breached',
    );
  });

  it('counts the working minutes left, negative when overdue, frozen while paused', () => {
    expect(minutesLeft(office, target(), at('2025-03-03T11:00+03:00'))).toBe(60);
    // Due at 17:30, looked at the next morning at opening: overdue by the 30 working minutes 17:30–18:00.
    expect(minutesLeft(office, target({ dueAt: at('2025-03-03T17:30+03:00') }), at('2025-03-04T09:00+03:00'))).toBe(
      -30,
    );
    expect(
      minutesLeft(office, target({ dueAt: null, pausedSince: at('2025-03-03T10:45+03:00') }), at('2025-03-10T00:00Z')),
    ).toBe(75);
    expect(
      minutesLeft(office, target({ metAt: at('2025-03-03T10:30+03:00') }), at('2025-03-03T11:00+03:00')),
    ).toBeNull();
  });

  it('rounds part of a minute down, so "0 left" never hides an overdue deadline', () => {
    expect(minutesLeft(always, target(), at('2025-03-03T11:59:30+03:00'))).toBe(0);
    expect(minutesLeft(always, target(), at('2025-03-03T12:00:30+03:00'))).toBe(-1);
  });
});

describe('the SLA state of an appeal', () => {
  const inState = (state: 'ok' | 'warning' | 'breached' | 'met' | 'paused', done = false) => ({
    state,
    metAt: done ? new Date() : null,
  });

  it('is the state of its most urgent running target', () => {
    expect(appealState([inState('ok'), inState('warning')])).toBe('warning');
    expect(appealState([inState('paused'), inState('breached'), inState('warning')])).toBe('breached');
    expect(appealState([inState('ok'), inState('paused')])).toBe('paused');
  });

  it('ignores a finished target while another is running, even one met late', () => {
    expect(appealState([inState('breached', true), inState('ok')])).toBe('ok');
  });

  it('is breached or met once nothing is running, and null without targets', () => {
    expect(appealState([inState('met', true), inState('breached', true)])).toBe('breached');
    expect(appealState([inState('met', true), inState('met', true)])).toBe('met');
    expect(appealState([])).toBeNull();
  });
});
