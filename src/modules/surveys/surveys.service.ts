// Owns: the survey programme's definitions — surveys with their questions, triggers, settings. The imports that
// feed it are in imports.service.ts; sending and answering in invitations.service.ts and answers.service.ts.
import type { Ctx } from '../../context.ts';
import { AppError, type FieldError, invalidField, notFound, validationFailed } from '../../server/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { normalizeEmail, normalizePhone } from '../customers/normalize.ts';
import { checkQuestions, type Question } from './questions.ts';
import { authorizeSurvey } from './surveys.access.ts';
import * as repo from './surveys.repo.ts';
import type {
  CreateSurveyInput,
  CreateTriggerInput,
  Survey,
  UpdateSurveyInput,
  UpdateTriggerInput,
} from './surveys.schema.ts';

const presentSurvey = (row: repo.SurveyRow, sent: boolean): Survey => ({
  id: row.id,
  name: row.name,
  questions: row.questions as Survey['questions'],
  answerWithinDays: row.answerWithinDays,
  active: row.active,
  sent,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const presentTrigger = (trigger: repo.TriggerRow) => ({
  ...trigger,
  createdAt: trigger.createdAt.toISOString(),
});

function checkedQuestions(questions: readonly Question[]): Question[] {
  const problems = checkQuestions(questions);
  if (problems.length) {
    throw validationFailed(problems);
  }
  return [...questions];
}

/** What answers mean: ids, types, scales and options. Wording, touchpoints and `required` may change after sending. */
const structureOf = (questions: readonly Question[]) =>
  JSON.stringify(
    questions.map((question) => ({
      id: question.id,
      type: question.type,
      scale: 'scale' in question ? question.scale : null,
      subject: 'subject' in question ? question.subject : null,
      options: 'options' in question ? question.options.map((option) => option.id) : null,
    })),
  );

export async function listSurveys(ctx: Ctx, actor: Actor): Promise<Survey[]> {
  authorizeSurvey(actor, 'read');
  const rows = await repo.listSurveys(ctx.db);
  return Promise.all(rows.map(async (row) => presentSurvey(row, await repo.surveyWasSent(ctx.db, row.id))));
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
    const updated = await repo.updateSurvey(tx, id, { ...input, questions });
    if (!updated) {
      throw notFound('Survey');
    }
    return presentSurvey(updated, sent);
  });
}

async function checkUnits(ctx: Ctx, unitIds: readonly string[], path: string): Promise<void> {
  const known = await repo.existingIds(ctx.db, 'units', unitIds);
  const fields: FieldError[] = unitIds.flatMap((unitId, index) =>
    known.has(unitId)
      ? []
      : [{ path: `${path}.${index}`, code: 'unknown_unit', message: `Unit ${unitId} does not exist` }],
  );
  if (fields.length) {
    throw validationFailed(fields);
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

export const presentSettings = (settings: repo.SettingsRow) => ({
  ...settings,
  updatedAt: settings.updatedAt.toISOString(),
});

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
  const normalized = kind === 'email' ? normalizeEmail(raw) : normalizePhone(raw);
  if (!normalized.ok) {
    errors.push({ path, code: normalized.code, message: normalized.message });
    return null;
  }
  return normalized.placeholder ? null : normalized.value;
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
