// Working calendars, the default and Customer Service calendars, and each unit's calendar. Every change bumps
// the SLA configuration version in the same transaction, so every process picks it up for new appeals.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { AppError, invalidField, notFound } from '../../server/errors.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { requireUnit } from '../units/units.service.ts';
import { validateCalendar } from './calendar.ts';
import * as repo from './sla.repo.ts';
import type {
  Calendar,
  CreateCalendarInput,
  SlaSettings,
  UnitCalendar,
  UpdateCalendarInput,
  UpdateSlaSettingsInput,
} from './sla.schema.ts';
import { invalidateSnapshots } from './sla.snapshot.ts';
import { NoWorkingTimeError, addWorkingMinutes, compileCalendar } from './working-time.ts';

const present = (c: repo.CalendarRow, s: repo.SettingsRow): Calendar => ({
  id: c.id,
  name: c.name,
  timeZone: c.timeZone,
  week: c.week,
  exceptions: c.exceptions,
  unitTypes: c.unitTypes as Calendar['unitTypes'],
  isDefault: c.id === s.defaultCalendarId,
  isCustomerService: c.id === s.csCalendarId,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/** Runs a configuration change, bumps the version with it, and drops this process's cached copy after commit. */
export async function configChange<T>(ctx: Ctx, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction(async (tx) => {
    const value = await fn(tx);
    await repo.bumpVersion(tx);
    return value;
  });
  invalidateSnapshots();
  return result;
}

/** Refuses a calendar that breaks a rule (naming the field) or that never has working time ahead. */
function checkCalendar(c: { timeZone: string; week: unknown; exceptions: unknown }): void {
  const checked = validateCalendar(c);
  if (!checked.ok) {
    const fields = checked.errors.map((e) => ({ path: e.path || 'calendar', code: e.code, message: e.message }));
    throw new AppError('validation_failed', `${fields[0]!.path}: ${fields[0]!.message}`, fields);
  }
  try {
    addWorkingMinutes(compileCalendar(checked.calendar), new Date(), 1);
  } catch (err) {
    if (!(err instanceof NoWorkingTimeError)) {
      throw err;
    }
    throw invalidField('week', 'no_working_time', 'The calendar has no working hours in the next three years');
  }
}

async function checkName(tx: Queryable, name: string, id: string | null) {
  const other = await repo.findCalendarByName(tx, name);
  if (other && other.id !== id) {
    throw new AppError('conflict', 'A calendar with this name exists', [
      { path: 'name', code: 'taken', message: 'A calendar with this name exists' },
    ]);
  }
}

export async function listCalendars(ctx: Ctx, actor: Actor): Promise<Calendar[]> {
  authorize(actor, 'settings:read');
  const [rows, s] = await Promise.all([repo.listCalendars(ctx.db), repo.settings(ctx.db)]);
  return rows.map((c) => present(c, s));
}

export async function getCalendar(ctx: Ctx, actor: Actor, id: string): Promise<Calendar> {
  authorize(actor, 'settings:read');
  const row = await repo.findCalendar(ctx.db, id);
  if (!row) {
    throw notFound('Calendar');
  }
  return present(row, await repo.settings(ctx.db));
}

export async function createCalendar(ctx: Ctx, actor: Actor, input: CreateCalendarInput): Promise<Calendar> {
  authorize(actor, 'settings:write');
  checkCalendar(input);
  return configChange(ctx, async (tx) => {
    await checkName(tx, input.name, null);
    const unitTypes = [...new Set(input.unitTypes)];
    const id = await repo.insertCalendar(tx, { ...input, unitTypes });
    await repo.releaseUnitTypes(tx, id, unitTypes);
    return present((await repo.findCalendar(tx, id))!, await repo.settings(tx));
  });
}

export async function updateCalendar(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: UpdateCalendarInput,
): Promise<Calendar> {
  authorize(actor, 'settings:write');
  return configChange(ctx, async (tx) => {
    const current = await repo.findCalendar(tx, id);
    if (!current) {
      throw notFound('Calendar');
    }
    const next = {
      name: input.name ?? current.name,
      timeZone: input.timeZone ?? current.timeZone,
      week: input.week ?? current.week,
      exceptions: input.exceptions ?? current.exceptions,
      unitTypes: [...new Set(input.unitTypes ?? current.unitTypes)],
    };
    checkCalendar(next);
    if (input.name) {
      await checkName(tx, input.name, id);
    }
    await repo.updateCalendar(tx, id, next);
    if (input.unitTypes) {
      await repo.releaseUnitTypes(tx, id, next.unitTypes);
    }
    return present((await repo.findCalendar(tx, id))!, await repo.settings(tx));
  });
}

export async function deleteCalendar(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'settings:write');
  await configChange(ctx, async (tx) => {
    if (!(await repo.findCalendar(tx, id))) {
      throw notFound('Calendar');
    }
    const s = await repo.settings(tx);
    if (id === s.defaultCalendarId || id === s.csCalendarId) {
      throw new AppError(
        'conflict',
        'The default and the Customer Service calendars cannot be deleted; choose others first',
      );
    }
    const used = await repo.calendarUsage(tx, id);
    if (used.units > 0) {
      throw new AppError('conflict', `${used.units} unit(s) use this calendar; give them another first`);
    }
    await repo.deleteCalendar(tx, id);
  });
}

const presentSettings = (s: repo.SettingsRow): SlaSettings => ({
  defaultCalendarId: s.defaultCalendarId,
  csCalendarId: s.csCalendarId,
  version: s.version,
});

export async function getSettings(ctx: Ctx, actor: Actor): Promise<SlaSettings> {
  authorize(actor, 'settings:read');
  return presentSettings(await repo.settings(ctx.db));
}

export async function updateSettings(ctx: Ctx, actor: Actor, input: UpdateSlaSettingsInput): Promise<SlaSettings> {
  authorize(actor, 'settings:write');
  await configChange(ctx, async (tx) => {
    for (const [path, id] of [
      ['defaultCalendarId', input.defaultCalendarId],
      ['csCalendarId', input.csCalendarId],
    ] as const) {
      if (id && !(await repo.findCalendar(tx, id))) {
        throw invalidField(path, 'unknown_calendar', 'No such calendar');
      }
    }
    await repo.updateSettings(tx, input);
  });
  return presentSettings(await repo.settings(ctx.db));
}

async function unitCalendarOf(db: Queryable, unitId: string): Promise<UnitCalendar> {
  const unit = await repo.unitCalendar(db, unitId);
  if (!unit) {
    throw notFound('Unit');
  }
  if (unit.calendarId) {
    return { unitId, calendarId: unit.calendarId, effectiveCalendarId: unit.calendarId, source: 'unit' };
  }
  const byType = (await repo.listCalendars(db)).find((c) => c.unitTypes.includes(unit.type));
  if (byType) {
    return { unitId, calendarId: null, effectiveCalendarId: byType.id, source: 'unit_type' };
  }
  return {
    unitId,
    calendarId: null,
    effectiveCalendarId: (await repo.settings(db)).defaultCalendarId,
    source: 'default',
  };
}

export async function getUnitCalendar(ctx: Ctx, actor: Actor, unitId: string): Promise<UnitCalendar> {
  authorize(actor, 'units:read');
  return unitCalendarOf(ctx.db, unitId);
}

export async function setUnitCalendar(
  ctx: Ctx,
  actor: Actor,
  unitId: string,
  calendarId: string | null,
): Promise<UnitCalendar> {
  authorize(actor, 'settings:write');
  await configChange(ctx, async (tx) => {
    await requireUnit(tx, unitId, 'unitId').catch(() => {
      throw notFound('Unit');
    });
    if (calendarId && !(await repo.findCalendar(tx, calendarId))) {
      throw invalidField('calendarId', 'unknown_calendar', 'No such calendar');
    }
    await repo.setUnitCalendar(tx, unitId, calendarId);
  });
  return unitCalendarOf(ctx.db, unitId);
}
