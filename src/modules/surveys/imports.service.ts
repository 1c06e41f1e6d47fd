// Owns: the imports that feed the survey programme — purchase events (the transactions of the exact conversion,
// each one surveyed as its unit's purchase triggers ask) and visitor counts per unit and day. Both are checked
// whole before anything is written, and may be sent again safely.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { type FieldError, validationFailed } from '../../server/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { scheduleInvitation } from './schedule.ts';
import { authorizeSurvey } from './surveys.access.ts';
import * as repo from './surveys.repo.ts';
import type { ImportEventsInput, ImportVisitorsInput } from './surveys.schema.ts';
import { realContact } from './surveys.service.ts';

/** An event may be stamped a little ahead of our clock (a till's clock runs fast); more is a mistake. */
const FUTURE_LEEWAY_MS = 5 * 60_000;

/**
 * Imports purchase events (transactions for the exact conversion) and schedules the surveys their triggers ask for.
 * An event already imported (same externalId) is skipped: the import may be sent again safely.
 */
export async function importEvents(ctx: Ctx, actor: Actor, input: ImportEventsInput) {
  authorizeSurvey(actor, 'import');
  const now = ctx.clock.now();
  const events = await checkedEvents(ctx, input.events, now);
  return ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertEvents(tx, events);
    const invitations = await surveyPurchases(tx, { events, inserted, now });
    return {
      received: events.length,
      imported: inserted.length,
      duplicates: events.length - inserted.length,
      invitations,
    };
  });
}

/** The events as rows to insert, or one validation error naming every bad field of the import. */
async function checkedEvents(ctx: Ctx, input: ImportEventsInput['events'], now: Date): Promise<repo.NewEvent[]> {
  const idsOf = (pick: (event: ImportEventsInput['events'][number]) => string | undefined) =>
    input.flatMap((event) => pick(event) ?? []);
  const units = await repo.existingIds(
    ctx.db,
    'units',
    idsOf((event) => event.unitId),
  );
  const staff = await repo.existingIds(
    ctx.db,
    'users',
    idsOf((event) => event.staffId),
  );
  const customers = await repo.existingIds(
    ctx.db,
    'customers',
    idsOf((event) => event.customerId),
  );
  const errors: FieldError[] = [];
  const problem = (path: string, code: string, message: string) => errors.push({ path, code, message });
  const seen = new Set<string>();
  const events = input.map((event, index): repo.NewEvent => {
    const at = `events.${index}`;
    if (seen.has(event.externalId)) {
      problem(`${at}.externalId`, 'duplicate', `externalId ${event.externalId} appears twice in this import`);
    }
    seen.add(event.externalId);
    if (event.unitId && !units.has(event.unitId)) {
      problem(`${at}.unitId`, 'unknown_unit', `Unit ${event.unitId} does not exist`);
    }
    if (event.staffId && !staff.has(event.staffId)) {
      problem(`${at}.staffId`, 'unknown_user', `User ${event.staffId} does not exist`);
    }
    if (event.customerId && !customers.has(event.customerId)) {
      problem(`${at}.customerId`, 'unknown_customer', `Customer ${event.customerId} does not exist`);
    }
    const occurredAt = new Date(event.occurredAt);
    if (occurredAt.getTime() > now.getTime() + FUTURE_LEEWAY_MS) {
      problem(`${at}.occurredAt`, 'in_the_future', 'occurredAt cannot be in the future');
    }
    return {
      externalId: event.externalId,
      occurredAt,
      unitId: event.unitId ?? null,
      staffId: event.staffId ?? null,
      customerId: event.customerId ?? null,
      channel: event.channel,
      email: realContact('email', event.email, `${at}.email`, errors),
      phone: realContact('phone', event.phone, `${at}.phone`, errors),
      locale: event.locale,
    };
  });
  if (errors.length) {
    throw validationFailed(errors);
  }
  return events;
}

/** Schedules the surveys of the purchase triggers of each new event's unit; counts what became of them. */
async function surveyPurchases(
  tx: Queryable,
  { events, inserted, now }: { events: repo.NewEvent[]; inserted: { id: string; externalId: string }[]; now: Date },
) {
  const byExternal = new Map(events.map((event) => [event.externalId, event]));
  const tally = { scheduled: 0, throttled: 0, noContact: 0 };
  const triggersOf = new Map<string | null, Awaited<ReturnType<typeof repo.triggersFor>>>();
  for (const row of inserted) {
    const event = byExternal.get(row.externalId);
    if (!event) {
      continue; // the database answers only external ids it was given
    }
    let triggers = triggersOf.get(event.unitId);
    if (!triggers) {
      triggers = await repo.triggersFor(tx, 'purchase', event.unitId);
      triggersOf.set(event.unitId, triggers);
    }
    for (const trigger of triggers) {
      const outcome = await scheduleInvitation(
        tx,
        {
          survey: trigger.survey,
          trigger,
          source: 'purchase',
          customerId: event.customerId,
          customerEmail: event.email,
          customerPhone: event.phone,
          locale: event.locale,
          appealId: null,
          eventId: row.id,
          unitId: event.unitId,
          staffId: event.staffId,
          categoryId: null,
          channel: event.channel,
        },
        now,
      );
      tally[outcome === 'scheduled' ? 'scheduled' : outcome === 'throttled' ? 'throttled' : 'noContact'] += 1;
    }
  }
  return tally;
}

/** Imports visitor counts per unit and day; a day sent again replaces its count. */
export async function importVisitors(ctx: Ctx, actor: Actor, input: ImportVisitorsInput) {
  authorizeSurvey(actor, 'import');
  const known = await repo.existingIds(
    ctx.db,
    'units',
    input.visitors.map((count) => count.unitId),
  );
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  input.visitors.forEach((count, index) => {
    if (!known.has(count.unitId)) {
      errors.push({
        path: `visitors.${index}.unitId`,
        code: 'unknown_unit',
        message: `Unit ${count.unitId} does not exist`,
      });
    }
    const key = `${count.unitId}/${count.day}`;
    if (seen.has(key)) {
      errors.push({
        path: `visitors.${index}.day`,
        code: 'duplicate',
        message: `${count.day} of unit ${count.unitId} appears twice in this import`,
      });
    }
    seen.add(key);
  });
  if (errors.length) {
    throw validationFailed(errors);
  }
  return { saved: await repo.upsertVisitors(ctx.db, input.visitors) };
}
