// Mail in: every received mail is kept (raw source in the content store, a record keyed by Message-ID, its text
// stripped of what PostgreSQL text cannot hold), then becomes a new appeal, joins the thread it answers, or — an
// auto-reply, a bounce, our own mail coming back — is only recorded. The same mail delivered twice (SMTP retry,
// IMAP re-poll, two recipients) is stored once.
import type { Ctx } from '../../context.ts';
import { updateAppeal } from '../appeals/appeals.changes.ts';
import { addMessageIn } from '../appeals/appeals.thread.ts';
import type { CreateAppealInput } from '../appeals/appeals.schema.ts';
import { publishAppealEvents } from '../events/events.service.ts';
import { storableText } from '../../server/text-guard.ts';
import { attachAll, type File, filesOf, keepRaw, type Raw } from './inbound-files.ts';
import * as repo from './inbound.repo.ts';
import { storableMail } from './inbound-text.ts';
import { createFromMail, MAIL_ACTOR, threadFor, UNKNOWN_SENDER } from './mail-appeals.ts';
import { activeMailboxes, type MailboxRow } from './mailboxes.service.ts';
import { queueAutoAck } from './outbound/queue.ts';
import { nudgeOutbox } from './outbound/sender.ts';
import { classifyMail, type ParsedMail, parseMail, splitReply } from './parse/index.ts';

const SUBJECT_MAX = 500;
const TEXT_MAX = 50_000;

export type Verdict = 'appeal' | 'reply' | 'auto_reply' | 'bounce' | 'loop' | 'unparsed' | 'duplicate';

export interface Received {
  verdict: Verdict;
  mailId: string | null;
  appealId: string | null;
}

/** A mail being received: what was parsed of it, where it came, and how it is known. */
interface Arrival {
  mailbox: MailboxRow;
  mail: ParsedMail;
  messageId: string;
  raw: Raw;
  split: ReturnType<typeof splitReply>;
}

/** What becomes of a mail that is not refused: its files, the problems met keeping them, and the text of it. */
interface Content {
  files: File[];
  problems: string[];
  body: string;
}

/** Stores one received mail for a mailbox. Throws only when the mail could not be kept (the sender should retry). */
export async function receiveMail(ctx: Ctx, mailbox: MailboxRow, bytes: Buffer): Promise<Received> {
  const raw = await keepRaw(ctx, bytes);
  let mail: ParsedMail | null = null;
  let parseError = '';
  try {
    mail = storableMail(await parseMail(bytes));
  } catch (err) {
    parseError = storableText(err instanceof Error ? err.message : String(err));
  }
  // Without a Message-ID the bytes themselves identify the mail: the same delivery twice is still stored once.
  const messageId = mail?.messageId ?? `${raw.sha256}@otklik.no-message-id`;
  if (await repo.exists(ctx.db, messageId)) {
    return { verdict: 'duplicate', mailId: null, appealId: null };
  }
  if (!mail) {
    return unparsed(ctx, { mailbox, bytes, raw, messageId, error: parseError });
  }
  const arrival: Arrival = { mailbox, mail, messageId, raw, split: splitReply(mail.text) };
  const verdict = classifyMail(mail, { addresses: await ownAddresses(ctx) });
  if (verdict) {
    const mailId = await repo.insertOnce(ctx.db, mailRecord(arrival, { verdict }));
    return { verdict: mailId ? verdict : 'duplicate', mailId, appealId: null };
  }
  const thread = await threadFor(ctx.db, mail);
  const { files, problems } = filesOf(ctx, mail);
  const body = arrival.split.text || mail.text.trim() || (files.length ? '(вложения без текста)' : '(пустое письмо)');
  if (thread && thread.status !== 'closed') {
    return joinThread(ctx, arrival, thread.id, { files, problems, body });
  }
  return openAppeal(ctx, arrival, { followUp: Boolean(thread) }, { files, problems, body });
}

/** The record of a received mail: what it was judged to be, and the appeal and message it became, if any. */
function mailRecord(
  { mailbox, mail, messageId, raw, split }: Arrival,
  outcome: { verdict: string; appealId?: string; appealMessageId?: string; problems?: string[] },
): repo.NewMail {
  const problems = outcome.problems ?? [];
  return {
    mailboxId: mailbox.id,
    messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    appealId: outcome.appealId ?? null,
    appealMessageId: outcome.appealMessageId ?? null,
    verdict: outcome.verdict,
    parseError: problems.length ? problems.join('\n') : null,
    fromAddress: mail.from?.address ?? null,
    fromName: mail.from?.name ?? null,
    to: [...mail.to, ...mail.cc],
    subject: mail.subject || null,
    quoted: split.quoted,
    signature: split.signature,
    html: mail.html,
    rawSha256: raw.sha256,
    rawSize: raw.size,
  };
}

/** A reply to an open appeal: a message in its thread, with its record and files, in one transaction. */
async function joinThread(ctx: Ctx, arrival: Arrival, appealId: string, content: Content): Promise<Received> {
  // The reply, its record and its files are one transaction: a crash leaves nothing, and the retry stores it all.
  const stored = await ctx.db
    .transaction(async (tx) => {
      const { message, appeal } = await addMessageIn({
        ctx,
        tx,
        actor: MAIL_ACTOR,
        appealId,
        input: { direction: 'inbound', channel: 'email', body: clip(content.body, 100_000) },
      });
      const { problems } = content;
      const mailId = await repo.insertOnce(
        tx,
        mailRecord(arrival, { verdict: 'reply', appealId, appealMessageId: message.id, problems }),
      );
      if (!mailId) {
        throw new DuplicateMail();
      }
      await attachAll(ctx, tx, { appealId, messageId: message.id, files: content.files, problems });
      return { mailId, appeal };
    })
    .catch((err) => (err instanceof DuplicateMail ? null : Promise.reject(err)));
  if (stored) {
    publishAppealEvents(ctx, [stored.appeal], 'message');
  }
  return { verdict: stored ? 'reply' : 'duplicate', mailId: stored?.mailId ?? null, appealId };
}

