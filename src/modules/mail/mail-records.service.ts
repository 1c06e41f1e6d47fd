// Owns: reading the mail records — an appeal's mail with its parts, received mail for administrators (what was
// refused, what could not be read), and a mail's raw source to whoever may see it.
import type { Ctx } from '../../context.ts';
import { notFound } from '../../server/errors.ts';
import { visibleAppeal } from '../appeals/appeals.access.ts';
import { attachmentsRoot, openContent } from '../attachments/content-store.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import * as repo from './inbound.repo.ts';
import type { MailMessage, MailQuery } from './mailboxes.schema.ts';

const presentMail = (mail: repo.MailRow): MailMessage => ({
  id: mail.id,
  mailboxId: mail.mailboxId,
  direction: mail.direction,
  messageId: mail.messageId,
  appealId: mail.appealId,
  appealMessageId: mail.appealMessageId,
  verdict: mail.verdict as MailMessage['verdict'],
  parseError: mail.parseError,
  from: mail.from,
  fromName: mail.fromName,
  to: mail.to,
  subject: mail.subject,
  quoted: mail.quoted,
  signature: mail.signature,
  html: mail.html,
  rawSize: mail.rawSize,
  createdAt: mail.createdAt.toISOString(),
});

/** The mail an appeal was opened with and every mail in its thread. */
export async function mailOfAppeal(ctx: Ctx, actor: Actor, appealId: string): Promise<MailMessage[]> {
  await visibleAppeal(ctx.db, actor, appealId);
  return (await repo.listForAppeal(ctx.db, appealId)).map(presentMail);
}

/** Received mail for administrators: what was refused as auto-replies, bounces and loops, what could not be read. */
export async function listMail(ctx: Ctx, actor: Actor, query: MailQuery): Promise<MailMessage[]> {
  authorize(actor, 'settings:write');
  const rows = await repo.list(ctx.db, {
    verdict: query.verdict ?? null,
    mailboxId: query.mailboxId ?? null,
    limit: query.limit,
  });
  return rows.map(presentMail);
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
