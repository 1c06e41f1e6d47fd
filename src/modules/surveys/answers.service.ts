// Owns: the customer's side — reading a signed link, saving answers as they come (each question keeps one
// answer, its latest), completing (which closes the link), and the kiosk's one-shot submissions.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import type { FieldError } from '../../server/errors.ts';
import * as repo from './invitations.repo.ts';
import { checkKioskLink, type KioskLinkClosed } from './kiosk-links.service.ts';
import { type AnswerValue, type Question, checkAnswer, indexColumns, isBlank, missingRequired } from './questions.ts';
import { surveySecret } from './secret.ts';
import * as surveys from './surveys.repo.ts';
import { readInvitationToken } from './tokens.ts';

export type ClosedReason = 'tampered' | 'expired' | 'used' | 'closed';

/** A signed link's page open for answers, with the answers given so far. */
export interface OpenPage {
  state: 'open';
  invitationId: string;
  survey: surveys.SurveyRow;
  locale: 'ru' | 'en';
  answers: Map<string, AnswerValue>;
}

export type PageState = OpenPage | { state: ClosedReason; locale: 'ru' | 'en' | null };

export type SaveOutcome =
  | { state: 'saved'; completed: boolean }
  | { state: 'invalid'; errors: FieldError[]; page: OpenPage }
  | { state: ClosedReason; locale: 'ru' | 'en' | null };

const OPEN = new Set<repo.InvitationStatus>(['sent', 'answering']);

/** Why an invitation's page cannot be used now, or null when it is open for answers. */
function closedReason(invitation: repo.InvitationRow, now: Date): ClosedReason | null {
  const { status, deadlineAt } = invitation;
  if (status === 'skipped' || status === 'scheduled' || invitation.delivery === 'kiosk') {
    return 'tampered';
  }
  if (status === 'completed') {
    return 'used';
  }
  if (!OPEN.has(status) || !deadlineAt || deadlineAt.getTime() <= now.getTime()) {
    return 'expired';
  }
  return null;
}

/** The page of a signed link: open with the answers given so far, or why it is closed. */
export async function openInvitation(ctx: Ctx, token: string): Promise<PageState> {
  const now = ctx.clock.now();
  const check = readInvitationToken(await surveySecret(ctx), token, now);
  if (!check.ok) {
    const expired = check.reason === 'expired' ? await repo.findInvitation(ctx.db, check.invitationId) : undefined;
    return { state: expired?.status === 'completed' ? 'used' : check.reason, locale: expired?.locale ?? null };
  }
  const invitation = await repo.findInvitation(ctx.db, check.invitationId);
  if (!invitation) {
    return { state: 'tampered', locale: null };
  }
  const reason = closedReason(invitation, now);
  if (reason) {
    return { state: reason, locale: invitation.locale };
  }
  return {
    state: 'open',
    invitationId: invitation.id,
    survey: await surveys.surveyOf(ctx.db, invitation.surveyId),
    locale: invitation.locale,
    answers: (await repo.answersOf(ctx.db, invitation.id)) as Map<string, AnswerValue>,
  };
}

