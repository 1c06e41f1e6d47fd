// The SLA engine's hooks into the appeals register: targets when an appeal is created, re-planned when it is
// re-classified or its status changes, met by replies and reports; and each appeal's SLA as the API shows it.
// Every hook runs inside the caller's transaction. Knows nothing of HTTP.
import type { Queryable } from '../../db/db.ts';
import type { Actor } from '../auth/actor.ts';
import { type AppealSla, type AppealSlaTarget, METRICS, type Metric } from './appeal-sla.schema.ts';
import { matchPolicy } from './policy-match.ts';
import {
  type PlanAppeal,
  type TargetDefinition,
  type TargetRow,
  currentTargets,
  planTargets,
  warnMinutesOf,
} from './sla-plan.ts';
import { appealState, minutesLeft, targetState } from './sla-state.ts';
import {
  type PolicyDef,
  type Snapshot,
  READ_MAX_AGE_MS,
  cachedSnapshot,
  calendarIdFor,
  calendarOf,
  categoryPath,
  freshSnapshot,
} from './sla.snapshot.ts';
import * as repo from './sla.repo.ts';
import * as targetsRepo from './sla-targets.repo.ts';
import { addWorkingMinutesWithPauses } from './working-time.ts';

/** What the SLA engine reads of an appeal (the appeals register's row fits). */
export interface SlaAppeal extends PlanAppeal {
  id: string;
  kind: string;
  channel: string;
  priority: string;
  unitId: string | null;
  categoryId: string | null;
  customerId: string | null;
  tags: string[];
}

type Unit = { id: string; type: string } | null;

const DEFAULT_PAUSE_STATUSES = ['pending_customer'];
/** A change to any of these may make another policy apply. */
const MATCH_FIELDS = ['kind', 'channel', 'unitId', 'categoryId', 'priority', 'tags', 'customerId'] as const;

async function matchFor(db: Queryable, snap: Snapshot, a: SlaAppeal, unit: Unit): Promise<PolicyDef | null> {
  return matchPolicy(snap.policies, {
    unitId: a.unitId,
    unitType: unit?.type ?? null,
    channel: a.channel,
    kind: a.kind,
    priority: a.priority,
    tags: a.tags,
    categoryPath: await categoryPath(db, snap, a.categoryId),
    customerTags: snap.usesCustomerTags && a.customerId ? await repo.customerTags(db, a.customerId) : [],
  });
}

function definitionsOf(snap: Snapshot, policy: PolicyDef, unit: Unit): TargetDefinition[] {
  return policy.targets.map((t) => ({
    metric: t.metric,
    minutes: t.minutes,
    warnMinutes: warnMinutesOf(t.minutes, policy.warnAtPercent),
    calendarId: calendarIdFor(snap, t.calendar, unit),
    policyId: policy.id,
  }));
}

/** A new appeal's deadlines, planned before it is written; the appeals register writes them in its statement. */
export interface NewAppealSla {
  policyId: string | null;
  rows: TargetRow[];
  /** The configuration the plan was made from: the write fails (isStaleSlaPlan) if it changed meanwhile. */
  instance: string;
  version: number;
  sla: AppealSla | null;
}

/**
 * Plans a new appeal's targets from this process's copy of the SLA configuration (no query on the hot path
 * unless the appeal's category or customer tags are needed). `fresh` re-reads the configuration: after the
 * write reported a stale plan.
 */
