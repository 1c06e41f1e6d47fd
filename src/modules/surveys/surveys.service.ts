// Owns: the survey programme's definitions — surveys with their questions, triggers, settings — and the imports
// that feed it (purchase events, visitor counts). Sending and answering live in invitations.service.ts.
import type { Ctx } from '../../context.ts';
import { AppError, type FieldError, invalidField, notFound } from '../../server/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { normalizeEmail, normalizePhone } from '../customers/normalize.ts';
import { scheduleInvitation } from './schedule.ts';
import { checkQuestions, type Question } from './questions.ts';
import { authorizeSurvey } from './surveys.access.ts';
import * as repo from './surveys.repo.ts';
import type {
  CreateSurveyInput,
  CreateTriggerInput,
  ImportEventsInput,
  ImportVisitorsInput,
  Survey,
  UpdateSurveyInput,
  UpdateTriggerInput,
} from './surveys.schema.ts';

const presentSurvey = (r: repo.SurveyRow, sent: boolean): Survey => ({
  id: r.id,
  name: r.name,
  questions: r.questions as Survey['questions'],
  answerWithinDays: r.answerWithinDays,
  active: r.active,
  sent,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export const presentTrigger = (t: repo.TriggerRow) => ({ ...t, createdAt: t.createdAt.toISOString() });

function checkedQuestions(questions: readonly Question[]): Question[] {
  const problems = checkQuestions(questions);
  if (problems.length) {
    throw new AppError('validation_failed', problems[0]!.message, problems);
  }
  return [...questions];
}

/** What answers mean: ids, types, scales and options. Wording, touchpoints and `required` may change after sending. */
const structureOf = (questions: readonly Question[]) =>
  JSON.stringify(
    questions.map((q) => ({
      id: q.id,
      type: q.type,
      scale: 'scale' in q ? q.scale : null,
      subject: 'subject' in q ? q.subject : null,
      options: 'options' in q ? q.options.map((o) => o.id) : null,
    })),
  );

export async function listSurveys(ctx: Ctx, actor: Actor): Promise<Survey[]> {
  authorizeSurvey(actor, 'read');
  const rows = await repo.listSurveys(ctx.db);
  return Promise.all(rows.map(async (r) => presentSurvey(r, await repo.surveyWasSent(ctx.db, r.id))));
}

export async function getSurvey(ctx: Ctx, actor: Actor, id: string): Promise<Survey> {
  authorizeSurvey(actor, 'read');
  const row = await repo.findSurvey(ctx.db, id);
  if (!row) {
    throw notFound('Survey');
  }
  return presentSurvey(row, await repo.surveyWasSent(ctx.db, id));
}

export async function createSurvey(ctx: Ctx, actor: Actor, input: CreateSurveyInput): Promise<Survey> {
  authorizeSurvey(actor, 'manage');
  const questions = checkedQuestions(input.questions as Question[]);
  return presentSurvey(await repo.insertSurvey(ctx.db, { ...input, questions, createdBy: actor.id }), false);
}

export async function updateSurvey(ctx: Ctx, actor: Actor, id: string, input: UpdateSurveyInput): Promise<Survey> {
  authorizeSurvey(actor, 'manage');
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findSurvey(tx, id, true);
    if (!current) {
      throw notFound('Survey');
    }
    const sent = await repo.surveyWasSent(tx, id);
    const questions = input.questions ? checkedQuestions(input.questions as Question[]) : undefined;
    // Answers already given must keep their meaning: a sent survey's questions change only in wording.
    if (questions && sent && structureOf(questions) !== structureOf(current.questions)) {
      throw new AppError(
        'conflict',
        'This survey has been sent: its questions may change only in wording. Create a new survey instead.',
        [
          {
            path: 'questions',
            code: 'survey_sent',
            message: 'Only wording, touchpoints and required may change once a survey is sent',
          },
        ],
      );
    }
    return presentSurvey((await repo.updateSurvey(tx, id, { ...input, questions }))!, sent);
  });
}

