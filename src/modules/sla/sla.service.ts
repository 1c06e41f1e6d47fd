// The SLA engine's hooks into the appeals register: targets when an appeal is created, re-planned when it is
// re-classified or its status changes, met by replies and reports; and each appeal's SLA as the API shows it.
// Every hook runs inside the caller's transaction. Knows nothing of HTTP.
import type { Queryable } from '../../db/db.ts';
import type { Actor } from '../auth/actor.ts';
import type { AppealSla } from './appeal-sla.schema.ts';
import { type TargetRow, currentTargets, planTargets, warnMinutesOf } from './sla-plan.ts';
import { type AppealUnit, type SlaAppeal, matchedPolicy, targetDefinitions } from './sla.match.ts';
import { presentSla } from './sla.present.ts';
import { READ_MAX_AGE_MS, cachedSnapshot, calendarIdFor, calendarOf, freshSnapshot } from './sla.snapshot.ts';
import { syncAppeals, syncStatus } from './sla.sync.ts';
import * as repo from './sla.repo.ts';
import * as targetsRepo from './sla-targets.repo.ts';
import { addWorkingMinutesWithPauses } from './working-time.ts';

export type { SlaAppeal };
export { newTargetsCte } from './sla-targets.repo.ts';
export { slaOfAppeal, slaOfAppeals } from './sla.present.ts';

/** A change to any of these may make another policy apply. */
const MATCH_FIELDS = ['kind', 'channel', 'unitId', 'categoryId', 'priority', 'tags', 'customerId'] as const;

/** A new appeal's deadlines, planned before it is written; the appeals register writes them in its statement. */
export interface NewAppealSla {
  policyId: string | null;
  rows: TargetRow[];
  /** The configuration the plan was made from: the write fails (isStaleSlaPlan) if it changed meanwhile. */
  instance: string;
  version: number;
  sla: AppealSla | null;
}

export interface NewAppealPlanRequest {
  appeal: SlaAppeal;
  unit: AppealUnit | undefined;
  now: Date;
  /** Re-read the configuration first: after the write reported a stale plan. */
  fresh?: boolean;
}

/**
 * Plans a new appeal's targets from this process's copy of the SLA configuration (no query on the hot path
 * unless the appeal's category or customer tags are needed).
 */
export async function planNewAppealSla(
  db: Queryable,
  { appeal, unit = null, now, fresh = false }: NewAppealPlanRequest,
): Promise<NewAppealSla> {
  const snap = fresh ? await freshSnapshot(db) : await cachedSnapshot(db);
  const policy = await matchedPolicy(db, snap, appeal, unit);
  const rows = policy
    ? planTargets({
        appeal,
        definitions: targetDefinitions(snap, policy, unit),
        pauseStatuses: policy.pauseStatuses,
        existing: [],
        facts: {},
        calendar: (id) => calendarOf(snap, id),
        now,
      }).upserts
    : [];
  return {
    policyId: policy?.id ?? null,
    rows,
    instance: snap.instance,
    version: snap.version,
    sla: presentSla(snap, rows, now),
  };
}

/** The error of a write whose SLA plan was made from a configuration that has since changed. */
export const isStaleSlaPlan = (err: unknown): boolean => (err as { code?: string })?.code === 'OT001';

/** Whether matching needs the customer's id before the appeal is written (a policy looks at customer tags). */
export async function slaNeedsCustomer(db: Queryable): Promise<boolean> {
  return (await cachedSnapshot(db)).usesCustomerTags;
}

const same = (left: unknown, right: unknown) => JSON.stringify(left) === JSON.stringify(right);

/** After applyChange: re-plans on re-classification (new policy match) or on a status change (pause, resolve). */
export async function onAppealChanged(
  tx: Queryable,
  before: SlaAppeal,
  after: SlaAppeal,
  now = new Date(),
): Promise<void> {
  const reclassified = MATCH_FIELDS.some((field) => !same(before[field], after[field]));
  if (reclassified) {
    await syncAppeals(tx, [after.id], now);
  } else if (before.status !== after.status) {
    await syncStatus(tx, after, now);
  }
}

export interface SlaMessage {
  direction: 'inbound' | 'outbound' | 'note';
  createdAt: Date;
}

/**
 * A reply to the customer meets the first or the pending next response; a note by the unit's responsible is the
 * unit's completion report; the customer writing again, once answered, starts a next-response clock. All at the
 * message's time. `appeal.status` must be the status after the message (a customer's answer reopens a waiting
 * appeal).
 */
export async function onMessage(tx: Queryable, appeal: SlaAppeal, message: SlaMessage, actor: Actor): Promise<void> {
  const at = message.createdAt;
  if (message.direction === 'outbound') {
    await targetsRepo.meet(tx, appeal.id, ['first_response', 'next_response'], at);
  } else if (message.direction === 'note') {
    if (actor.role === 'unit_responsible') {
      await targetsRepo.meet(tx, appeal.id, ['completion_report'], at);
    }
  } else {
    await startNextResponse(tx, appeal, at);
  }
}

const FINISHED = ['resolved', 'closed'];

async function startNextResponse(tx: Queryable, appeal: SlaAppeal, now: Date): Promise<void> {
  const latest = currentTargets(await targetsRepo.targetsOf(tx, [appeal.id]));
  const first = latest.get('first_response');
  const next = latest.get('next_response');
  const last = next ?? first;
  // Still waiting for an answer, or never answered under a response target: no new clock.
  if (!last?.metAt || (first && !first.metAt) || FINISHED.includes(appeal.status)) {
    return;
  }
  const snap = await freshSnapshot(tx, READ_MAX_AGE_MS);
  const policy = last.policyId ? snap.policyById.get(last.policyId) : undefined;
  const definition = policy?.targets.find((target) => target.metric === 'next_response');
  if (!policy || !definition) {
    return;
  }
  const unit = definition.calendar === 'unit' && appeal.unitId ? await repo.unitCalendar(tx, appeal.unitId) : undefined;
  const calendarId = calendarIdFor(snap, definition.calendar, unit ?? null);
  const calendar = calendarOf(snap, calendarId);
  const paused = policy.pauseStatuses.includes(appeal.status);
  const pauses = paused ? [{ from: now, to: null }] : [];
  const warnMinutes = warnMinutesOf(definition.minutes, policy.warnAtPercent);
  await targetsRepo.insertCycle(tx, appeal.id, {
    id: null,
    metric: 'next_response',
    cycle: (next?.cycle ?? 0) + 1,
    policyId: policy.id,
    calendarId,
    minutes: definition.minutes,
    warnMinutes,
    startedAt: now,
    dueAt: addWorkingMinutesWithPauses(calendar, now, definition.minutes, pauses),
    warnAt: warnMinutes === null ? null : addWorkingMinutesWithPauses(calendar, now, warnMinutes, pauses),
    metAt: null,
    breachedAt: null,
    warnedAt: null,
    pausedSince: paused ? now : null,
    pauses: [],
    pausedMinutes: 0,
  });
}
