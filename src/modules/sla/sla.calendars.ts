// Working calendars, the default and Customer Service calendars, and each unit's calendar. Every change bumps
// the SLA configuration version in the same transaction, so every process picks it up for new appeals.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { AppError, invalidField, notFound } from '../../server/errors.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { requireUnit } from '../units/units.service.ts';
import { validateCalendar } from './calendar.ts';
import { configChange, invalidFields, nameTaken } from './sla.config-change.ts';
import * as repo from './sla.repo.ts';
import type {
  Calendar,
  CreateCalendarInput,
  SlaSettings,
  UnitCalendar,
  UpdateCalendarInput,
  UpdateSlaSettingsInput,
} from './sla.schema.ts';
import { NoWorkingTimeError, addWorkingMinutes, compileCalendar } from './working-time.ts';

const present = (calendar: repo.CalendarRow, settings: repo.SettingsRow): Calendar => ({
  id: calendar.id,
  name: calendar.name,
  timeZone: calendar.timeZone,
  week: calendar.week,
  exceptions: calendar.exceptions,
  unitTypes: calendar.unitTypes as Calendar['unitTypes'],
  isDefault: calendar.id === settings.defaultCalendarId,
  isCustomerService: calendar.id === settings.csCalendarId,
  createdAt: calendar.createdAt.toISOString(),
  updatedAt: calendar.updatedAt.toISOString(),
});

/** The calendar as this transaction has just written it. */
async function presentWritten(tx: Queryable, id: string): Promise<Calendar> {
  return present(await repo.writtenCalendar(tx, id), await repo.settings(tx));
}

type CalendarRules = { timeZone: string; week: unknown; exceptions: unknown };

/** Refuses a calendar that breaks a rule (naming the field) or that has no working time ahead of `now`. */
function checkCalendar(calendar: CalendarRules, now: Date): void {
  const checked = validateCalendar(calendar);
  if (!checked.ok) {
    throw invalidFields(
      checked.errors.map((error) => ({ path: error.path || 'calendar', code: error.code, message: error.message })),
    );
  }
  try {
    addWorkingMinutes(compileCalendar(checked.calendar), now, 1);
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
    throw nameTaken('calendar');
  }
}

export async function listCalendars(ctx: Ctx, actor: Actor): Promise<Calendar[]> {
  authorize(actor, 'settings:read');
  const [rows, settings] = await Promise.all([repo.listCalendars(ctx.db), repo.settings(ctx.db)]);
  return rows.map((calendar) => present(calendar, settings));
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
  checkCalendar(input, ctx.clock.now());
  return configChange(ctx, async (tx) => {
    await checkName(tx, input.name, null);
    const unitTypes = [...new Set(input.unitTypes)];
    const id = await repo.insertCalendar(tx, { ...input, unitTypes });
    await repo.releaseUnitTypes(tx, id, unitTypes);
    return presentWritten(tx, id);
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
    checkCalendar(next, ctx.clock.now());
    if (input.name) {
      await checkName(tx, input.name, id);
    }
    await repo.updateCalendar(tx, id, next);
    if (input.unitTypes) {
      await repo.releaseUnitTypes(tx, id, next.unitTypes);
    }
    return presentWritten(tx, id);
  });
}

export async function deleteCalendar(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'settings:write');
  await configChange(ctx, async (tx) => {
    if (!(await repo.findCalendar(tx, id))) {
      throw notFound('Calendar');
    }
    const settings = await repo.settings(tx);
    if (id === settings.defaultCalendarId || id === settings.csCalendarId) {
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

const presentSettings = (settings: repo.SettingsRow): SlaSettings => ({
  defaultCalendarId: settings.defaultCalendarId,
  csCalendarId: settings.csCalendarId,
  version: settings.version,
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
  const byType = (await repo.listCalendars(db)).find((calendar) => calendar.unitTypes.includes(unit.type));
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