async function checkUnits(ctx: Ctx, unitIds: readonly string[], path: string): Promise<void> {
  const known = await repo.existingIds(ctx.db, 'units', unitIds);
  const fields: FieldError[] = unitIds.flatMap((u, i) =>
    known.has(u) ? [] : [{ path: `${path}.${i}`, code: 'unknown_unit', message: `Unit ${u} does not exist` }],
  );
  if (fields.length) {
    throw new AppError('validation_failed', fields[0]!.message, fields);
  }
}

export async function listTriggers(ctx: Ctx, actor: Actor, surveyId: string) {
  authorizeSurvey(actor, 'read');
  if (!(await repo.findSurvey(ctx.db, surveyId))) {
    throw notFound('Survey');
  }
  return (await repo.listTriggers(ctx.db, surveyId)).map(presentTrigger);
}

export async function createTrigger(ctx: Ctx, actor: Actor, surveyId: string, input: CreateTriggerInput) {
  authorizeSurvey(actor, 'manage');
  if (!(await repo.findSurvey(ctx.db, surveyId))) {
    throw notFound('Survey');
  }
  await checkUnits(ctx, input.unitIds, 'unitIds');
  return presentTrigger(await repo.insertTrigger(ctx.db, surveyId, input));
}

export async function updateTrigger(ctx: Ctx, actor: Actor, id: string, input: UpdateTriggerInput) {
  authorizeSurvey(actor, 'manage');
  if (input.unitIds) {
    await checkUnits(ctx, input.unitIds, 'unitIds');
  }
  const row = await repo.updateTrigger(ctx.db, id, input);
  if (!row) {
    throw notFound('Trigger');
  }
  return presentTrigger(row);
}

export const presentSettings = (s: repo.SettingsRow) => ({ ...s, updatedAt: s.updatedAt.toISOString() });

export async function getSettings(ctx: Ctx, actor: Actor) {
  authorizeSurvey(actor, 'read');
  return presentSettings(await repo.settings(ctx.db));
}

export async function updateSettings(
  ctx: Ctx,
  actor: Actor,
  input: { correctionCoefficient?: number | undefined; emailCaptureTarget?: number | undefined },
) {
  authorizeSurvey(actor, 'manage');
  return presentSettings(await repo.updateSettings(ctx.db, input));
}

/** A contact as an invitation may use it: normalised, and null when missing or a placeholder. */
export function realContact(
  kind: 'email' | 'phone',
  raw: string | undefined,
  path: string,
  errors: FieldError[],
): string | null {
  if (!raw) {
    return null;
  }
  const n = kind === 'email' ? normalizeEmail(raw) : normalizePhone(raw);
  if (!n.ok) {
    errors.push({ path, code: n.code, message: n.message });
    return null;
  }
  return n.placeholder ? null : n.value;
}

/**
 * Imports purchase events (transactions for the exact conversion) and schedules the surveys their triggers ask for.
 * An event already imported (same externalId) is skipped: the import may be sent again safely.
 */
