// The SLA configuration cached in process memory: compiled calendars, policies in match order, unit and
// unit-type calendars, the category tree. A snapshot is tagged with the database's (instance, version); every
// configuration change bumps the version in its own transaction, so a process notices with one tiny query
// (or, on the create path, inside the very INSERT that writes the targets) and reloads.
import type { Queryable } from '../../db/db.ts';
import type { Metric } from './appeal-sla.schema.ts';
import type { Calendar } from './calendar.ts';
import type { Conditions } from './policy-match.ts';
import { byPosition, needsCustomerTags } from './policy-match.ts';
import * as repo from './sla.repo.ts';
import type { EscalationAction } from './sla.schema.ts';
import { type CompiledCalendar, compileCalendar } from './working-time.ts';

export interface PolicyDef {
  id: string;
  name: string;
  position: number;
  active: boolean;
  createdAt: Date;
  conditions: Conditions;
  targets: { metric: Metric; minutes: number; calendar: 'unit' | 'cs' }[];
  pauseStatuses: string[];
  warnAtPercent: number | null;
  notify: { onWarning: string[]; onBreach: string[] };
  escalation: { onWarning?: EscalationAction; onBreach?: EscalationAction };
}

export interface Snapshot {
  instance: string;
  version: number;
  /** Date.now() of the last confirmation that the version is current. */
  checkedAt: number;
  defaultCalendarId: string;
  csCalendarId: string;
  calendars: Map<string, CompiledCalendar>;
  typeCalendars: Map<string, string>;
  unitCalendars: Map<string, string>;
  /** All policies, active or not, in match order. */
  policies: PolicyDef[];
  policyById: Map<string, PolicyDef>;
  categoryParents: Map<string, string | null>;
  usesCustomerTags: boolean;
}

/** Read paths accept a copy this old before checking the version again. */
export const READ_MAX_AGE_MS = 2_000;

const snapshots = new Map<string, Snapshot>();
let lastInstance: string | null = null;
// Compiled calendars survive reloads while the calendar itself is unchanged (their span caches are warm).
const compiled = new Map<string, CompiledCalendar>();

export function toPolicyDef(row: repo.PolicyRow): PolicyDef {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    active: row.active,
    createdAt: row.createdAt,
    conditions: row.conditions,
    targets: row.targets.map((target) => ({
      metric: target.metric as Metric,
      minutes: target.minutes,
      calendar: target.calendar ?? row.calendarSource,
    })),
    pauseStatuses: row.pauseStatuses,
    warnAtPercent: row.warnAtPercent,
    notify: row.notify,
    escalation: row.escalation as PolicyDef['escalation'],
  };
}

function compile(row: repo.CalendarRow): CompiledCalendar {
  const key = `${row.id}@${row.updatedAt.getTime()}`;
  let calendar = compiled.get(key);
  if (!calendar) {
    calendar = compileCalendar({
      timeZone: row.timeZone,
      week: row.week,
      exceptions: row.exceptions,
    } satisfies Calendar);
    compiled.set(key, calendar);
  }
  return calendar;
}

async function load(db: Queryable): Promise<Snapshot> {
  const settings = await repo.settings(db);
  // One after another: `db` may be a transaction, whose single connection takes one query at a time.
  const calendarRows = await repo.listCalendars(db);
  const policyRows = await repo.listPolicies(db);
  const unitRows = await repo.assignedUnitCalendars(db);
  const categoryRows = await repo.categoryParents(db);
  const calendars = new Map<string, CompiledCalendar>();
  const typeCalendars = new Map<string, string>();
  const live = new Set<string>();
  for (const row of calendarRows) {
    calendars.set(row.id, compile(row));
    live.add(`${row.id}@${row.updatedAt.getTime()}`);
    for (const unitType of row.unitTypes) {
      if (!typeCalendars.has(unitType)) {
        typeCalendars.set(unitType, row.id);
      }
    }
  }
  for (const key of compiled.keys()) {
    if (!live.has(key)) {
      compiled.delete(key);
    }
  }
  const policies = policyRows.map(toPolicyDef).sort(byPosition);
  const snap: Snapshot = {
    instance: settings.instance,
    version: settings.version,
    checkedAt: Date.now(),
    defaultCalendarId: settings.defaultCalendarId,
    csCalendarId: settings.csCalendarId,
    calendars,
    typeCalendars,
    unitCalendars: new Map(unitRows.map((unit) => [unit.id, unit.calendarId])),
    policies,
    policyById: new Map(policies.map((policy) => [policy.id, policy])),
    categoryParents: new Map(categoryRows.map((category) => [category.id, category.parentId])),
    usesCustomerTags: needsCustomerTags(policies),
  };
  snapshots.set(snap.instance, snap);
  lastInstance = snap.instance;
  return snap;
}

/**
 * The copy this process used last, unchecked: for the create path, whose statement checks the version itself
 * (sla_config_is).
 */
export async function cachedSnapshot(db: Queryable): Promise<Snapshot> {
  const snap = lastInstance ? snapshots.get(lastInstance) : undefined;
  return snap ?? load(db);
}

/** A snapshot confirmed current within `maxAgeMs` (0: confirmed now, for writes). */
export async function freshSnapshot(db: Queryable, maxAgeMs = 0): Promise<Snapshot> {
  const cached = lastInstance ? snapshots.get(lastInstance) : undefined;
  if (cached && maxAgeMs > 0 && Date.now() - cached.checkedAt < maxAgeMs) {
    return cached;
  }
  const current = await repo.versionOf(db);
  const snap = snapshots.get(current.instance);
  if (snap && snap.version === current.version) {
    snap.checkedAt = Date.now();
    lastInstance = current.instance;
    return snap;
  }
  return load(db);
}

/** Drops every cached copy: called after this process changes the configuration. */
export function invalidateSnapshots(): void {
  snapshots.clear();
  lastInstance = null;
}

/** A calendar of the snapshot; an unknown or missing id reads as the default calendar. */
export function calendarOf(snap: Snapshot, id: string | null): CompiledCalendar {
  const calendar = (id ? snap.calendars.get(id) : undefined) ?? snap.calendars.get(snap.defaultCalendarId);
  if (!calendar) {
    // The settings row references the default calendar, so the database cannot lose it.
    throw new Error(`The default calendar ${snap.defaultCalendarId} is missing`);
  }
  return calendar;
}

/** A unit's own calendar, else its type's, else the default; an appeal without a unit counts on Customer Service's. */
export function unitCalendarId(snap: Snapshot, unit: { id: string; type: string } | null): string {
  if (!unit) {
    return snap.csCalendarId;
  }
  return snap.unitCalendars.get(unit.id) ?? snap.typeCalendars.get(unit.type) ?? snap.defaultCalendarId;
}

export function calendarIdFor(
  snap: Snapshot,
  source: 'unit' | 'cs',
  unit: { id: string; type: string } | null,
): string {
  return source === 'cs' ? snap.csCalendarId : unitCalendarId(snap, unit);
}

/** The category and its ancestors; reloads the tree once when the category is newer than the snapshot. */
export async function categoryPath(db: Queryable, snap: Snapshot, categoryId: string | null): Promise<string[]> {
  if (!categoryId) {
    return [];
  }
  if (!snap.categoryParents.has(categoryId)) {
    for (const category of await repo.categoryParents(db)) {
      snap.categoryParents.set(category.id, category.parentId);
    }
  }
  const path: string[] = [];
  for (let id: string | null | undefined = categoryId; id && path.length < 20; id = snap.categoryParents.get(id)) {
    path.push(id);
  }
  return path;
}
