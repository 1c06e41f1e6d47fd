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
  type ClosedPause,
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

function startOf(metric: Metric, appeal: PlanAppeal): Date {
  return metric === 'transfer' ? appeal.receivedAt : appeal.createdAt;
}

function metByFacts(metric: Metric, appeal: PlanAppeal, facts: MetFacts): Date | null {
  switch (metric) {
    case 'transfer':
      return appeal.createdAt;
    case 'first_response':
      return facts.firstOutboundAt ?? null;
    case 'completion_report':
      return facts.firstUnitNoteAt ?? null;
    case 'resolution':
      return appeal.resolvedAt ?? appeal.closedAt;
    case 'next_response':
      return null;
  }
}

const later = (left: Date, right: Date) => (left > right ? left : right);

/** When the target was met: as stored, else by the facts, else when the appeal finished. */
function metAtOf(input: PlanInput, definition: TargetDefinition, existing: TargetRow | undefined): Date | null {
  const { appeal, now } = input;
  const metAt = existing ? existing.metAt : metByFacts(definition.metric, appeal, input.facts);
  if (!metAt && FINISHED.has(appeal.status)) {
    return appeal.resolvedAt ?? appeal.closedAt ?? now;
  }
  return metAt;
}

/** The target's closed pauses and open one: a met target closes its pause, a running one follows the status. */
function pausesOf(
  input: PlanInput,
  existing: TargetRow | undefined,
  metAt: Date | null,
): { pauses: ClosedPause[]; pausedSince: Date | null } {
  const { appeal, now } = input;
  const pauses = [...(existing?.pauses ?? [])];
  const pausedSince = existing?.pausedSince ?? null;
  if (metAt) {
    if (pausedSince) {
      pauses.push({ from: pausedSince, to: later(metAt, pausedSince) });
    }
    return { pauses, pausedSince: null };
  }
  if (input.pauseStatuses.includes(appeal.status)) {
    return { pauses, pausedSince: pausedSince ?? now };
  }
  if (pausedSince) {
    pauses.push({ from: pausedSince, to: later(now, pausedSince) });
  }
  return { pauses, pausedSince: null };
}

function build(input: PlanInput, definition: TargetDefinition, existing: TargetRow | undefined): TargetRow {
  const { now } = input;
  const calendar = input.calendar(definition.calendarId);
  const startedAt = existing?.startedAt ?? startOf(definition.metric, input.appeal);
  const metAt = metAtOf(input, definition, existing);
  const { pauses, pausedSince } = pausesOf(input, existing, metAt);

  const all: Pause[] = pausedSince ? [...pauses, { from: pausedSince, to: null }] : pauses;
  const dueAt = addWorkingMinutesWithPauses(calendar, startedAt, definition.minutes, all);
  const warnAt =
    definition.warnMinutes === null
      ? null
      : addWorkingMinutesWithPauses(calendar, startedAt, definition.warnMinutes, all);
  const grace = definition.metric === 'transfer' ? TRANSFER_GRACE_MS : 0;
  const late = metAt !== null && dueAt !== null && metAt.getTime() > dueAt.getTime() + grace;
  // Recorded breaches and warnings stay while the deadline still says so (see the rules above).
  const breachedAt = metAt
    ? late
      ? (existing?.breachedAt ?? metAt)
      : null
    : dueAt && dueAt <= now
      ? (existing?.breachedAt ?? null)
      : null;
  const warnedAt = metAt || (warnAt && warnAt <= now) ? (existing?.warnedAt ?? null) : null;
  let pausedMinutes = 0;
  for (const pause of pauses) {
    pausedMinutes += workingMinutesBetween(calendar, pause.from, pause.to);
  }

  return {
    id: existing?.id ?? null,
    metric: definition.metric,
    cycle: existing?.cycle ?? 1,
    policyId: definition.policyId,
    calendarId: definition.calendarId,
    minutes: definition.minutes,
    warnMinutes: definition.warnMinutes,
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

const time = (date: Date | null) => (date ? date.getTime() : null);
const TIMES = ['startedAt', 'dueAt', 'warnAt', 'metAt', 'breachedAt', 'warnedAt', 'pausedSince'] as const;

function changed(before: TargetRow, after: TargetRow): boolean {
  return (
    before.policyId !== after.policyId ||
    before.calendarId !== after.calendarId ||
    before.minutes !== after.minutes ||
    before.warnMinutes !== after.warnMinutes ||
    TIMES.some((key) => time(before[key]) !== time(after[key])) ||
    before.pauses.length !== after.pauses.length ||
    Math.abs(before.pausedMinutes - after.pausedMinutes) > 1e-6
  );
}

/** The latest cycle of each metric. */
export function currentTargets<T extends { metric: Metric; cycle: number }>(rows: readonly T[]): Map<Metric, T> {
  const latest = new Map<Metric, T>();
  for (const row of rows) {
    const seen = latest.get(row.metric);
    if (!seen || row.cycle > seen.cycle) {
      latest.set(row.metric, row);
    }
  }
  return latest;
}

/** A target's own definition, for re-planning it without its policy (a status change). */
const ownDefinition = (target: TargetRow): TargetDefinition => ({
  metric: target.metric,
  minutes: target.minutes,
  warnMinutes: target.warnMinutes,
  calendarId: target.calendarId,
  policyId: target.policyId,
});

/** Running targets of metrics the new definitions no longer have. */
function droppedIds(input: PlanInput, definitions: readonly TargetDefinition[]): number[] {
  const wanted = new Set(definitions.map((definition) => definition.metric));
  return input.existing.flatMap((target) =>
    !target.metAt && !wanted.has(target.metric) && target.id !== null ? [target.id] : [],
  );
}

/** The definition's target, or null when no deadline can be set (an instant outside 1900–2199, no working time). */
function buildOrSkip(input: PlanInput, definition: TargetDefinition, existing: TargetRow | undefined) {
  try {
    return build(input, definition, existing);
  } catch (err) {
    if (err instanceof RangeError || (err instanceof Error && err.name === 'NoWorkingTimeError')) {
      return null;
    }
    throw err;
  }
}

export function planTargets(input: PlanInput): Plan {
  const latest = currentTargets(input.existing);
  const definitions = input.definitions ?? [...latest.values()].map(ownDefinition);
  const deleteIds = input.definitions ? droppedIds(input, input.definitions) : [];
  const upserts: TargetRow[] = [];
  for (const definition of definitions) {
    const existing = latest.get(definition.metric);
    // A next-response clock starts only when the customer writes again (see onMessage).
    if (definition.metric === 'next_response' && !existing) {
      continue;
    }
    const row = buildOrSkip(input, definition, existing);
    if (row && (!existing || changed(existing, row))) {
      upserts.push(row);
    }
  }
  return { upserts, deleteIds };
}
