// Owns: the life of invitations — created by triggers (appeal resolved, purchases) or by hand, sent when due,
// closed as silent past their deadline. The supervisor's view of responses is in responses.service.ts.
import type { Ctx } from '../../context.ts';
import { type FieldError, forbidden, invalidField, notFound, validationFailed } from '../../server/errors.ts';
import { type Actor, canSeeUnit } from '../auth/actor.ts';
import { enqueue } from '../../jobs/jobs.service.ts';
import type { Queryable } from '../../db/db.ts';
import { nudgeOutbox } from '../mail/outbound/sender.ts';
import { localeOfText } from '../mail/outbound/templates.ts';
import * as contacts from './contacts.repo.ts';
import * as repo from './invitations.repo.ts';
import { type Candidate, invitationLink, scheduleInvitationWithId, sendInvitation, smsText } from './schedule.ts';
import { surveySecret } from './secret.ts';
import { authorizeSurvey } from './surveys.access.ts';
import * as surveys from './surveys.repo.ts';
import type { CreateInvitationInput } from './surveys.schema.ts';
import { realContact, requireActiveSurvey } from './surveys.service.ts';

const DISPATCH_BATCH = 200;

/** Called where an appeal changes, in its transaction: a job surveys the customer once the change commits. */
export async function onAppealStatusChanged(
  tx: Queryable,
  before: { id: string; status: string },
  after: { status: string },
): Promise<void> {
  if (after.status !== 'resolved' || before.status === 'resolved') {
    return;
  }
  // Once per appeal: resolving it again after a reopening does not survey the customer twice.
  await enqueue(tx, [
    {
      kind: 'surveys.appeal_resolved',
      payload: { appealId: before.id },
      dedupeKey: `surveys.appeal_resolved:${before.id}`,
    },
  ]);
}

/** The job: schedules the surveys whose 'appeal_resolved' triggers apply to the appeal's unit. */
export async function surveyResolvedAppeal(ctx: Ctx, appealId: string, now: Date): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const appeal = await contacts.appealForSurvey(tx, appealId);
    if (!appeal) {
      return;
    }
    for (const trigger of await surveys.triggersFor(tx, 'appeal_resolved', appeal.unitId)) {
      await scheduleInvitationWithId(
        tx,
        {
          survey: trigger.survey,
          trigger,
          source: 'appeal_resolved',
          customerId: appeal.customerId,
          customerEmail: appeal.email,
          customerPhone: appeal.phone,
          locale: localeOfText(`${appeal.subject} ${appeal.description}`),
          appealId: appeal.id,
          eventId: null,
          unitId: appeal.unitId,
          staffId: appeal.ownerId,
          categoryId: appeal.categoryId,
          channel: appeal.channel,
        },
        now,
      );
    }
  });
}

/** The recurring job: sends due invitations in batches, then closes those past their deadline as silent or lapsed. */
export async function dispatchSurveys(ctx: Ctx, now: Date): Promise<{ sent: number; silent: number; lapsed: number }> {
  const secret = await surveySecret(ctx);
  let sent = 0;
  for (;;) {
    const batch = await ctx.db.transaction(async (tx) => {
      const due = await repo.claimDue(tx, now, DISPATCH_BATCH);
      const daysOf = answerWithinDaysOf(tx);
      for (const invitation of due) {
        const answerWithinDays = await daysOf(invitation.surveyId);
        await sendInvitation(ctx, tx, { invitation, answerWithinDays, secret, now });
      }
      return due.length;
    });
    sent += batch;
    if (batch < DISPATCH_BATCH) {
      break;
    }
  }
  if (sent) {
    nudgeOutbox(ctx);
  }
  const closed = await repo.closePastDeadline(ctx.db, now);
  return { sent, ...closed };
}

/** The days to answer of each survey, read once per survey. */
function answerWithinDaysOf(tx: Queryable): (surveyId: string) => Promise<number> {
  const days = new Map<string, number>();
  return async (surveyId) => {
    let answerWithinDays = days.get(surveyId);
    if (answerWithinDays === undefined) {
      const survey = await surveys.findSurvey(tx, surveyId);
      if (!survey) {
        throw new Error(`survey ${surveyId} of a due invitation is gone`);
      }
      answerWithinDays = survey.answerWithinDays;
      days.set(surveyId, answerWithinDays);
    }
    return answerWithinDays;
  };
}

