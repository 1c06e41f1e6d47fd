// Owns: what an appeal's deadlines should be, given its policy's targets, its state and the targets it already
// has. Pure: the service loads the inputs, calls planTargets and writes the answer back. The same plan serves a
// new appeal, a status change (pause, resume, resolve), a re-classification and an admin's recomputation.
//
// Rules:
//  - The unit's transfer clock starts when the customer spoke (receivedAt) and is met when the appeal is
//    registered; Customer Service's clocks (first/next response, resolution) and the unit's completion report
//    start at registration.
//  - A target is met on time when met at or before its due instant; met later, it counts as breached.
//  - While the appeal's status is one of the policy's pause statuses, running clocks stand still.
//  - Resolving or closing the appeal stops every clock: running targets are met at that instant.
//  - Warnings and breaches already recorded stay recorded while the new deadline still says so, and are
//    cleared when a recomputation moves the deadline past now (the scheduler then raises them afresh).
import type { Metric } from './appeal-sla.schema.ts';
import type { TargetTimes } from './sla-state.ts';
import {
  type CompiledCalendar,
  type Pause,
  addWorkingMinutesWithPauses,
  workingMinutesBetween,
} from './working-time.ts';

export interface TargetDefinition {
  metric: Metric;
  minutes: number;
  warnMinutes: number | null;
  /** Null only for targets kept from before their calendar was known; read as the default calendar. */
  calendarId: string | null;
  policyId: string | null;
}

export interface TargetRow extends TargetTimes {
  id: number | null;
  metric: Metric;
  cycle: number;
  policyId: string | null;
  calendarId: string | null;
  warnMinutes: number | null;
  warnedAt: Date | null;
  pausedMinutes: number;
}

