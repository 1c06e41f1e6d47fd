// SQL for SLA configuration: calendars, policies, the settings row and its version, unit calendars.
import type { Queryable } from '../../db/db.ts';
import { oneRow, queryOne } from '../../db/rows.ts';
import type { Interval } from './calendar.ts';

export interface CalendarRow {
  id: string;
  name: string;
  timeZone: string;
  week: Interval[][];
  exceptions: { date: string; intervals: Interval[]; name?: string }[];
  unitTypes: string[];
  createdAt: Date;
  updatedAt: Date;
}

const CALENDAR_COLUMNS = `c.id, c.name, c.time_zone AS "timeZone", c.week, c.exceptions, c.unit_types AS "unitTypes",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

export interface SettingsRow {
  instance: string;
  version: number;
  defaultCalendarId: string;
  csCalendarId: string;
}

export async function settings(db: Queryable): Promise<SettingsRow> {
  return queryOne<SettingsRow>(
    db,
    `SELECT instance, version, default_calendar_id AS "defaultCalendarId", cs_calendar_id AS "csCalendarId"
     FROM sla_settings`,
  );
}

/** The cheap freshness check every process makes before trusting its cached configuration. */
export async function versionOf(db: Queryable): Promise<{ instance: string; version: number }> {
  return queryOne<{ instance: string; version: number }>(db, 'SELECT instance, version FROM sla_settings');
}

/** Called in the same transaction as every configuration change; takes the row lock, so changes serialise. */
export async function bumpVersion(db: Queryable): Promise<number> {
  const row = await queryOne<{ version: number }>(
    db,
    'UPDATE sla_settings SET version = version + 1, updated_at = now() RETURNING version',
  );
  return row.version;
}

export async function updateSettings(
  db: Queryable,
  change: { defaultCalendarId?: string | undefined; csCalendarId?: string | undefined },
) {
  await db.query(
    `UPDATE sla_settings
     SET default_calendar_id = coalesce($1, default_calendar_id), cs_calendar_id = coalesce($2, cs_calendar_id)`,
    [change.defaultCalendarId ?? null, change.csCalendarId ?? null],
  );
}

export const listCalendars = (db: Queryable) =>
  db.query<CalendarRow>(`SELECT ${CALENDAR_COLUMNS} FROM calendars c ORDER BY c.name, c.id`);

const CALENDAR_BY_ID = `SELECT ${CALENDAR_COLUMNS} FROM calendars c WHERE c.id = $1`;

export async function findCalendar(db: Queryable, id: string): Promise<CalendarRow | undefined> {
  return (await db.query<CalendarRow>(CALENDAR_BY_ID, [id]))[0];
}

/** A calendar this transaction has just written. */
export async function writtenCalendar(db: Queryable, id: string): Promise<CalendarRow> {
  return oneRow(await db.query<CalendarRow>(CALENDAR_BY_ID, [id]), 'calendar');
}

export async function findCalendarByName(db: Queryable, name: string): Promise<{ id: string } | undefined> {
  return (await db.query<{ id: string }>('SELECT id FROM calendars WHERE lower(name) = lower($1)', [name]))[0];
}

export interface CalendarValues {
  name: string;
  timeZone: string;
  week: unknown;
  exceptions: unknown;
  unitTypes: string[];
}

const calendarParams = (calendar: CalendarValues) => [
  calendar.name,
  calendar.timeZone,
  JSON.stringify(calendar.week),
  JSON.stringify(calendar.exceptions),
  calendar.unitTypes,
];

export async function insertCalendar(db: Queryable, calendar: CalendarValues): Promise<string> {
  const row = await queryOne<{ id: string }>(
    db,
    `INSERT INTO calendars (name, time_zone, week, exceptions, unit_types)
     VALUES ($1, $2, $3, $4, $5)
     RETURNING id`,
    calendarParams(calendar),
  );
  return row.id;
}

export async function updateCalendar(db: Queryable, id: string, calendar: CalendarValues): Promise<void> {
  await db.query(
    `UPDATE calendars
     SET name = $2, time_zone = $3, week = $4, exceptions = $5, unit_types = $6, updated_at = now()
     WHERE id = $1`,
    [id, ...calendarParams(calendar)],
  );
}

/** A unit type is the default of one calendar at most: claiming it takes it from the others. */
export async function releaseUnitTypes(db: Queryable, exceptId: string, unitTypes: string[]): Promise<void> {
  if (unitTypes.length === 0) {
    return;
  }
  await db.query(
    `UPDATE calendars
     SET unit_types = ARRAY(SELECT t FROM unnest(unit_types) t WHERE NOT t = ANY($2::text[])), updated_at = now()
     WHERE id <> $1 AND unit_types && $2::text[]`,
    [exceptId, unitTypes],
  );
}

export async function calendarUsage(db: Queryable, id: string): Promise<{ units: number }> {
  return queryOne(db, 'SELECT count(*)::int AS units FROM units WHERE calendar_id = $1', [id]);
}

export async function deleteCalendar(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM calendars WHERE id = $1 RETURNING id', [id])).length > 0;
}

export interface UnitCalendarRow {
  id: string;
  type: string;
  calendarId: string | null;
}

export async function unitCalendar(db: Queryable, unitId: string): Promise<UnitCalendarRow | undefined> {
  const rows = await db.query<UnitCalendarRow>(
    'SELECT id, type, calendar_id AS "calendarId" FROM units WHERE id = $1',
    [unitId],
  );
  return rows[0];
}

export async function setUnitCalendar(db: Queryable, unitId: string, calendarId: string | null): Promise<void> {
  await db.query('UPDATE units SET calendar_id = $2, updated_at = now() WHERE id = $1', [unitId, calendarId]);
}

/** Units with a calendar of their own (the rest follow their type or the default). */
export const assignedUnitCalendars = (db: Queryable) =>
  db.query<{ id: string; calendarId: string }>(
    'SELECT id, calendar_id AS "calendarId" FROM units WHERE calendar_id IS NOT NULL',
  );

export const categoryParents = (db: Queryable) =>
  db.query<{ id: string; parentId: string | null }>('SELECT id, parent_id AS "parentId" FROM categories');

export interface PolicyRow {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: Record<string, string[] | undefined>;
  targets: { metric: string; minutes: number; calendar?: 'unit' | 'cs' }[];
  calendarSource: 'unit' | 'cs';
  pauseStatuses: string[];
  warnAtPercent: number | null;
  notify: { onWarning: string[]; onBreach: string[] };
  escalation: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

const POLICY_COLUMNS = `p.id, p.name, p.position, p.active, p.conditions, p.targets,
  p.calendar_source AS "calendarSource", p.pause_statuses AS "pauseStatuses", p.warn_at_percent AS "warnAtPercent",
  p.notify, p.escalation, p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

