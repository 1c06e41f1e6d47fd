// Queueing mail to customers: an agent's reply and the acknowledgement of a new appeal. Both are written in the
// caller's transaction (the outbox row and the thread's mail_messages row), so a rolled-back reply sends nothing.
// The mail_messages row of an outbound mail has verdict 'sent' meaning "written by Otklik"; whether it has been
// delivered is the outbox row's status. It exists from queue time so that the customer's answer threads by In-Reply-To.
import type { Ctx } from '../../../context.ts';
import type { Queryable } from '../../../db/db.ts';
import { newMessageId, parseAddress, referencesOf, type Address } from './addresses.ts';
import * as repo from './outbound.repo.ts';
import { firstNameOf, formatInstant, localeOfText, render, withNumberToken, type Locale } from './templates.ts';
import { templateFor } from './templates.service.ts';

export interface Delivery {
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  error: string | null;
  sentAt: string | null;
}

export interface ReplyInput {
  appealId: string;
  appealMessageId: string;
  /** The message's channel: only 'email' is mailed. */
  channel: string;
  body: string;
  authorId: string;
}

const fromOf = (mailbox: repo.MailboxRow | undefined, mailFrom: string): Address =>
  mailbox ? { address: mailbox.address, name: mailbox.displayName } : parseAddress(mailFrom);

const customerVars = (appeal: repo.AppealForMail, locale: Locale) => ({
  'customer.firstName': firstNameOf(appeal.customerName, locale),
  'appeal.number': appeal.number,
  'appeal.subject': appeal.subject,
  'appeal.dueAt': formatInstant(appeal.dueAt, locale, appeal.timeZone),
});

/**
 * Queues an agent's e-mail reply to the customer, when the message goes by e-mail and the customer has a real
 * address. Answers the delivery state to show on the message, or null when nothing is mailed.
 */
export async function queueReply(ctx: Ctx, tx: Queryable, input: ReplyInput): Promise<Delivery | null> {
  if (input.channel !== 'email') {
    return null;
  }
  const appeal = await repo.appealForMail(tx, input.appealId);
  if (!appeal?.customerEmail) {
    return null;
  }
  const parent = await repo.lastMailOf(tx, input.appealId);
  // The mailbox the customer wrote to answers them; else the default one; else .eml files from OTKLIK_MAIL_FROM.
  const mailbox =
    (parent?.mailboxId ? await repo.mailboxById(tx, parent.mailboxId) : undefined) ?? (await repo.defaultMailbox(tx));
  const from = fromOf(mailbox, ctx.config.mailFrom);
  const locale = localeOfText(input.body);
  const author = await repo.authorForMail(tx, input.authorId);
  const template = await templateFor(tx, 'reply', locale);
  const vars = {
    ...customerVars(appeal, locale),
    'agent.name': author?.name ?? '',
    body: input.body,
    signature: author?.signature?.trim() || author?.name || '',
  };
  await queue(tx, {
    appeal,
    mailbox,
    from,
    to: { address: appeal.customerEmail, name: appeal.customerName },
    subject: withNumberToken(render(template.subject, vars), appeal.number),
    text: render(template.body, vars),
    parent,
    appealMessageId: input.appealMessageId,
    template: 'reply',
    dedupeKey: null,
  });
  return { status: 'queued', attempts: 0, error: null, sentAt: null };
}

export interface AutoAckInput {
  appealId: string;
  mailboxId: string;
  /** The customer's address. */
  to: string;
  locale: Locale;
  /** The customer's mail being acknowledged, without angle brackets. */
  inReplyTo: string | null;
  references: readonly string[];
}

/** Queues the acknowledgement of a new appeal (its number, when we will answer); once per appeal. */
export async function queueAutoAck(tx: Queryable, input: AutoAckInput): Promise<{ queued: boolean }> {
  const appeal = await repo.appealForMail(tx, input.appealId);
  const mailbox = await repo.mailboxById(tx, input.mailboxId);
  if (!appeal || !mailbox) {
    return { queued: false };
  }
  const template = await templateFor(tx, 'auto_ack', input.locale);
  const vars = customerVars(appeal, input.locale);
  const parent = input.inReplyTo ? { messageId: input.inReplyTo, references: input.references } : undefined;
  const inserted = await queue(tx, {
    appeal,
    mailbox,
    from: fromOf(mailbox, ''),
    to: { address: input.to, name: appeal.customerName },
    subject: withNumberToken(render(template.subject, vars), appeal.number),
    text: render(template.body, vars),
    parent,
    appealMessageId: null,
    template: 'auto_ack',
    dedupeKey: `auto_ack:${appeal.id}`,
  });
  return { queued: inserted };
}

