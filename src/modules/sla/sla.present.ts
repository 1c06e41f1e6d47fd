// Each appeal's SLA as the API shows it: the current cycle of every metric with its state and the working
// minutes left at an instant, and the appeal's state as a whole.
import type { Queryable } from '../../db/db.ts';
import { type AppealSla, type AppealSlaTarget, METRICS } from './appeal-sla.schema.ts';
import { type TargetRow, currentTargets } from './sla-plan.ts';
import { appealState, minutesLeft, targetState } from './sla-state.ts';
import { READ_MAX_AGE_MS, type Snapshot, calendarOf, freshSnapshot } from './sla.snapshot.ts';
import * as targetsRepo from './sla-targets.repo.ts';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Working minutes left, or null when the target's calendar can no longer say (no working time ahead). */
function minutesLeftOn(snap: Snapshot, target: TargetRow, now: Date): number | null {
  try {
    return minutesLeft(calendarOf(snap, target.calendarId), target, now);
  } catch {
    return null;
  }
}

function presentTarget(snap: Snapshot, target: TargetRow, now: Date): AppealSlaTarget {
  return {
    metric: target.metric,
    cycle: target.cycle,
    state: targetState(target, now),
    minutes: target.minutes,
    calendarId: target.calendarId,
    startedAt: target.startedAt.toISOString(),
    dueAt: iso(target.dueAt),
    warnAt: iso(target.warnAt),
    metAt: iso(target.metAt),
    breachedAt: iso(target.breachedAt),
    pausedSince: iso(target.pausedSince),
    minutesLeft: minutesLeftOn(snap, target, now),
  };
}

/** The SLA block of an appeal: the current cycle of each metric, with state and working minutes left at `now`. */
export function presentSla(snap: Snapshot, rows: readonly TargetRow[], now: Date): AppealSla | null {
  const latest = currentTargets(rows);
  const current = METRICS.flatMap((metric) => latest.get(metric) ?? []);
  const state = appealState(current.map((target) => ({ state: targetState(target, now), metAt: target.metAt })));
  if (state === null) {
    return null;
  }
  const latestCycles = [...latest.values()];
  const running = latestCycles
    .filter((target) => !target.metAt && !target.pausedSince)
    .flatMap((target) => (target.dueAt ? [target.dueAt.getTime()] : []));
  return {
    state,
    policyId: latestCycles.find((target) => target.policyId)?.policyId ?? null,
    nextDueAt: running.length ? new Date(Math.min(...running)).toISOString() : null,
    targets: current.map((target) => presentTarget(snap, target, now)),
  };
}

/** SLA blocks for a page of appeals: one query for all of them. */
export async function slaOfAppeals(
  db: Queryable,
  appealIds: readonly string[],
  now = new Date(),
): Promise<Map<string, AppealSla>> {
  const out = new Map<string, AppealSla>();
  if (appealIds.length === 0) {
    return out;
  }
  const snap = await freshSnapshot(db, READ_MAX_AGE_MS);
  for (const [appealId, rows] of await targetsRepo.targetsByAppeal(db, appealIds)) {
    const sla = presentSla(snap, rows, now);
    if (sla) {
      out.set(appealId, sla);
    }
  }
  return out;
}

export async function slaOfAppeal(db: Queryable, appealId: string, now = new Date()): Promise<AppealSla | null> {
  return (await slaOfAppeals(db, [appealId], now)).get(appealId) ?? null;
}