export const listPolicies = (db: Queryable) =>
  db.query<PolicyRow>(`SELECT ${POLICY_COLUMNS} FROM sla_policies p ORDER BY p.position, p.created_at, p.id`);

const POLICY_BY_ID = `SELECT ${POLICY_COLUMNS} FROM sla_policies p WHERE p.id = $1`;

export async function findPolicy(db: Queryable, id: string): Promise<PolicyRow | undefined> {
  return (await db.query<PolicyRow>(POLICY_BY_ID, [id]))[0];
}

/** A policy this transaction has just written. */
export async function writtenPolicy(db: Queryable, id: string): Promise<PolicyRow> {
  return oneRow(await db.query<PolicyRow>(POLICY_BY_ID, [id]), 'policy');
}

export async function findPolicyByName(db: Queryable, name: string): Promise<{ id: string } | undefined> {
  return (await db.query<{ id: string }>('SELECT id FROM sla_policies WHERE lower(name) = lower($1)', [name]))[0];
}

export interface PolicyValues {
  name: string;
  position: number;
  active: boolean;
  conditions: object;
  targets: object[];
  calendarSource: string;
  pauseStatuses: string[];
  warnAtPercent: number | null;
  notify: object;
  escalation: object;
}

const policyParams = (policy: PolicyValues) => [
  policy.name,
  policy.position,
  policy.active,
  JSON.stringify(policy.conditions),
  JSON.stringify(policy.targets),
  policy.calendarSource,
  policy.pauseStatuses,
  policy.warnAtPercent,
  JSON.stringify(policy.notify),
  JSON.stringify(policy.escalation),
];

export async function insertPolicy(db: Queryable, policy: PolicyValues): Promise<string> {
  const row = await queryOne<{ id: string }>(
    db,
    `INSERT INTO sla_policies (name, position, active, conditions, targets, calendar_source, pause_statuses,
       warn_at_percent, notify, escalation)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     RETURNING id`,
    policyParams(policy),
  );
  return row.id;
}

export async function updatePolicy(db: Queryable, id: string, policy: PolicyValues): Promise<void> {
  await db.query(
    `UPDATE sla_policies
     SET name = $2, position = $3, active = $4, conditions = $5, targets = $6, calendar_source = $7,
       pause_statuses = $8, warn_at_percent = $9, notify = $10, escalation = $11, updated_at = now()
     WHERE id = $1`,
    [id, ...policyParams(policy)],
  );
}

export async function deletePolicy(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM sla_policies WHERE id = $1 RETURNING id', [id])).length > 0;
}

export async function existingCategoryIds(db: Queryable, ids: string[]): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>('SELECT id FROM categories WHERE id = ANY($1::uuid[])', [ids]);
  return new Set(rows.map((row) => row.id));
}

export async function existingUnitIds(db: Queryable, ids: string[]): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>('SELECT id FROM units WHERE id = ANY($1::uuid[])', [ids]);
  return new Set(rows.map((row) => row.id));
}

/** The customer's tags, for policies that look at them. */
export async function customerTags(db: Queryable, customerId: string): Promise<string[]> {
  const rows = await db.query<{ tags: string[] }>('SELECT tags FROM customers WHERE id = $1', [customerId]);
  return rows[0]?.tags ?? [];
}
