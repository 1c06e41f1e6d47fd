// Mail in: every received mail is kept (raw source in the content store, a record keyed by Message-ID), then
// becomes a new appeal, joins the thread it answers, or — an auto-reply, a bounce, our own mail coming back —
// is only recorded. The same mail delivered twice (SMTP retry, IMAP re-poll, two recipients) is stored once.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { createAppeal } from '../appeals/appeals.service.ts';
import { updateAppeal } from '../appeals/appeals.changes.ts';
import { addMessageIn } from '../appeals/appeals.thread.ts';
import { visibleAppeal } from '../appeals/appeals.access.ts';
import type { CreateAppealInput } from '../appeals/appeals.schema.ts';
import { attachReceived } from '../attachments/attachments.service.ts';
import { attachmentsRoot, commit, openContent, receive } from '../attachments/content-store.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { publishAppealEvents } from '../events/events.service.ts';
import * as repo from './inbound.repo.ts';
import { activeMailboxes, type MailboxRow } from './mailboxes.service.ts';
import { queueAutoAck } from './outbound/queue.ts';
import { nudgeOutbox } from './outbound/sender.ts';
import type { MailMessage, MailQuery } from './mailboxes.schema.ts';
import { classifyMail, type ParsedMail, parseMail, splitReply, subjectNumber } from './parse/index.ts';

/** The author of what arrives by mail (created by migration 009); it cannot log in. */
export const MAIL_ACTOR: Actor = {
  id: '00000000-0000-4000-8000-00000000e4a1',
  email: 'mail@otklik.invalid',
  name: 'Почта',
  role: 'agent',
  locale: 'ru',
  unitIds: [],
};

const SUBJECT_MAX = 500;
const TEXT_MAX = 50_000;

export type Verdict = 'appeal' | 'reply' | 'auto_reply' | 'bounce' | 'loop' | 'unparsed' | 'duplicate';

export interface Received {
  verdict: Verdict;
  mailId: string | null;
  appealId: string | null;
}

interface Raw {
  sha256: string;
  size: number;
}

