// Owns: the state of a deadline at a given instant and the SLA state of an appeal as a whole. Pure.
// The SQL list filters in appeals.list.repo.ts mirror these rules; sla-state.test.ts holds both to them.
import type { SlaState } from './appeal-sla.schema.ts';
import { type CompiledCalendar, type Pause, workingMinutesBetween, workingMinutesExcluding } from './working-time.ts';

export interface TargetTimes {
  minutes: number;
  startedAt: Date;
  dueAt: Date | null;
  warnAt: Date | null;
  metAt: Date | null;
  breachedAt: Date | null;
  pausedSince: Date | null;
  /** Closed pauses. */
  pauses: readonly Pause[];
}

/**
 * met: done in time; breached: met late, marked by the scheduler, or past due; paused: the clock stands still;
 * warning: past the warning point; ok: running.
 */
export function targetState(t: TargetTimes, now: Date): SlaState {
  if (t.metAt) {
    return t.breachedAt ? 'breached' : 'met';
  }
  if (t.breachedAt || (t.dueAt && t.dueAt <= now)) {
    return 'breached';
  }
  if (t.pausedSince) {
    return 'paused';
  }
  if (t.warnAt && t.warnAt <= now) {
    return 'warning';
  }
  return 'ok';
}

/**
 * Whole working minutes to the deadline (rounded down, so negative when overdue by any part of a minute); while
 * paused, what is left when the clock resumes; null once met.
 */
export function minutesLeft(cal: CompiledCalendar, t: TargetTimes, now: Date): number | null {
  if (t.metAt) {
    return null;
  }
  if (t.pausedSince) {
    return Math.floor(t.minutes - workingMinutesExcluding(cal, t.startedAt, t.pausedSince, t.pauses));
  }
  if (!t.dueAt) {
    return null;
  }
  return Math.floor(workingMinutesBetween(cal, now, t.dueAt));
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
  const open = targets.filter((t) => t.metAt === null).map((t) => t.state);
  for (const s of OPEN_ORDER) {
    if (open.includes(s)) {
      return s;
    }
  }
  return targets.some((t) => t.state === 'breached') ? 'breached' : 'met';
}
