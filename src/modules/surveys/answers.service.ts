// Owns: the customer's side — reading a signed link, saving answers as they come (each question keeps one
// answer, its latest), completing (which closes the link), and the kiosk's one-shot submissions.
import type { Ctx } from '../../context.ts';
import type { FieldError } from '../../server/errors.ts';
import * as repo from './invitations.repo.ts';
import { type AnswerValue, type Question, checkAnswer, indexColumns, isBlank, missingRequired } from './questions.ts';
import { surveySecret } from './secret.ts';
import * as surveys from './surveys.repo.ts';
import { readInvitationToken, readKioskToken } from './tokens.ts';

export type ClosedReason = 'tampered' | 'expired' | 'used' | 'closed';

export type PageState =
  | {
      state: 'open';
      invitationId: string;
      survey: surveys.SurveyRow;
      locale: 'ru' | 'en';
      answers: Map<string, AnswerValue>;
    }
  | { state: ClosedReason; locale: 'ru' | 'en' | null };

export type SaveOutcome =
  | { state: 'saved'; completed: boolean }
  | { state: 'invalid'; errors: FieldError[]; page: PageState }
  | { state: ClosedReason; locale: 'ru' | 'en' | null };

const OPEN = new Set<repo.InvitationStatus>(['sent', 'answering']);

function closedReason(inv: repo.InvitationRow | undefined, now: Date): ClosedReason | null {
  if (!inv || inv.status === 'skipped' || inv.status === 'scheduled' || inv.delivery === 'kiosk') {
    return 'tampered';
  }
  if (inv.status === 'completed') {
    return 'used';
  }
  if (!OPEN.has(inv.status) || !inv.deadlineAt || inv.deadlineAt.getTime() <= now.getTime()) {
    return 'expired';
  }
  return null;
}

export async function openInvitation(ctx: Ctx, token: string, now = new Date()): Promise<PageState> {
  const check = readInvitationToken(await surveySecret(ctx), token, now);
  if (!check.ok) {
    const inv = check.reason === 'expired' ? await repo.findInvitation(ctx.db, check.invitationId) : undefined;
    return { state: inv?.status === 'completed' ? 'used' : check.reason, locale: inv?.locale ?? null };
  }
  const inv = await repo.findInvitation(ctx.db, check.invitationId);
  const reason = closedReason(inv, now);
  if (reason) {
    return { state: reason, locale: inv?.locale ?? null };
  }
  const survey = (await surveys.findSurvey(ctx.db, inv!.surveyId))!;
  return {
    state: 'open',
    invitationId: inv!.id,
    survey,
    locale: inv!.locale,
    answers: (await repo.answersOf(ctx.db, inv!.id)) as Map<string, AnswerValue>,
  };
}

/** Checks raw answers keyed by question id; blanks are skipped, unknown ids and bad values named. */
export function checkAnswers(
  questions: readonly Question[],
  raw: Readonly<Record<string, unknown>>,
): { answers: { questionId: string; value: AnswerValue }[]; errors: FieldError[] } {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const answers: { questionId: string; value: AnswerValue }[] = [];
  const errors: FieldError[] = [];
  for (const [id, value] of Object.entries(raw)) {
    const q = byId.get(id);
    if (!q) {
      errors.push({ path: `answers.${id}`, code: 'unknown_question', message: `This survey has no question "${id}"` });
      continue;
    }
    if (isBlank(value)) {
      continue;
    }
    const checked = checkAnswer(q, value);
    if (checked.ok) {
      answers.push({ questionId: id, value: checked.value });
    } else {
      errors.push({ path: `answers.${id}`, code: checked.code, message: checked.message });
    }
  }
  return { answers, errors };
}

const requiredErrors = (ids: string[]): FieldError[] =>
  ids.map((id) => ({ path: `answers.${id}`, code: 'required', message: 'Please answer this question' }));

/**
 * Saves answers to an invitation; with `complete` also closes it (all required questions answered). Nothing is
 * written when any answer is invalid, nor for a link already used, expired or not ours.
 */
