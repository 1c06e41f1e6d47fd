// Owns: the state of a deadline at a given instant and the SLA state of an appeal as a whole. Pure.
// The SQL list filters in appeals.list.repo.ts mirror these rules; sla-state.test.ts holds both to them.
import type { SlaState } from './appeal-sla.schema.ts';
import {
  type ClosedPause,
  type CompiledCalendar,
  workingMinutesBetween,
  workingMinutesExcluding,
} from './working-time.ts';

export interface TargetTimes {
  minutes: number;
  startedAt: Date;
  dueAt: Date | null;
  warnAt: Date | null;
  metAt: Date | null;
  breachedAt: Date | null;
  pausedSince: Date | null;
  pauses: readonly ClosedPause[];
}

/**
 * met: done in time; breached: met late, marked by the scheduler, or past due; paused: the clock stands still;
 * warning: past the warning point; ok: running.
 */
export function targetState(target: TargetTimes, now: Date): SlaState {
  if (target.metAt) {
    return target.breachedAt ? 'breached' : 'met';
  }
  if (target.breachedAt || (target.dueAt && target.dueAt <= now)) {
    return 'breached';
  }
  if (target.pausedSince) {
    return 'paused';
  }
  if (target.warnAt && target.warnAt <= now) {
    return 'warning';
  }
  return 'ok';
}

/**
 * Whole working minutes to the deadline (rounded down, so negative when overdue by any part of a minute); while
 * paused, what is left when the clock resumes; null once met.
 */
export function minutesLeft(cal: CompiledCalendar, target: TargetTimes, now: Date): number | null {
  if (target.metAt) {
    return null;
  }
  if (target.pausedSince) {
    const used = workingMinutesExcluding(cal, target.startedAt, target.pausedSince, target.pauses);
    return Math.floor(target.minutes - used);
  }
  if (!target.dueAt) {
    return null;
  }
  return Math.floor(workingMinutesBetween(cal, now, target.dueAt));
}

const OPEN_ORDER: readonly SlaState[] = ['breached', 'warning', 'paused', 'ok'];

/**
 * An appeal's state is that of its most urgent running target (breached, warning, paused, ok); once none is
 * running, breached when any target was breached, else met. Null for an appeal without targets.
 */
export function appealState(targets: readonly { state: SlaState; metAt: Date | null }[]): SlaState | null {
  if (targets.length === 0) {
    return null;
  }
  const open = targets.filter((target) => target.metAt === null).map((target) => target.state);
  for (const state of OPEN_ORDER) {
    if (open.includes(state)) {
      return state;
    }
  }
  return targets.some((target) => target.state === 'breached') ? 'breached' : 'met';
}