export async function planNewAppealSla(
  db: Queryable,
  appeal: SlaAppeal,
  unit: Unit | undefined,
  now: Date,
  fresh = false,
): Promise<NewAppealSla> {
  const snap = fresh ? await freshSnapshot(db) : await cachedSnapshot(db);
  const policy = await matchFor(db, snap, appeal, unit ?? null);
  const rows = policy
    ? planTargets({
        appeal,
        definitions: definitionsOf(snap, policy, unit ?? null),
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

export { newTargetsCte } from './sla-targets.repo.ts';

// Map.groupBy arrives with Node 21; we support Node 20.
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) {
      list.push(item);
    } else {
      out.set(k, [item]);
    }
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** After applyChange: re-plans on re-classification (new policy match) or on a status change (pause, resolve). */
export async function onAppealChanged(
  tx: Queryable,
  before: SlaAppeal,
  after: SlaAppeal,
  now = new Date(),
): Promise<void> {
  const reclassified = MATCH_FIELDS.some((k) => !same(before[k], after[k]));
  if (reclassified) {
    await syncAppeals(tx, [after.id], now);
  } else if (before.status !== after.status) {
    await syncStatus(tx, after, now);
  }
}

async function syncStatus(tx: Queryable, appeal: SlaAppeal, now: Date): Promise<void> {
  const existing = await targetsRepo.targetsOf(tx, [appeal.id]);
  if (existing.length === 0) {
    return;
  }
  const snap = await freshSnapshot(tx, READ_MAX_AGE_MS);
  const policyId = existing.find((t) => t.policyId)?.policyId;
  const policy = policyId ? snap.policyById.get(policyId) : undefined;
  const plan = planTargets({
    appeal,
    definitions: null,
    pauseStatuses: policy?.pauseStatuses ?? DEFAULT_PAUSE_STATUSES,
    existing,
    facts: {},
    calendar: (id) => calendarOf(snap, id),
    now,
  });
  await targetsRepo.upsert(
    tx,
    plan.upserts.map((r) => ({ ...r, appealId: appeal.id })),
  );
}

/**
 * Re-matches each appeal's policy with the current configuration and rewrites its targets: new metrics are
 * added (met already when the reply or report happened), dropped ones removed, deadlines recomputed.
 * Returns the number of targets written or removed.
 */
export async function syncAppeals(tx: Queryable, ids: readonly string[], now: Date, lock = false): Promise<number> {
  const snap = await freshSnapshot(tx);
  const appeals = await targetsRepo.appealsForSync(tx, ids, lock);
  const existing = await targetsRepo.targetsOf(tx, ids);
  const byAppeal = groupBy(existing, (t) => t.appealId);
  const plans = [];
  const needFacts: string[] = [];
  for (const a of appeals) {
    const unit = a.unitId && a.unitType ? { id: a.unitId, type: a.unitType } : null;
    const policy = await matchFor(tx, snap, a, unit);
    const defs = policy ? definitionsOf(snap, policy, unit) : [];
    const mine = byAppeal.get(a.id) ?? [];
    const has = new Set(mine.map((t) => t.metric));
    if (defs.some((d) => (d.metric === 'first_response' || d.metric === 'completion_report') && !has.has(d.metric))) {
      needFacts.push(a.id);
    }
    plans.push({ a, policy, defs, mine });
  }
  const facts = new Map((await targetsRepo.messageFacts(tx, needFacts)).map((f) => [f.appealId, f]));
  const upserts: (TargetRow & { appealId: string })[] = [];
  const deletes: number[] = [];
  for (const { a, policy, defs, mine } of plans) {
    const plan = planTargets({
      appeal: a,
      definitions: defs,
      pauseStatuses: policy?.pauseStatuses ?? [],
      existing: mine,
      facts: facts.get(a.id) ?? {},
      calendar: (id) => calendarOf(snap, id),
      now,
    });
    upserts.push(...plan.upserts.map((r) => ({ ...r, appealId: a.id })));
    deletes.push(...plan.deleteIds);
  }
  await targetsRepo.remove(tx, deletes);
  await targetsRepo.upsert(tx, upserts);
  return upserts.length + deletes.length;
}

export interface SlaMessage {
  direction: 'inbound' | 'outbound' | 'note';
  createdAt: Date;
}

/**
 * A reply to the customer meets the first or the pending next response; a note by the unit's responsible is the
 * unit's completion report; the customer writing again, once answered, starts a next-response clock.
 * `appeal.status` must be the status after the message (a customer's answer reopens a waiting appeal).
 */
export async function onMessage(
  tx: Queryable,
  appeal: SlaAppeal,
  message: SlaMessage,
  actor: Actor,
  now = message.createdAt,
): Promise<void> {
  if (message.direction === 'outbound') {
    await targetsRepo.meet(tx, appeal.id, ['first_response', 'next_response'], now);
  } else if (message.direction === 'note') {
    if (actor.role === 'unit_responsible') {
      await targetsRepo.meet(tx, appeal.id, ['completion_report'], now);
    }
  } else {
    await startNextResponse(tx, appeal, now);
  }
}

async function startNextResponse(tx: Queryable, appeal: SlaAppeal, now: Date): Promise<void> {
  const latest = currentTargets(await targetsRepo.targetsOf(tx, [appeal.id]));
  const first = latest.get('first_response');
  const next = latest.get('next_response');
  const last = next ?? first;
  // Still waiting for an answer, or never answered under a response target: no new clock.
  if (!last || !last.metAt || (first && !first.metAt) || appeal.status === 'resolved' || appeal.status === 'closed') {
    return;
  }
  const snap = await freshSnapshot(tx, READ_MAX_AGE_MS);
  const policy = last.policyId ? snap.policyById.get(last.policyId) : undefined;
  const def = policy?.targets.find((t) => t.metric === 'next_response');
  if (!policy || !def) {
    return;
  }
  const unitRow = def.calendar === 'unit' && appeal.unitId ? await repo.unitCalendar(tx, appeal.unitId) : undefined;
  const calendarId = calendarIdFor(snap, def.calendar, unitRow ? { id: unitRow.id, type: unitRow.type } : null);
  const cal = calendarOf(snap, calendarId);
  const paused = policy.pauseStatuses.includes(appeal.status);
  const pauses = paused ? [{ from: now, to: null }] : [];
  const warnMinutes = warnMinutesOf(def.minutes, policy.warnAtPercent);
  await targetsRepo.insertCycle(tx, appeal.id, {
    id: null,
    metric: 'next_response',
    cycle: (next?.cycle ?? 0) + 1,
    policyId: policy.id,
    calendarId,
    minutes: def.minutes,
    warnMinutes,
    startedAt: now,
    dueAt: addWorkingMinutesWithPauses(cal, now, def.minutes, pauses),
    warnAt: warnMinutes === null ? null : addWorkingMinutesWithPauses(cal, now, warnMinutes, pauses),
    metAt: null,
    breachedAt: null,
    warnedAt: null,
    pausedSince: paused ? now : null,
    pauses: [],
    pausedMinutes: 0,
  });
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The SLA block of an appeal: the current cycle of each metric, with state and working minutes left at `now`. */
export function presentSla(snap: Snapshot, rows: readonly TargetRow[], now: Date): AppealSla | null {
  if (rows.length === 0) {
    return null;
  }
  const latest = currentTargets(rows);
  const targets: (AppealSlaTarget & { met: Date | null })[] = [];
  for (const metric of METRICS) {
    const t = latest.get(metric as Metric);
    if (!t) {
      continue;
    }
    let left: number | null = null;
    try {
      left = minutesLeft(calendarOf(snap, t.calendarId), t, now);
    } catch {
      left = null;
    }
    targets.push({
      metric: t.metric,
      cycle: t.cycle,
      state: targetState(t, now),
      minutes: t.minutes,
      calendarId: t.calendarId,
      startedAt: t.startedAt.toISOString(),
      dueAt: iso(t.dueAt),
      warnAt: iso(t.warnAt),
      metAt: iso(t.metAt),
      breachedAt: iso(t.breachedAt),
      pausedSince: iso(t.pausedSince),
      minutesLeft: left,
      met: t.metAt,
    });
  }
  const running = [...latest.values()]
    .filter((t) => !t.metAt && !t.pausedSince && t.dueAt)
    .map((t) => t.dueAt!.getTime());
  return {
    state: appealState(targets.map((t) => ({ state: t.state, metAt: t.met })))!,
    policyId: [...latest.values()].find((t) => t.policyId)?.policyId ?? null,
    nextDueAt: running.length ? new Date(Math.min(...running)).toISOString() : null,
    targets: targets.map(({ met: _met, ...t }) => t),
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
  const rows = await targetsRepo.targetsOf(db, appealIds);
  for (const [appealId, mine] of groupBy(rows, (r) => r.appealId)) {
    const sla = presentSla(snap, mine, now);
    if (sla) {
      out.set(appealId, sla);
    }
  }
  return out;
}

export async function slaOfAppeal(db: Queryable, appealId: string, now = new Date()): Promise<AppealSla | null> {
  return (await slaOfAppeals(db, [appealId], now)).get(appealId) ?? null;
}