export async function saveAnswers(
  ctx: Ctx,
  token: string,
  raw: Readonly<Record<string, unknown>>,
  complete: boolean,
  now = new Date(),
): Promise<SaveOutcome> {
  const check = readInvitationToken(await surveySecret(ctx), token, now);
  if (!check.ok) {
    return { state: check.reason, locale: null };
  }
  return ctx.db.transaction(async (tx): Promise<SaveOutcome> => {
    const inv = await repo.findInvitation(tx, check.invitationId, true);
    const reason = closedReason(inv, now);
    if (reason) {
      return { state: reason, locale: inv?.locale ?? null };
    }
    const survey = (await surveys.findSurvey(tx, inv!.surveyId))!;
    const { answers, errors } = checkAnswers(survey.questions, raw);
    const stored = (await repo.answersOf(tx, inv!.id)) as Map<string, AnswerValue>;
    const all = new Map([...stored, ...answers.map((a) => [a.questionId, a.value] as const)]);
    if (complete) {
      errors.push(...requiredErrors(missingRequired(survey.questions, all)));
    }
    if (errors.length) {
      return {
        state: 'invalid',
        errors,
        page: { state: 'open', invitationId: inv!.id, survey, locale: inv!.locale, answers: all },
      };
    }
    await repo.upsertAnswers(tx, inv!.id, answers, now);
    const status: repo.InvitationStatus = complete ? 'completed' : all.size > 0 ? 'answering' : inv!.status;
    if (answers.length || complete) {
      await repo.writeIndexColumns(tx, inv!.id, indexColumns(survey.questions, all), status, now);
    }
    return { state: 'saved', completed: complete };
  });
}

export type KioskState =
  { state: 'open'; survey: surveys.SurveyRow; unitId: string } | { state: 'tampered' | 'closed' };

export async function openKiosk(ctx: Ctx, token: string): Promise<KioskState> {
  const ref = readKioskToken(await surveySecret(ctx), token);
  if (!ref) {
    return { state: 'tampered' };
  }
  const survey = await surveys.findSurvey(ctx.db, ref.surveyId);
  if (!survey || !(await surveys.existingIds(ctx.db, 'units', [ref.unitId])).has(ref.unitId)) {
    return { state: 'tampered' };
  }
  if (!survey.active) {
    return { state: 'closed' };
  }
  return { state: 'open', survey, unitId: ref.unitId };
}

export type KioskOutcome =
  | { state: 'saved' | 'already' }
  | { state: 'invalid'; errors: FieldError[]; survey: surveys.SurveyRow; answers: Map<string, AnswerValue> }
  | { state: 'tampered' | 'closed' };

/** One submission at the kiosk: one completed response for the unit. The form's nonce makes a resubmission a no-op. */
export async function submitKiosk(
  ctx: Ctx,
  token: string,
  nonce: string,
  locale: 'ru' | 'en',
  raw: Readonly<Record<string, unknown>>,
  now = new Date(),
): Promise<KioskOutcome> {
  const opened = await openKiosk(ctx, token);
  if (opened.state !== 'open') {
    return opened;
  }
  const { survey, unitId } = opened;
  const { answers, errors } = checkAnswers(survey.questions, raw);
  const all = new Map(answers.map((a) => [a.questionId, a.value] as const));
  errors.push(...requiredErrors(missingRequired(survey.questions, all)));
  if (all.size === 0 && errors.length === 0) {
    errors.push({ path: 'answers', code: 'required', message: 'Answer at least one question' });
  }
  if (errors.length) {
    return { state: 'invalid', errors, survey, answers: all };
  }
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertInvitation(
      tx,
      {
        surveyId: survey.id,
        triggerId: null,
        source: 'kiosk',
        delivery: 'kiosk',
        status: 'completed',
        skipReason: null,
        customerId: null,
        contact: null,
        locale,
        appealId: null,
        eventId: null,
        unitId,
        staffId: null,
        categoryId: null,
        channel: 'in_person',
        scheduledAt: now,
        kioskNonce: nonce,
      },
      now,
    );
    if (!row) {
      return { state: 'already' as const };
    }
    await repo.markKioskCompleted(tx, row.id, now);
    await repo.upsertAnswers(tx, row.id, answers, now);
    await repo.writeIndexColumns(tx, row.id, indexColumns(survey.questions, all), 'completed', now);
    return { state: 'saved' as const };
  });
}