interface Outgoing {
  appeal: repo.AppealForMail;
  mailbox: repo.MailboxRow | undefined;
  from: Address;
  to: Address;
  subject: string;
  text: string;
  parent: { messageId: string; references: readonly string[] } | undefined;
  appealMessageId: string | null;
  template: string;
  dedupeKey: string | null;
}

async function queue(tx: Queryable, mail: Outgoing): Promise<boolean> {
  const { from, to, subject } = mail;
  const messageId = newMessageId(from.address);
  const references = referencesOf(mail.parent);
  const inReplyTo = mail.parent?.messageId ?? null;
  // Everything the sender needs is fixed now: a retry sends the same mail.
  const payload = {
    template: mail.template,
    appealId: mail.appeal.id,
    to: to.address,
    toName: to.name,
    from: from.address,
    fromName: from.name,
    subject,
    text: mail.text,
    inReplyTo,
    references,
  };
  const { inserted } = await repo.insertQueued(tx, {
    mailboxId: mail.mailbox?.id ?? null,
    appealId: mail.appeal.id,
    appealMessageId: mail.appealMessageId,
    messageId,
    inReplyTo,
    references,
    fromAddress: from.address,
    fromName: from.name,
    to: to.address,
    subject,
    payload,
    dedupeKey: mail.dedupeKey,
  });
  return inserted;
}

export interface SurveyInvitationInput {
  invitationId: string;
  appealId: string | null;
  to: string;
  toName: string | null;
  locale: Locale;
  link: string;
  deadlineAt: Date;
  timeZone: string;
  unitName: string | null;
}

/** Queues a survey invitation (the customer's signed answer link); once per invitation. */
export async function queueSurveyInvitation(
  ctx: Ctx,
  tx: Queryable,
  input: SurveyInvitationInput,
): Promise<{ queued: boolean }> {
  const mailbox = await repo.defaultMailbox(tx);
  const from = fromOf(mailbox, ctx.config.mailFrom);
  const template = await templateFor(tx, 'survey_invitation', input.locale);
  const vars = {
    'customer.firstName': firstNameOf(input.toName, input.locale),
    'survey.link': input.link,
    'survey.deadline': formatInstant(input.deadlineAt, input.locale, input.timeZone),
    'unit.name': input.unitName ?? '',
  };
  const subject = render(template.subject, vars).replace(/[\r\n]+/g, ' ');
  const text = render(template.body, vars);
  const messageId = newMessageId(from.address);
  const payload = {
    template: 'survey_invitation',
    invitationId: input.invitationId,
    appealId: input.appealId,
    to: input.to,
    toName: input.toName,
    from: from.address,
    fromName: from.name,
    subject,
    text,
    inReplyTo: null,
    references: [],
  };
  const { inserted } = await repo.insertQueued(tx, {
    mailboxId: mailbox?.id ?? null,
    appealId: input.appealId,
    appealMessageId: null,
    messageId,
    inReplyTo: null,
    references: [],
    fromAddress: from.address,
    fromName: from.name,
    to: input.to,
    subject,
    payload,
    dedupeKey: `survey_invitation:${input.invitationId}`,
  });
  return { queued: inserted };
}

export interface RenderedMailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  /** Set for an image the html shows as cid:… */
  cid?: string;
}

export interface RenderedStaffMail {
  to: string;
  toName: string;
  subject: string;
  text: string;
  html: string;
  attachments: readonly RenderedMailAttachment[];
  /** One mail per key, ever (e.g. one report per recipient and period). */
  dedupeKey: string;
}

/** Queues a fully rendered mail to a staff member (analytics reports), with html and attachments. */
export async function queueRenderedStaffMail(db: Queryable, mail: RenderedStaffMail): Promise<{ queued: boolean }> {
  const payload = {
    template: 'rendered',
    to: mail.to,
    toName: mail.toName,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: mail.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      cid: attachment.cid ?? null,
      contentBase64: attachment.content.toString('base64'),
    })),
  };
  return { queued: await repo.insertRenderedStaffMail(db, payload, mail.dedupeKey) };
}
