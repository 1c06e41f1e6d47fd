// Owns: putting a survey in a customer's way — the checks before an invitation is scheduled (a real contact,
// one survey per customer per N days) and sending a due one (its signed link by e-mail through the outbox, or
// as SMS text). Runs inside the caller's transaction.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { queueSurveyInvitation } from '../mail/outbound/queue.ts';
import { defaultTimeZone } from './contacts.repo.ts';
import * as invitations from './invitations.repo.ts';
import type { SurveyRow, TriggerRow } from './surveys.repo.ts';
import { invitationToken } from './tokens.ts';

export interface Candidate extends invitations.InvitationSubject {
  survey: Pick<SurveyRow, 'id' | 'answerWithinDays'>;
  trigger: Pick<TriggerRow, 'id' | 'delivery' | 'delayMinutes' | 'throttleDays'> | null;
  delivery?: 'email' | 'sms';
  throttleDays?: number;
  source: invitations.NewInvitation['source'];
  customerId: string | null;
  /** Real (not placeholder) contacts, normalised; null when there is none. */
  customerEmail: string | null;
  customerPhone: string | null;
  locale: 'ru' | 'en';
}

export type ScheduleOutcome = 'scheduled' | 'throttled' | 'no_contact';

/**
 * Schedules an invitation, or records why none was sent (no real contact, asked too recently): a skipped row
 * keeps the decision visible and never counts in the indices.
 */
export async function scheduleInvitation(tx: Queryable, candidate: Candidate, now: Date): Promise<ScheduleOutcome> {
  const scheduled = await scheduleInvitationWithId(tx, candidate, now);
  return scheduled.outcome;
}

export async function scheduleInvitationWithId(
  tx: Queryable,
  candidate: Candidate,
  now: Date,
): Promise<{ outcome: ScheduleOutcome; id: string }> {
  const { trigger, customerId } = candidate;
  const delivery = trigger?.delivery ?? candidate.delivery ?? 'email';
  const days = trigger?.throttleDays ?? candidate.throttleDays ?? 0;
  const contact = delivery === 'email' ? candidate.customerEmail : candidate.customerPhone;
  let outcome: ScheduleOutcome = 'scheduled';
  if (!contact) {
    outcome = 'no_contact';
  } else {
    await invitations.lockCustomer(tx, customerId ?? contact);
    if (await invitations.askedRecently(tx, { customerId, contact, days, now })) {
      outcome = 'throttled';
    }
  }
  const row = await invitations.insertInvitation(
    tx,
    {
      surveyId: candidate.survey.id,
      triggerId: trigger?.id ?? null,
      source: candidate.source,
      delivery,
      status: outcome === 'scheduled' ? 'scheduled' : 'skipped',
      skipReason: outcome === 'scheduled' ? null : outcome,
      customerId,
      contact,
      locale: candidate.locale,
      appealId: candidate.appealId,
      eventId: candidate.eventId,
      unitId: candidate.unitId,
      staffId: candidate.staffId,
      categoryId: candidate.categoryId,
      channel: candidate.channel,
      scheduledAt: new Date(now.getTime() + (trigger?.delayMinutes ?? 0) * 60_000),
    },
    now,
  );
  if (!row) {
    throw new Error('an invitation without a kiosk nonce is always inserted');
  }
  return { outcome, id: row.id };
}

export const invitationLink = (ctx: Ctx, secret: string, id: string, deadlineAt: Date): string =>
  `${ctx.config.publicUrl}/s/${invitationToken(secret, id, deadlineAt)}`;

export function smsText(locale: 'ru' | 'en', link: string): string {
  return locale === 'ru' ? `Оцените, пожалуйста, наше обслуживание: ${link}` : `Please rate our service: ${link}`;
}

/**
 * Sends a due invitation: the deadline starts now. E-mail goes through the outbox in this transaction; an SMS
 * invitation is marked sent with its text ready for the SMS gateway (GET /api/v1/surveys/invitations/:id).
 */
export async function sendInvitation(
  ctx: Ctx,
  tx: Queryable,
  due: { invitation: invitations.InvitationRow; answerWithinDays: number; secret: string; now: Date },
): Promise<{ link: string; deadlineAt: Date }> {
  const { invitation, now } = due;
  const deadlineAt = new Date(now.getTime() + due.answerWithinDays * 86_400_000);
  const link = invitationLink(ctx, due.secret, invitation.id, deadlineAt);
  if (invitation.delivery === 'email' && invitation.contact) {
    await queueSurveyInvitation(ctx, tx, {
      invitationId: invitation.id,
      appealId: invitation.appealId,
      to: invitation.contact,
      toName: invitation.customerName,
      locale: invitation.locale,
      link,
      deadlineAt,
      timeZone: invitation.unitTimeZone ?? (await defaultTimeZone(tx)),
      unitName: invitation.unitName,
    });
  }
  await invitations.markSent(tx, invitation.id, now, deadlineAt);
  return { link, deadlineAt };
}
