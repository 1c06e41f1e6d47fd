// The outbox sender: a loop in every server process that runs the scheduler. It leases due rows (FOR UPDATE SKIP
// LOCKED, status 'sending' until locked_until), sends each and commits that row's outcome at once. A process that
// dies mid-send leaves its rows leased; when the lease runs out any sender takes them again.
//
// Delivery is at-least-once with one unavoidable window: after the server has answered 250 to DATA and before the
// 'sent' commit reaches the database, a crash (or a lost database connection) leaves the row 'sending', so it is sent
// again when its lease runs out. SMTP has no way to ask a server whether it already has a mail. The Message-ID was
// fixed when the mail was queued, so the second copy is the same mail, which receiving systems and mail clients
// de-duplicate by it; the window lasts one database round trip.
import type { Ctx } from '../../../context.ts';
import path from 'node:path';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { domainOf, parseAddress } from './addresses.ts';
import { afterFailure, failureOf } from './delivery-policy.ts';
import * as repo from './outbound.repo.ts';
import {
  formatInstant,
  isTemplateKey,
  NOTIFICATION_KEYS,
  notificationDetails,
  render,
  type Locale,
} from './templates.ts';
import { templateFor } from './templates.service.ts';
import { createTransports, type MailTransports } from './transports.ts';