/**
 * A new appeal from a mail (a follow-up when it answers a closed one). The Message-ID is its idempotency key, so
 * a retry after a crash finds the same appeal.
 */
async function openAppeal(
  ctx: Ctx,
  arrival: Arrival,
  { followUp }: { followUp: boolean },
  content: Content,
): Promise<Received> {
  const { mailbox, mail, messageId } = arrival;
  const input: CreateAppealInput = {
    kind: mailbox.kind as CreateAppealInput['kind'],
    channel: 'email',
    priority: 'normal',
    subject: clip(mail.subject.trim() || '(без темы)', SUBJECT_MAX),
    description: clip(content.body, TEXT_MAX),
    unitId: mailbox.unitId ?? undefined,
    receivedAt: receivedAt(mail.date, ctx.clock.now()),
    customer: mail.from
      ? { email: mail.from.address, ...(mail.from.name ? { name: clip(mail.from.name, 200) } : {}) }
      : { name: UNKNOWN_SENDER },
    tags: followUp ? ['follow_up'] : [],
    customFields: {},
    attachmentIds: [],
  };
  const appeal = await createFromMail(ctx, input, messageId);
  const { files, problems } = content;
  const mailId = await ctx.db.transaction(async (tx) => {
    const id = await repo.insertOnce(tx, mailRecord(arrival, { verdict: 'appeal', appealId: appeal.id, problems }));
    if (!id) {
      return null;
    }
    await attachAll(ctx, tx, { appealId: appeal.id, messageId: null, files, problems });
    if (mailbox.autoAck && mail.from) {
      await queueAutoAck(tx, {
        appealId: appeal.id,
        mailboxId: mailbox.id,
        to: mail.from.address,
        locale: languageOf(`${mail.subject}\n${mail.text}`),
        inReplyTo: messageId,
        references: mail.references,
      });
    }
    return id;
  });
  if (mailId && mailbox.autoAck) {
    nudgeOutbox(ctx);
  }
  if (mailId && mailbox.queueId) {
    await updateAppeal(ctx, MAIL_ACTOR, appeal.id, { queueId: mailbox.queueId });
  }
  return { verdict: mailId ? 'appeal' : 'duplicate', mailId, appealId: appeal.id };
}

class DuplicateMail extends Error {}

/** A mail nothing could be read from: an appeal that says so, with the raw source kept for a person to open. */
async function unparsed(
  ctx: Ctx,
  {
    mailbox,
    bytes,
    raw,
    messageId,
    error,
  }: { mailbox: MailboxRow; bytes: Buffer; raw: Raw; messageId: string; error: string },
): Promise<Received> {
  const head = bytes.subarray(0, 64 * 1024).toString('latin1');
  const from = /^From:.*?([^\s<>"\0]+@[^\s<>"\0]+)/im.exec(head)?.[1]?.toLowerCase();
  const input: CreateAppealInput = {
    kind: mailbox.kind as CreateAppealInput['kind'],
    channel: 'email',
    priority: 'normal',
    subject: '(письмо не удалось разобрать)',
    description: `Письмо не удалось разобрать: ${error}. Исходный текст письма сохранён (${raw.size} байт).`,
    unitId: mailbox.unitId ?? undefined,
    customer: from ? { email: from } : { name: UNKNOWN_SENDER },
    tags: ['mail_unparsed'],
    customFields: {},
    attachmentIds: [],
  };
  const appeal = await createFromMail(ctx, input, messageId);
  const mailId = await repo.insertOnce(ctx.db, {
    mailboxId: mailbox.id,
    messageId,
    inReplyTo: null,
    references: [],
    appealId: appeal.id,
    appealMessageId: null,
    verdict: 'unparsed',
    parseError: error,
    fromAddress: from ?? null,
    fromName: null,
    to: [],
    subject: null,
    quoted: null,
    signature: null,
    html: null,
    rawSha256: raw.sha256,
    rawSize: raw.size,
  });
  return { verdict: mailId ? 'unparsed' : 'duplicate', mailId, appealId: appeal.id };
}

/** Addresses Otklik sends from: mail from them coming back is a loop. */
async function ownAddresses(ctx: Ctx): Promise<string[]> {
  return (await activeMailboxes(ctx)).flatMap((mailbox) => [mailbox.address, ...mailbox.aliases]);
}

/** When the customer wrote: the Date header unless it is missing, absurd or ahead of our clock. */
function receivedAt(date: Date | null, now: Date): string | undefined {
  if (!date || Number.isNaN(date.getTime())) {
    return undefined;
  }
  const written = date.getTime();
  return written > now.getTime() || written < Date.UTC(2000, 0, 1) ? undefined : date.toISOString();
}

/** The language to answer in: Russian when the customer wrote in Cyrillic. */
const languageOf = (text: string): 'ru' | 'en' => (/[а-яё]/i.test(text) ? 'ru' : 'en');

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