/** Checks raw answers keyed by question id; blanks are skipped, unknown ids and bad values named. */
export function checkAnswers(
  questions: readonly Question[],
  raw: Readonly<Record<string, unknown>>,
): { answers: { questionId: string; value: AnswerValue }[]; errors: FieldError[] } {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const answers: { questionId: string; value: AnswerValue }[] = [];
  const errors: FieldError[] = [];
  for (const [id, value] of Object.entries(raw)) {
    const question = byId.get(id);
    if (!question) {
      errors.push({ path: `answers.${id}`, code: 'unknown_question', message: `This survey has no question "${id}"` });
      continue;
    }
    if (isBlank(value)) {
      continue;
    }
    const checked = checkAnswer(question, value);
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

/** Answers sent from a signed link: with `complete`, the customer pressed Send (else the page saved as they went). */
export interface AnswersSent {
  token: string;
  answers: Readonly<Record<string, unknown>>;
  complete: boolean;
}

/**
 * Saves answers to an invitation; with `complete` also closes it (all required questions answered). Nothing is
 * written when any answer is invalid, nor for a link already used, expired or not ours.
 */
export async function saveAnswers(ctx: Ctx, sent: AnswersSent): Promise<SaveOutcome> {
  const now = ctx.clock.now();
  const check = readInvitationToken(await surveySecret(ctx), sent.token, now);
  if (!check.ok) {
    return { state: check.reason, locale: null };
  }
  return ctx.db.transaction(async (tx): Promise<SaveOutcome> => {
    const invitation = await repo.findInvitation(tx, check.invitationId, true);
    if (!invitation) {
      return { state: 'tampered', locale: null };
    }
    const reason = closedReason(invitation, now);
    if (reason) {
      return { state: reason, locale: invitation.locale };
    }
    const survey = await surveys.surveyOf(tx, invitation.surveyId);
    const { answers, errors } = checkAnswers(survey.questions, sent.answers);
    const stored = (await repo.answersOf(tx, invitation.id)) as Map<string, AnswerValue>;
    const all = new Map([...stored, ...answers.map((answer) => [answer.questionId, answer.value] as const)]);
    if (sent.complete) {
      errors.push(...requiredErrors(missingRequired(survey.questions, all)));
    }
    if (errors.length) {
      const page: OpenPage = {
        state: 'open',
        invitationId: invitation.id,
        survey,
        locale: invitation.locale,
        answers: all,
      };
      return { state: 'invalid', errors, page };
    }
    await repo.upsertAnswers(tx, invitation.id, answers, now);
    const status: repo.InvitationStatus = sent.complete ? 'completed' : all.size > 0 ? 'answering' : invitation.status;
    if (answers.length || sent.complete) {
      const columns = indexColumns(survey.questions, all);
      await repo.writeIndexColumns(tx, { id: invitation.id, columns, status, now });
    }
    return { state: 'saved', completed: sent.complete };
  });
}

/** Why a kiosk page cannot take answers: its link (forged, expired, revoked), or the survey has ended. */
export type KioskClosed = KioskLinkClosed | 'closed';

export type KioskState = { state: 'open'; survey: surveys.SurveyRow; unitId: string } | { state: KioskClosed };

/** A kiosk page: open while its link is live and its survey active; `db` and `lock` as in checkKioskLink. */
export async function openKiosk(ctx: Ctx, token: string, db: Queryable = ctx.db, lock = false): Promise<KioskState> {
  const link = await checkKioskLink(ctx, db, token, lock);
  if (link.state !== 'live') {
    return link;
  }
  const survey = await surveys.findSurvey(db, link.surveyId);
  if (!survey) {
    return { state: 'tampered' };
  }
  if (!survey.active) {
    return { state: 'closed' };
  }
  return { state: 'open', survey, unitId: link.unitId };
}

export type KioskOutcome =
  | { state: 'saved' | 'already' }
  | { state: 'invalid'; errors: FieldError[]; survey: surveys.SurveyRow; answers: Map<string, AnswerValue> }
  | { state: KioskClosed };

/** A form sent from a kiosk: its page's nonce, the language it was shown in, and the answers. */
export interface KioskSubmission {
  token: string;
  nonce: string;
  locale: 'ru' | 'en';
  answers: Readonly<Record<string, unknown>>;
}

/** One submission at the kiosk: one completed response for the unit. The form's nonce makes a resubmission a no-op. */
export async function submitKiosk(ctx: Ctx, submission: KioskSubmission): Promise<KioskOutcome> {
  const opened = await openKiosk(ctx, submission.token);
  if (opened.state !== 'open') {
    return opened;
  }
  const { survey, unitId } = opened;
  const { answers, errors } = checkAnswers(survey.questions, submission.answers);
  const all = new Map(answers.map((answer) => [answer.questionId, answer.value] as const));
  errors.push(...requiredErrors(missingRequired(survey.questions, all)));
  if (all.size === 0 && errors.length === 0) {
    errors.push({ path: 'answers', code: 'required', message: 'Answer at least one question' });
  }
  if (errors.length) {
    return { state: 'invalid', errors, survey, answers: all };
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx): Promise<KioskOutcome> => {
    // Checked again under a lock: a link revoked while the form was being checked takes nothing.
    const still = await openKiosk(ctx, submission.token, tx, true);
    if (still.state !== 'open') {
      return still;
    }
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
        locale: submission.locale,
        appealId: null,
        eventId: null,
        unitId,
        staffId: null,
        categoryId: null,
        channel: 'in_person',
        scheduledAt: now,
        kioskNonce: submission.nonce,
      },
      now,
    );
    if (!row) {
      return { state: 'already' as const };
    }
    await repo.markKioskCompleted(tx, row.id, now);
    await repo.upsertAnswers(tx, row.id, answers, now);
    const columns = indexColumns(survey.questions, all);
    await repo.writeIndexColumns(tx, { id: row.id, columns, status: 'completed', now });
    return { state: 'saved' as const };
  });
}