export interface SenderLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface SendResult {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

const BATCH = 10;

/** Sends one batch of due mail; each row's outcome is committed right after its own send. */
export async function sendDueMail(
  ctx: Ctx,
  transports: MailTransports,
  opts: { batchSize?: number; leaseMs?: number; log?: SenderLog } = {},
): Promise<SendResult> {
  const result: SendResult = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  const rows = await ctx.db.transaction((tx) =>
    repo.claimDue(
      tx,
      opts.batchSize ?? BATCH,
      opts.leaseMs ?? ctx.config.outboxLeaseMs,
      domainOf(parseAddress(ctx.config.mailFrom).address),
    ),
  );
  result.claimed = rows.length;
  await Promise.all(
    rows.map(async (row) => {
      try {
        const mailbox =
          (row.mailboxId ? await repo.mailboxById(ctx.db, row.mailboxId) : undefined) ??
          (await repo.defaultMailbox(ctx.db));
        await transports.send(mailbox, row.id, await compose(ctx, row, mailbox));
      } catch (err) {
        const failure = failureOf(err);
        const next = afterFailure(failure, row.attempts);
        await repo.markFailed(ctx.db, row.id, {
          status: next.status,
          error: failure.message,
          retryInMs: next.status === 'pending' ? next.retryInMs : 0,
        });
        opts.log?.warn(
          { outboxId: row.id, attempts: row.attempts + 1, error: failure.message, final: next.status === 'failed' },
          'mail not delivered',
        );
        result[next.status === 'failed' ? 'failed' : 'retrying'] += 1;
        return;
      }
      // The window described at the top of this file is between the send above and this commit.
      await repo.markSent(ctx.db, row.id);
      result.sent += 1;
    }),
  );
  return result;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const bracketed = (id: string) => `<${id}>`;

/** The mail of an outbox row: replies and acknowledgements were rendered when queued, notifications render now. */
async function compose(ctx: Ctx, row: repo.ClaimedRow, mailbox: repo.MailboxRow | undefined): Promise<Mail.Options> {
  const payload = row.payload;
  const to = str(payload.to);
  if (!to) {
    throw new Error('The outbox row has no recipient');
  }
  const fallback = mailbox
    ? { address: mailbox.address, name: mailbox.displayName }
    : parseAddress(ctx.config.mailFrom);
  const fromAddress = str(payload.from);
  const from = fromAddress ? { address: fromAddress, name: str(payload.fromName) } : fallback;
  let subject = str(payload.subject);
  let text = typeof payload.text === 'string' ? payload.text : null;
  if (subject === null || text === null) {
    ({ subject, text } = await renderNotification(ctx, payload));
  }
  const references = Array.isArray(payload.references)
    ? payload.references.filter((reference): reference is string => typeof reference === 'string')
    : [];
  const inReplyTo = str(payload.inReplyTo);
  return {
    from: { address: from.address, name: from.name ?? '' },
    to: { address: to, name: str(payload.toName) ?? str(payload.name) ?? '' },
    subject,
    text,
    ...renderedParts(payload),
    messageId: bracketed(row.messageId),
    date: row.createdAt,
    ...(inReplyTo ? { inReplyTo: bracketed(inReplyTo) } : {}),
    ...(references.length ? { references: references.map(bracketed) } : {}),
    // Otklik's own mail coming back (an auto-reply echoing it, a forwarding loop) is recognised by this header.
    headers: { 'X-Otklik-Mail': '1', 'Auto-Submitted': payload.template === 'reply' ? 'no' : 'auto-generated' },
  };
}

/** An attachment of a rendered mail's payload as nodemailer takes it; none for one without content or name. */
function renderedAttachment(part: Record<string, unknown>): Mail.Attachment[] {
  const filename = str(part?.filename);
  if (typeof part?.contentBase64 !== 'string' || !filename) {
    return [];
  }
  const cid = str(part.cid);
  return [
    {
      filename,
      contentType: str(part.contentType) ?? 'application/octet-stream',
      content: Buffer.from(part.contentBase64, 'base64'),
      ...(cid ? { cid } : {}),
    },
  ];
}

/** The html and attachments of a mail rendered by its producer (queueRenderedStaffMail); nothing for other rows. */
function renderedParts(payload: Record<string, unknown>): Pick<Mail.Options, 'html' | 'attachments'> {
  const html = str(payload.html);
  const attachments = Array.isArray(payload.attachments) ? payload.attachments.flatMap(renderedAttachment) : [];
  return { ...(html ? { html } : {}), ...(attachments.length ? { attachments } : {}) };
}

async function renderNotification(
  ctx: Ctx,
  payload: Record<string, unknown>,
): Promise<{ subject: string; text: string }> {
  const key = str(payload.template);
  if (!key || !isTemplateKey(key) || !(NOTIFICATION_KEYS as readonly string[]).includes(key)) {
    throw new Error(`No mail template for "${String(payload.template)}"`);
  }
  const locale: Locale = payload.locale === 'en' ? 'en' : 'ru';
  const data = (payload.data && typeof payload.data === 'object' ? payload.data : {}) as Record<string, unknown>;
  const template = await templateFor(ctx.db, key, locale);
  const vars = {
    'agent.name': str(payload.name) ?? '',
    'appeal.number':
      typeof data.appealNumber === 'number' || typeof data.appealNumber === 'string' ? data.appealNumber : '',
    'appeal.subject': str(data.subject) ?? '',
    'appeal.dueAt': formatInstant(str(data.dueAt), locale, await repo.csTimeZone(ctx.db)),
    details: notificationDetails(key, data, locale),
  };
  return { subject: render(template.subject, vars).replace(/[\r\n]+/g, ' '), text: render(template.body, vars) };
}

export interface OutboxSender {
  /** Look for due mail now (a commit just queued some). */
  nudge(): void;
  /** Finishes the sends under way, then stops and closes the SMTP connections. */
  stop(): Promise<void>;
}

// The running sender of each database handle, so that code which queued mail can nudge it after its commit.
const running = new WeakMap<object, OutboxSender>();

/** Wakes this process's sender, if it runs one; call after the commit of a transaction that queued mail. */
export const nudgeOutbox = (ctx: Ctx): void => running.get(ctx.db)?.nudge();

export function startOutboxSender(
  ctx: Ctx,
  opts: { intervalMs?: number; leaseMs?: number; log: SenderLog; transports?: MailTransports },
): OutboxSender {
  const transports = opts.transports ?? createTransports({ outboxDir: path.join(ctx.config.dataDir, 'outbox') });
  const intervalMs = opts.intervalMs ?? ctx.config.outboxIntervalMs;
  let stopped = false;
  let nudged = false;
  let wake: (() => void) | undefined;

  const loop = async () => {
    while (!stopped) {
      nudged = false;
      try {
        // A full batch means more may be due: keep going without a pause.
        while (
          !stopped &&
          (await sendDueMail(ctx, transports, { leaseMs: opts.leaseMs, log: opts.log })).claimed === BATCH
        ) {
          // each round sends one batch
        }
      } catch (err) {
        opts.log.error({ err }, 'outbox sender tick failed');
      }
      if (stopped || nudged) {
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  };
  const done = loop();

  const sender: OutboxSender = {
    nudge() {
      nudged = true;
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await done;
      running.delete(ctx.db);
      transports.close();
    },
  };
  running.set(ctx.db, sender);
  return sender;
}
