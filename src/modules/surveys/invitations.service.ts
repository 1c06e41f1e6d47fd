// Owns: the life of invitations — created by triggers (appeal resolved, purchases) or by hand, sent when due,
// closed as silent past their deadline — and the supervisor's view of responses with their qualification.
import type { Ctx } from '../../context.ts';
import { AppError, type FieldError, forbidden, invalidField, notFound } from '../../server/errors.ts';
import { type Actor, canSeeUnit } from '../auth/actor.ts';
import { enqueue } from '../../jobs/jobs.service.ts';
import type { Queryable } from '../../db/db.ts';
import { nudgeOutbox } from '../mail/outbound/sender.ts';
import { localeOfText } from '../mail/outbound/templates.ts';
import * as repo from './invitations.repo.ts';
import { type Candidate, invitationLink, scheduleInvitationWithId, sendInvitation, smsText } from './schedule.ts';
import { surveySecret } from './secret.ts';
import { authorizeSurvey, unitsInScope } from './surveys.access.ts';
import * as surveys from './surveys.repo.ts';
import type { CreateInvitationInput, QualifyInput, ResponseQueryInput } from './surveys.schema.ts';
import { realContact, requireActiveSurvey } from './surveys.service.ts';
import { kioskToken } from './tokens.ts';

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
    const appeal = await repo.appealForSurvey(tx, appealId);
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
      const days = new Map<string, number>();
      for (const inv of due) {
        if (!days.has(inv.surveyId)) {
          days.set(inv.surveyId, (await surveys.findSurvey(tx, inv.surveyId))!.answerWithinDays);
        }
        await sendInvitation(ctx, tx, inv, days.get(inv.surveyId)!, secret, now);
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

async function presentInvitation(ctx: Ctx, inv: repo.InvitationRow) {
  const link =
    inv.deadlineAt && inv.status !== 'skipped'
      ? invitationLink(ctx, await surveySecret(ctx), inv.id, inv.deadlineAt)
      : null;
  return {
    id: inv.id,
    surveyId: inv.surveyId,
    status: inv.status,
    skipReason: inv.skipReason,
    delivery: inv.delivery,
    contact: inv.contact,
    sentAt: inv.sentAt?.toISOString() ?? null,
    deadlineAt: inv.deadlineAt?.toISOString() ?? null,
    link,
    smsText: link && inv.delivery === 'sms' ? smsText(inv.locale, link) : null,
  };
}

/** A survey sent by hand to one customer: at once, unless they have no real contact or were asked recently. */
export async function inviteByHand(
  ctx: Ctx,
  actor: Actor,
  surveyId: string,
  input: CreateInvitationInput,
  now = new Date(),
) {
  authorizeSurvey(actor, 'invite');
  const survey = await requireActiveSurvey(ctx, surveyId);
  const errors: FieldError[] = [];
  let email = realContact('email', input.email, 'email', errors);
  let phone = realContact('phone', input.phone, 'phone', errors);
  if (errors.length) {
    throw new AppError('validation_failed', errors[0]!.message, errors);
  }
  const appeal = input.appealId ? await repo.appealForSurvey(ctx.db, input.appealId) : undefined;
  if (input.appealId && !appeal) {
    throw invalidField('appealId', 'unknown_appeal', 'This appeal does not exist');
  }
  if (appeal && !canSeeUnit(actor, appeal.unitId)) {
    throw forbidden('You may not survey about this appeal');
  }
  const customerId = input.customerId ?? appeal?.customerId ?? null;
  if (input.customerId) {
    const contacts = await repo.customerContacts(ctx.db, input.customerId);
    if (!contacts) {
      throw invalidField('customerId', 'unknown_customer', 'This customer does not exist');
    }
    email ??= contacts.email;
    phone ??= contacts.phone;
  }
  email ??= appeal?.email ?? null;
  phone ??= appeal?.phone ?? null;
  for (const [path, table, id] of [
    ['unitId', 'units', input.unitId],
    ['staffId', 'users', input.staffId],
  ] as const) {
    if (id && !(await surveys.existingIds(ctx.db, table, [id])).has(id)) {
      throw invalidField(path, 'unknown', `${path} names nothing that exists`);
    }
  }
  const candidate: Candidate = {
    survey,
    trigger: null,
    delivery: input.delivery,
    throttleDays: input.throttleDays,
    source: 'manual',
    customerId,
    customerEmail: email,
    customerPhone: phone,
    locale: input.locale,
    appealId: appeal?.id ?? null,
    eventId: null,
    unitId: input.unitId ?? appeal?.unitId ?? null,
    staffId: input.staffId ?? appeal?.ownerId ?? null,
    categoryId: appeal?.categoryId ?? null,
    channel: appeal?.channel ?? null,
  };
  const secret = await surveySecret(ctx);
  const inv = await ctx.db.transaction(async (tx) => {
    const { outcome, id } = await scheduleInvitationWithId(tx, candidate, now);
    const row = (await repo.findInvitation(tx, id, true))!;
    if (outcome === 'scheduled') {
      await sendInvitation(ctx, tx, row, survey.answerWithinDays, secret, now);
    }
    return (await repo.findInvitation(tx, id))!;
  });
  nudgeOutbox(ctx);
  return presentInvitation(ctx, inv);
}

export async function getInvitation(ctx: Ctx, actor: Actor, id: string) {
  authorizeSurvey(actor, 'invite');
  const inv = await repo.findInvitation(ctx.db, id);
  if (!inv || !canSeeUnit(actor, inv.unitId)) {
    throw notFound('Invitation');
  }
  return presentInvitation(ctx, inv);
}

/** The address a tablet at the unit's desk opens: every submission there is one response for that unit. */
export async function kioskLink(ctx: Ctx, actor: Actor, surveyId: string, unitId: string) {
  authorizeSurvey(actor, 'kiosk');
  await requireActiveSurvey(ctx, surveyId);
  if (!canSeeUnit(actor, unitId)) {
    throw forbidden('You may open a kiosk only for your own units');
  }
  if (!(await surveys.existingIds(ctx.db, 'units', [unitId])).has(unitId)) {
    throw invalidField('unitId', 'unknown_unit', 'This unit does not exist');
  }
  return {
    url: `${ctx.config.publicUrl}/s/kiosk/${kioskToken(await surveySecret(ctx), surveyId, unitId)}`,
    surveyId,
    unitId,
  };
}

const dayOrInstant = (s: string | undefined) => (s ? new Date(s.length === 10 ? `${s}T00:00:00Z` : s) : undefined);

export async function listResponses(ctx: Ctx, actor: Actor, q: ResponseQueryInput) {
  authorizeSurvey(actor, 'read');
  const rows = await repo.listResponses(ctx.db, {
    negative: q.negative,
    qualified: q.qualified,
    unitIds: unitsInScope(actor, q.unitId),
    surveyId: q.surveyId,
    from: dayOrInstant(q.from),
    to: dayOrInstant(q.to),
    limit: q.limit,
  });
  return rows.map(presentResponse);
}

const presentResponse = (r: repo.ResponseRow) => ({
  ...r,
  sentAt: r.sentAt?.toISOString() ?? null,
  completedAt: r.completedAt?.toISOString() ?? null,
  qualifiedAt: r.qualifiedAt?.toISOString() ?? null,
});

/**
 * Qualifies a response's negative answers by their cause (null clears it). Only answers can be qualified: a
 * silent customer said nothing to qualify, and a wholly positive response has nothing negative in it.
 */
export async function qualifyResponse(ctx: Ctx, actor: Actor, id: string, input: QualifyInput) {
  authorizeSurvey(actor, 'qualify');
  await ctx.db.transaction(async (tx) => {
    const target = await repo.findForQualification(tx, id);
    if (!target || !canSeeUnit(actor, target.unitId)) {
      throw notFound('Response');
    }
    if (!['answering', 'completed', 'lapsed'].includes(target.status)) {
      throw invalidField('qualification', 'not_answered', 'Only answered surveys can be qualified');
    }
    if (!target.negative && input.qualification !== null) {
      throw invalidField('qualification', 'not_negative', 'This response has no negative answer to qualify');
    }
    await repo.qualify(tx, id, { qualification: input.qualification, note: input.note, by: actor.id });
  });
  const [row] = await repo.listResponses(ctx.db, { id, unitIds: null, limit: 1 });
  return presentResponse(row!);
}