async function presentInvitation(ctx: Ctx, invitation: repo.InvitationRow) {
  const link =
    invitation.deadlineAt && invitation.status !== 'skipped'
      ? invitationLink(ctx, await surveySecret(ctx), invitation.id, invitation.deadlineAt)
      : null;
  return {
    id: invitation.id,
    surveyId: invitation.surveyId,
    status: invitation.status,
    skipReason: invitation.skipReason,
    delivery: invitation.delivery,
    contact: invitation.contact,
    sentAt: invitation.sentAt?.toISOString() ?? null,
    deadlineAt: invitation.deadlineAt?.toISOString() ?? null,
    link,
    smsText: link && invitation.delivery === 'sms' ? smsText(invitation.locale, link) : null,
  };
}

/** A survey sent by hand to one customer: at once, unless they have no real contact or were asked recently. */
export async function inviteByHand(ctx: Ctx, actor: Actor, surveyId: string, input: CreateInvitationInput) {
  authorizeSurvey(actor, 'invite');
  const survey = await requireActiveSurvey(ctx, surveyId);
  const candidate = await handCandidate(ctx, actor, { ...input, survey });
  const now = ctx.clock.now();
  const secret = await surveySecret(ctx);
  const invitation = await ctx.db.transaction(async (tx) => {
    const { outcome, id } = await scheduleInvitationWithId(tx, candidate, now);
    const scheduled = await repo.invitationJustWritten(tx, id, true);
    if (outcome === 'scheduled') {
      const answerWithinDays = survey.answerWithinDays;
      await sendInvitation(ctx, tx, { invitation: scheduled, answerWithinDays, secret, now });
    }
    return repo.invitationJustWritten(tx, id);
  });
  nudgeOutbox(ctx);
  return presentInvitation(ctx, invitation);
}

/**
 * Whom a survey sent by hand goes to: the contacts given, else the customer's, else the appeal's; the appeal's
 * unit, owner, category and channel unless given. Every id named must exist and the appeal be the actor's to see.
 */
async function handCandidate(
  ctx: Ctx,
  actor: Actor,
  input: CreateInvitationInput & { survey: Candidate['survey'] },
): Promise<Candidate> {
  const errors: FieldError[] = [];
  let email = realContact('email', input.email, 'email', errors);
  let phone = realContact('phone', input.phone, 'phone', errors);
  if (errors.length) {
    throw validationFailed(errors);
  }
  const appeal = input.appealId ? await contacts.appealForSurvey(ctx.db, input.appealId) : undefined;
  if (input.appealId && !appeal) {
    throw invalidField('appealId', 'unknown_appeal', 'This appeal does not exist');
  }
  if (appeal && !canSeeUnit(actor, appeal.unitId)) {
    throw forbidden('You may not survey about this appeal');
  }
  if (input.customerId) {
    const known = await contacts.customerContacts(ctx.db, input.customerId);
    if (!known) {
      throw invalidField('customerId', 'unknown_customer', 'This customer does not exist');
    }
    email ??= known.email;
    phone ??= known.phone;
  }
  for (const [path, table, id] of [
    ['unitId', 'units', input.unitId],
    ['staffId', 'users', input.staffId],
  ] as const) {
    if (id && !(await surveys.existingIds(ctx.db, table, [id])).has(id)) {
      throw invalidField(path, 'unknown', `${path} names nothing that exists`);
    }
  }
  return {
    survey: input.survey,
    trigger: null,
    delivery: input.delivery,
    throttleDays: input.throttleDays,
    source: 'manual',
    customerId: input.customerId ?? appeal?.customerId ?? null,
    customerEmail: email ?? appeal?.email ?? null,
    customerPhone: phone ?? appeal?.phone ?? null,
    locale: input.locale,
    appealId: appeal?.id ?? null,
    eventId: null,
    unitId: input.unitId ?? appeal?.unitId ?? null,
    staffId: input.staffId ?? appeal?.ownerId ?? null,
    categoryId: appeal?.categoryId ?? null,
    channel: appeal?.channel ?? null,
  };
}

export async function getInvitation(ctx: Ctx, actor: Actor, id: string) {
  authorizeSurvey(actor, 'invite');
  const invitation = await repo.findInvitation(ctx.db, id);
  if (!invitation || !canSeeUnit(actor, invitation.unitId)) {
    throw notFound('Invitation');
  }
  return presentInvitation(ctx, invitation);
}