/** Stores one received mail for a mailbox. Throws only when the mail could not be kept (the sender should retry). */
export async function receiveMail(ctx: Ctx, mailbox: MailboxRow, bytes: Buffer): Promise<Received> {
  const raw = await keepRaw(ctx, bytes);
  let mail: ParsedMail | null = null;
  let parseError: string | null = null;
  try {
    mail = await parseMail(bytes);
  } catch (err) {
    parseError = err instanceof Error ? err.message : String(err);
  }
  // Without a Message-ID the bytes themselves identify the mail: the same delivery twice is still stored once.
  const messageId = mail?.messageId ?? `${raw.sha256}@otklik.no-message-id`;
  if (await repo.exists(ctx.db, messageId)) {
    return { verdict: 'duplicate', mailId: null, appealId: null };
  }
  if (!mail) {
    return unparsed(ctx, mailbox, bytes, raw, messageId, parseError!);
  }

  const verdict = classifyMail(mail, { addresses: await ownAddresses(ctx) });
  const split = splitReply(mail.text);
  const record = (
    v: string,
    appealId: string | null,
    appealMessageId: string | null,
    problems: string[] = [],
  ): repo.NewMail => ({
    mailboxId: mailbox.id,
    messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    appealId,
    appealMessageId,
    verdict: v,
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
  });
  if (verdict) {
    const mailId = await repo.insertOnce(ctx.db, record(verdict, null, null));
    return { verdict: mailId ? verdict : 'duplicate', mailId, appealId: null };
  }

  const thread = await threadFor(ctx.db, mail);
  const { files, problems } = filesOf(ctx, mail);
  const body = split.text || mail.text.trim() || (files.length ? '(вложения без текста)' : '(пустое письмо)');

  if (thread && thread.status !== 'closed') {
    // The reply, its record and its files are one transaction: a crash leaves nothing, and the retry stores it all.
    const stored = await ctx.db
      .transaction(async (tx) => {
        const { message, appeal } = await addMessageIn({
          ctx,
          tx,
          actor: MAIL_ACTOR,
          appealId: thread.id,
          input: {
            direction: 'inbound',
            channel: 'email',
            body: clip(body, 100_000),
          },
        });
        const mailId = await repo.insertOnce(tx, record('reply', thread.id, message.id, problems));
        if (!mailId) {
          throw new DuplicateMail();
        }
        await attachAll(ctx, tx, thread.id, message.id, files, problems);
        return { mailId, appeal };
      })
      .catch((err) => (err instanceof DuplicateMail ? null : Promise.reject(err)));
    if (stored) {
      publishAppealEvents(ctx, [stored.appeal], 'message');
    }
    return { verdict: stored ? 'reply' : 'duplicate', mailId: stored?.mailId ?? null, appealId: thread.id };
  }

  // A new appeal. The Message-ID is its idempotency key, so a retry after a crash finds the same appeal.
  const input: CreateAppealInput = {
    kind: mailbox.kind as CreateAppealInput['kind'],
    channel: 'email',
    priority: 'normal',
    subject: clip(mail.subject.trim() || '(без темы)', SUBJECT_MAX),
    description: clip(body, TEXT_MAX),
    unitId: mailbox.unitId ?? undefined,
    receivedAt: receivedAt(mail.date),
    customer: mail.from
      ? { email: mail.from.address, ...(mail.from.name ? { name: clip(mail.from.name, 200) } : {}) }
      : { name: 'Неизвестный отправитель' },
    tags: thread ? ['follow_up'] : [],
    customFields: {},
    attachmentIds: [],
  };
  const appeal = await createFromMail(ctx, input, messageId);
  const mailId = await ctx.db.transaction(async (tx) => {
    const id = await repo.insertOnce(tx, record('appeal', appeal.id, null, problems));
    if (!id) {
      return null;
    }
    await attachAll(ctx, tx, appeal.id, null, files, problems);
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

async function createFromMail(ctx: Ctx, input: CreateAppealInput, messageId: string) {
  const key = `mail:${createHash('sha256').update(messageId).digest('hex')}`;
  try {
    return (await createAppeal(ctx, MAIL_ACTOR, input, key)).body;
  } catch (err) {
    // A sender's address the register refuses (say, malformed) must not lose the mail: keep it without contacts.
    if (!(err instanceof AppError) || err.code !== 'validation_failed') {
      throw err;
    }
    const fallback: CreateAppealInput = {
      ...input,
      customer: {
        name:
          input.customer && 'name' in input.customer && input.customer.name
            ? input.customer.name
            : 'Неизвестный отправитель',
      },
      tags: [...input.tags, 'mail_needs_review'],
    };
    return (await createAppeal(ctx, MAIL_ACTOR, fallback, `${key}:fallback`)).body;
  }
}

/** A mail nothing could be read from: an appeal that says so, with the raw source kept for a person to open. */
async function unparsed(
  ctx: Ctx,
  mailbox: MailboxRow,
  bytes: Buffer,
  raw: Raw,
  messageId: string,
  error: string,
): Promise<Received> {
  const head = bytes.subarray(0, 64 * 1024).toString('latin1');
  const from = /^From:.*?([^\s<>"]+@[^\s<>"]+)/im.exec(head)?.[1]?.toLowerCase();
  const input: CreateAppealInput = {
    kind: mailbox.kind as CreateAppealInput['kind'],
    channel: 'email',
    priority: 'normal',
    subject: '(письмо не удалось разобрать)',
    description: `Письмо не удалось разобрать: ${error}. Исходный текст письма сохранён (${raw.size} байт).`,
    unitId: mailbox.unitId ?? undefined,
    customer: from ? { email: from } : { name: 'Неизвестный отправитель' },
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

/** The appeal a mail answers: by its In-Reply-To/References, else by the [#number] in its subject from that customer. */
async function threadFor(db: Queryable, mail: ParsedMail): Promise<{ id: string; status: string } | undefined> {
  const byHeaders = await repo.threadOf(db, [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...mail.references]);
  if (byHeaders) {
    return byHeaders;
  }
  const number = subjectNumber(mail.subject);
  return number !== null && mail.from ? repo.appealOfCustomer(db, number, mail.from.address) : undefined;
}

interface File {
  fileName: string;
  bytes: Buffer;
}

/** Attachments to store; a file larger than attachments may be is left in the raw source, and that is said. */
function filesOf(ctx: Ctx, mail: ParsedMail): { files: File[]; problems: string[] } {
  const files: File[] = [];
  const problems: string[] = [];
  for (const a of mail.attachments) {
    if (a.content.length === 0) {
      continue;
    }
    if (a.content.length > ctx.config.attachmentMaxBytes) {
      problems.push(
        `Вложение «${a.fileName}» (${megabytes(a.content.length)}) больше допустимых ${megabytes(ctx.config.attachmentMaxBytes)}: оно сохранено только в исходном письме.`,
      );
    } else {
      files.push({ fileName: a.fileName, bytes: a.content });
    }
  }
  return { files, problems };
}

async function attachAll(
  ctx: Ctx,
  tx: Queryable,
  appealId: string,
  messageId: string | null,
  files: File[],
  problems: string[],
) {
  for (const f of files) {
    await attachReceived({ ctx, tx, actor: MAIL_ACTOR }, { appealId, messageId }, f);
  }
  if (problems.length) {
    await addMessageIn({
      ctx,
      tx,
      actor: MAIL_ACTOR,
      appealId,
      input: { direction: 'note', body: problems.join('\n') },
    });
  }
}

async function keepRaw(ctx: Ctx, bytes: Buffer): Promise<Raw> {
  const root = attachmentsRoot(ctx.config.dataDir);
  const content = await receive(root, Readable.from([bytes]), Number.MAX_SAFE_INTEGER);
  await commit(root, content);
  return { sha256: content.sha256, size: content.size };
}

/** Addresses Otklik sends from: mail from them coming back is a loop. */
async function ownAddresses(ctx: Ctx): Promise<string[]> {
  return (await activeMailboxes(ctx)).flatMap((m) => [m.address, ...m.aliases]);
}

/** When the customer wrote: the Date header unless it is missing, absurd or ahead of our clock. */
function receivedAt(date: Date | null): string | undefined {
  if (!date || Number.isNaN(date.getTime())) {
    return undefined;
  }
  const t = date.getTime();
  return t > Date.now() || t < Date.UTC(2000, 0, 1) ? undefined : date.toISOString();
}

/** The language to answer in: Russian when the customer wrote in Cyrillic. */
const languageOf = (text: string): 'ru' | 'en' => (/[а-яё]/i.test(text) ? 'ru' : 'en');

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const megabytes = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} МБ`;

const presentMail = (m: repo.MailRow): MailMessage => ({
  id: m.id,
  mailboxId: m.mailboxId,
  direction: m.direction,
  messageId: m.messageId,
  appealId: m.appealId,
  appealMessageId: m.appealMessageId,
  verdict: m.verdict as MailMessage['verdict'],
  parseError: m.parseError,
  from: m.from,
  fromName: m.fromName,
  to: m.to,
  subject: m.subject,
  quoted: m.quoted,
  signature: m.signature,
  html: m.html,
  rawSize: m.rawSize,
  createdAt: m.createdAt.toISOString(),
});

/** The mail an appeal was opened with and every mail in its thread. */
export async function mailOfAppeal(ctx: Ctx, actor: Actor, appealId: string): Promise<MailMessage[]> {
  await visibleAppeal(ctx.db, actor, appealId);
  return (await repo.listForAppeal(ctx.db, appealId)).map(presentMail);
}

/** Received mail for administrators: what was refused as auto-replies, bounces and loops, what could not be read. */
export async function listMail(ctx: Ctx, actor: Actor, q: MailQuery): Promise<MailMessage[]> {
  authorize(actor, 'settings:write');
  return (await repo.list(ctx.db, { verdict: q.verdict ?? null, mailboxId: q.mailboxId ?? null, limit: q.limit })).map(
    presentMail,
  );
}

/** The raw source of a mail, to whoever may see its appeal (mail without an appeal: administrators). */
export async function openRawMail(ctx: Ctx, actor: Actor, id: string) {
  const row = await repo.findById(ctx.db, id);
  if (!row || !row.rawSha256) {
    throw notFound('Mail');
  }
  if (row.appealId) {
    await visibleAppeal(ctx.db, actor, row.appealId);
  } else {
    authorize(actor, 'settings:write');
  }
  return { file: await openContent(attachmentsRoot(ctx.config.dataDir), row.rawSha256), size: row.rawSize ?? 0 };
}