export async function importEvents(ctx: Ctx, actor: Actor, input: ImportEventsInput, now = new Date()) {
  authorizeSurvey(actor, 'import');
  const errors: FieldError[] = [];
  const units = await repo.existingIds(
    ctx.db,
    'units',
    input.events.flatMap((e) => (e.unitId ? [e.unitId] : [])),
  );
  const staff = await repo.existingIds(
    ctx.db,
    'users',
    input.events.flatMap((e) => (e.staffId ? [e.staffId] : [])),
  );
  const customers = await repo.existingIds(
    ctx.db,
    'customers',
    input.events.flatMap((e) => (e.customerId ? [e.customerId] : [])),
  );
  const seen = new Set<string>();
  const events = input.events.map((e, i): repo.NewEvent => {
    const at = `events.${i}`;
    if (seen.has(e.externalId)) {
      errors.push({
        path: `${at}.externalId`,
        code: 'duplicate',
        message: `externalId ${e.externalId} appears twice in this import`,
      });
    }
    seen.add(e.externalId);
    if (e.unitId && !units.has(e.unitId)) {
      errors.push({ path: `${at}.unitId`, code: 'unknown_unit', message: `Unit ${e.unitId} does not exist` });
    }
    if (e.staffId && !staff.has(e.staffId)) {
      errors.push({ path: `${at}.staffId`, code: 'unknown_user', message: `User ${e.staffId} does not exist` });
    }
    if (e.customerId && !customers.has(e.customerId)) {
      errors.push({
        path: `${at}.customerId`,
        code: 'unknown_customer',
        message: `Customer ${e.customerId} does not exist`,
      });
    }
    const occurredAt = new Date(e.occurredAt);
    if (occurredAt.getTime() > now.getTime() + 5 * 60_000) {
      errors.push({ path: `${at}.occurredAt`, code: 'in_the_future', message: 'occurredAt cannot be in the future' });
    }
    return {
      externalId: e.externalId,
      occurredAt,
      unitId: e.unitId ?? null,
      staffId: e.staffId ?? null,
      customerId: e.customerId ?? null,
      channel: e.channel,
      email: realContact('email', e.email, `${at}.email`, errors),
      phone: realContact('phone', e.phone, `${at}.phone`, errors),
      locale: e.locale,
    };
  });
  if (errors.length) {
    throw new AppError('validation_failed', errors[0]!.message, errors);
  }
  return ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertEvents(tx, events);
    const byExternal = new Map(events.map((e) => [e.externalId, e]));
    const tally = { scheduled: 0, throttled: 0, noContact: 0 };
    const triggers = new Map<string | null, Awaited<ReturnType<typeof repo.triggersFor>>>();
    for (const row of inserted) {
      const e = byExternal.get(row.externalId)!;
      if (!triggers.has(e.unitId)) {
        triggers.set(e.unitId, await repo.triggersFor(tx, 'purchase', e.unitId));
      }
      for (const trigger of triggers.get(e.unitId)!) {
        const outcome = await scheduleInvitation(
          tx,
          {
            survey: trigger.survey,
            trigger,
            source: 'purchase',
            customerId: e.customerId,
            customerEmail: e.email,
            customerPhone: e.phone,
            locale: e.locale,
            appealId: null,
            eventId: row.id,
            unitId: e.unitId,
            staffId: e.staffId,
            categoryId: null,
            channel: e.channel,
          },
          now,
        );
        tally[outcome === 'scheduled' ? 'scheduled' : outcome === 'throttled' ? 'throttled' : 'noContact'] += 1;
      }
    }
    return {
      received: events.length,
      imported: inserted.length,
      duplicates: events.length - inserted.length,
      invitations: tally,
    };
  });
}

/** Imports visitor counts per unit and day; a day sent again replaces its count. */
export async function importVisitors(ctx: Ctx, actor: Actor, input: ImportVisitorsInput) {
  authorizeSurvey(actor, 'import');
  const known = await repo.existingIds(
    ctx.db,
    'units',
    input.visitors.map((v) => v.unitId),
  );
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  input.visitors.forEach((v, i) => {
    if (!known.has(v.unitId)) {
      errors.push({ path: `visitors.${i}.unitId`, code: 'unknown_unit', message: `Unit ${v.unitId} does not exist` });
    }
    const key = `${v.unitId}/${v.day}`;
    if (seen.has(key)) {
      errors.push({
        path: `visitors.${i}.day`,
        code: 'duplicate',
        message: `${v.day} of unit ${v.unitId} appears twice in this import`,
      });
    }
    seen.add(key);
  });
  if (errors.length) {
    throw new AppError('validation_failed', errors[0]!.message, errors);
  }
  return { saved: await repo.upsertVisitors(ctx.db, input.visitors) };
}

export async function requireActiveSurvey(ctx: Ctx, id: string) {
  const survey = await repo.findSurvey(ctx.db, id);
  if (!survey) {
    throw notFound('Survey');
  }
  if (!survey.active) {
    throw invalidField('surveyId', 'inactive', 'This survey is not active');
  }
  return survey;
}
