// Owns: putting a survey in a customer's way — the checks before an invitation is scheduled (a real contact,
// one survey per customer per N days) and sending a due one (its signed link by e-mail through the outbox, or
// as SMS text). Runs inside the caller's transaction.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { queueSurveyInvitation } from '../mail/outbound/queue.ts';
import * as invitations from './invitations.repo.ts';
import type { SurveyRow, TriggerRow } from './surveys.repo.ts';
import { invitationToken } from './tokens.ts';

export interface Candidate {
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
  appealId: string | null;
  eventId: string | null;
  unitId: string | null;
  staffId: string | null;
  categoryId: string | null;
  channel: string | null;
}

export type ScheduleOutcome = 'scheduled' | 'throttled' | 'no_contact';

/**
 * Schedules an invitation, or records why none was sent (no real contact, asked too recently): a skipped row
 * keeps the decision visible and never counts in the indices.
 */
export async function scheduleInvitation(tx: Queryable, c: Candidate, now: Date): Promise<ScheduleOutcome> {
  const outcome = await scheduleInvitationWithId(tx, c, now);
  return outcome.outcome;
}

export async function scheduleInvitationWithId(
  tx: Queryable,
  c: Candidate,
  now: Date,
): Promise<{ outcome: ScheduleOutcome; id: string }> {
  const delivery = c.trigger?.delivery ?? c.delivery ?? 'email';
  const throttleDays = c.trigger?.throttleDays ?? c.throttleDays ?? 0;
  const contact = delivery === 'email' ? c.customerEmail : c.customerPhone;
  let outcome: ScheduleOutcome = 'scheduled';
  if (!contact) {
    outcome = 'no_contact';
  } else {
    await invitations.lockCustomer(tx, c.customerId ?? contact);
    if (await invitations.askedRecently(tx, c.customerId, contact, throttleDays, now)) {
      outcome = 'throttled';
    }
  }
  const row = await invitations.insertInvitation(
    tx,
    {
      surveyId: c.survey.id,
      triggerId: c.trigger?.id ?? null,
      source: c.source,
      delivery,
      status: outcome === 'scheduled' ? 'scheduled' : 'skipped',
      skipReason: outcome === 'scheduled' ? null : outcome === 'throttled' ? 'throttled' : 'no_contact',
      customerId: c.customerId,
      contact,
      locale: c.locale,
      appealId: c.appealId,
      eventId: c.eventId,
      unitId: c.unitId,
      staffId: c.staffId,
      categoryId: c.categoryId,
      channel: c.channel,
      scheduledAt: new Date(now.getTime() + (c.trigger?.delayMinutes ?? 0) * 60_000),
    },
    now,
  );
  return { outcome, id: row!.id };
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
  inv: invitations.InvitationRow,
  answerWithinDays: number,
  secret: string,
  now: Date,
): Promise<{ link: string; deadlineAt: Date }> {
  const deadlineAt = new Date(now.getTime() + answerWithinDays * 86_400_000);
  const link = invitationLink(ctx, secret, inv.id, deadlineAt);
  if (inv.delivery === 'email' && inv.contact) {
    await queueSurveyInvitation(ctx, tx, {
      invitationId: inv.id,
      appealId: inv.appealId,
      to: inv.contact,
      toName: inv.customerName,
      locale: inv.locale,
      link,
      deadlineAt,
      timeZone: inv.unitTimeZone ?? (await invitations.defaultTimeZone(tx)),
      unitName: inv.unitName,
    });
  }
  await invitations.markSent(tx, inv.id, now, deadlineAt);
  return { link, deadlineAt };
}