export interface PlanAppeal {
  status: string;
  receivedAt: Date;
  createdAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

/** When the events that meet a target happened, for targets a re-classification adds late. */
export interface MetFacts {
  firstOutboundAt?: Date | null | undefined;
  firstUnitNoteAt?: Date | null | undefined;
}

export interface PlanInput {
  appeal: PlanAppeal;
  /** The matched policy's targets, or null to keep each existing target's own definition (a status change). */
  definitions: readonly TargetDefinition[] | null;
  pauseStatuses: readonly string[];
  existing: readonly TargetRow[];
  facts: MetFacts;
  calendar: (calendarId: string | null) => CompiledCalendar;
  now: Date;
}

export interface Plan {
  /** New or changed rows, keyed by (metric, cycle). */
  upserts: TargetRow[];
  /** Running targets the new policy no longer has. */
  deleteIds: number[];
}

const FINISHED = new Set(['resolved', 'closed']);
// Transfer deadlines are set in whole minutes and met by the registration itself: a call registered as it comes
// in ("at once", 0 minutes) is written a few milliseconds after its receivedAt and must not count as late.
const TRANSFER_GRACE_MS = 60_000;

/** Whole percent of a target, rounded down; null when there is nothing to warn about. */
export function warnMinutesOf(minutes: number, percent: number | null): number | null {
  if (percent === null) {
    return null;
  }
  const warn = Math.floor((minutes * percent) / 100);
  return warn > 0 ? warn : null;
}

function startOf(metric: Metric, a: PlanAppeal): Date {
  return metric === 'transfer' ? a.receivedAt : a.createdAt;
}

function metByFacts(metric: Metric, a: PlanAppeal, facts: MetFacts): Date | null {
  switch (metric) {
    case 'transfer':
      return a.createdAt;
    case 'first_response':
      return facts.firstOutboundAt ?? null;
    case 'completion_report':
      return facts.firstUnitNoteAt ?? null;
    case 'resolution':
      return a.resolvedAt ?? a.closedAt;
    case 'next_response':
      return null;
  }
}

const later = (a: Date, b: Date) => (a > b ? a : b);

function build(input: PlanInput, def: TargetDefinition, e: TargetRow | undefined): TargetRow {
  const { appeal, now } = input;
  const cal = input.calendar(def.calendarId);
  const startedAt = e?.startedAt ?? startOf(def.metric, appeal);
  let metAt = e ? e.metAt : metByFacts(def.metric, appeal, input.facts);
  if (!metAt && FINISHED.has(appeal.status)) {
    metAt = appeal.resolvedAt ?? appeal.closedAt ?? now;
  }

  const pauses: Pause[] = [...(e?.pauses ?? [])];
  let pausedSince = e?.pausedSince ?? null;
  if (metAt) {
    if (pausedSince) {
      pauses.push({ from: pausedSince, to: later(metAt, pausedSince) });
    }
    pausedSince = null;
  } else if (input.pauseStatuses.includes(appeal.status)) {
    pausedSince ??= now;
  } else if (pausedSince) {
    pauses.push({ from: pausedSince, to: later(now, pausedSince) });
    pausedSince = null;
  }

  const all: Pause[] = pausedSince ? [...pauses, { from: pausedSince, to: null }] : pauses;
  const dueAt = addWorkingMinutesWithPauses(cal, startedAt, def.minutes, all);
  const warnAt = def.warnMinutes === null ? null : addWorkingMinutesWithPauses(cal, startedAt, def.warnMinutes, all);
  const late =
    metAt !== null &&
    dueAt !== null &&
    metAt.getTime() > dueAt.getTime() + (def.metric === 'transfer' ? TRANSFER_GRACE_MS : 0);
  const breachedAt = metAt
    ? late
      ? (e?.breachedAt ?? metAt)
      : null
    : dueAt && dueAt <= now
      ? (e?.breachedAt ?? null)
      : null;
  const warnedAt = metAt ? (e?.warnedAt ?? null) : warnAt && warnAt <= now ? (e?.warnedAt ?? null) : null;
  let pausedMinutes = 0;
  for (const p of pauses) {
    pausedMinutes += workingMinutesBetween(cal, p.from, p.to!);
  }

  return {
    id: e?.id ?? null,
    metric: def.metric,
    cycle: e?.cycle ?? 1,
    policyId: def.policyId,
    calendarId: def.calendarId,
    minutes: def.minutes,
    warnMinutes: def.warnMinutes,
    startedAt,
    dueAt,
    warnAt,
    metAt,
    breachedAt,
    warnedAt,
    pausedSince,
    pauses,
    pausedMinutes,
  };
}

const time = (d: Date | null) => (d ? d.getTime() : null);
const TIMES = ['startedAt', 'dueAt', 'warnAt', 'metAt', 'breachedAt', 'warnedAt', 'pausedSince'] as const;

function changed(a: TargetRow, b: TargetRow): boolean {
  return (
    a.policyId !== b.policyId ||
    a.calendarId !== b.calendarId ||
    a.minutes !== b.minutes ||
    a.warnMinutes !== b.warnMinutes ||
    TIMES.some((k) => time(a[k]) !== time(b[k])) ||
    a.pauses.length !== b.pauses.length ||
    Math.abs(a.pausedMinutes - b.pausedMinutes) > 1e-6
  );
}

/** The latest cycle of each metric. */
export function currentTargets<T extends { metric: Metric; cycle: number }>(rows: readonly T[]): Map<Metric, T> {
  const latest = new Map<Metric, T>();
  for (const r of rows) {
    const seen = latest.get(r.metric);
    if (!seen || r.cycle > seen.cycle) {
      latest.set(r.metric, r);
    }
  }
  return latest;
}

export function planTargets(input: PlanInput): Plan {
  const latest = currentTargets(input.existing);
  const defs: TargetDefinition[] = input.definitions
    ? [...input.definitions]
    : [...latest.values()].map((e) => ({
        metric: e.metric,
        minutes: e.minutes,
        warnMinutes: e.warnMinutes,
        calendarId: e.calendarId,
        policyId: e.policyId,
      }));
  const wanted = new Set(defs.map((d) => d.metric));
  const deleteIds = input.definitions
    ? input.existing.filter((e) => !e.metAt && !wanted.has(e.metric) && e.id !== null).map((e) => e.id!)
    : [];
  const upserts: TargetRow[] = [];
  for (const def of defs) {
    const e = latest.get(def.metric);
    // A next-response clock starts only when the customer writes again (see onMessage).
    if (def.metric === 'next_response' && !e) {
      continue;
    }
    let row: TargetRow;
    try {
      row = build(input, def, e);
    } catch (err) {
      // An instant outside 1900–2199 or a calendar without working time: no deadline can be set.
      if (err instanceof RangeError || (err instanceof Error && err.name === 'NoWorkingTimeError')) {
        continue;
      }
      throw err;
    }
    if (!e || changed(e, row)) {
      upserts.push(row);
    }
  }
  return { upserts, deleteIds };
}
