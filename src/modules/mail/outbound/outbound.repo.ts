// SQL of outbound mail: what a reply needs to know, the outbox rows and their leases, and template overrides.
import type { Queryable } from '../../../db/db.ts';
import { queryOne } from '../../../db/rows.ts';

export interface MailboxRow {
  id: string;
  address: string;
  displayName: string | null;
  smtp: SmtpSettings | null;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure?: boolean;
  user?: string | null;
  password?: string | null;
}

export interface AppealForMail {
  id: string;
  number: number;
  subject: string;
  channel: string;
  customerName: string | null;
  /** The customer's first real (not placeholder) e-mail address. */
  customerEmail: string | null;
  timeZone: string;
  /** The nearest running deadline (first response preferred), for {{appeal.dueAt}}. */
  dueAt: Date | null;
}

export async function appealForMail(db: Queryable, appealId: string): Promise<AppealForMail | undefined> {
  const rows = await db.query<AppealForMail>(
    `SELECT a.id, a.number, a.subject, a.channel, c.name AS "customerName",
       (SELECT i.value FROM customer_identities i
        WHERE i.customer_id = a.customer_id AND i.kind = 'email' AND NOT i.placeholder
        ORDER BY i.created_at, i.value
        LIMIT 1) AS "customerEmail",
       coalesce(
         u.time_zone,
         (SELECT cal.time_zone FROM sla_settings s JOIN calendars cal ON cal.id = s.cs_calendar_id),
         'UTC') AS "timeZone",
       (SELECT t.due_at FROM appeal_sla_targets t
        WHERE t.appeal_id = a.id AND t.met_at IS NULL AND t.breached_at IS NULL AND t.due_at IS NOT NULL
        ORDER BY t.metric <> 'first_response', t.due_at
        LIMIT 1) AS "dueAt"
     FROM appeals a
     LEFT JOIN customers c ON c.id = a.customer_id
     LEFT JOIN units u ON u.id = a.unit_id
     WHERE a.id = $1`,
    [appealId],
  );
  return rows[0];
}

export async function authorForMail(
  db: Queryable,
  userId: string,
): Promise<{ name: string; signature: string | null } | undefined> {
  const rows = await db.query<{ name: string; signature: string | null }>(
    'SELECT name, signature FROM users WHERE id = $1',
    [userId],
  );
  return rows[0];
}

/** The mail a reply answers: the appeal's latest inbound mail, else its latest mail of any direction. */
export async function lastMailOf(
  db: Queryable,
  appealId: string,
): Promise<{ messageId: string; references: string[]; mailboxId: string | null; inbound: boolean } | undefined> {
  const rows = await db.query<{ messageId: string; references: string[]; mailboxId: string | null; inbound: boolean }>(
    `SELECT message_id AS "messageId", "references", mailbox_id AS "mailboxId", direction = 'inbound' AS inbound
     FROM mail_messages WHERE appeal_id = $1 ORDER BY direction = 'inbound' DESC, created_at DESC, id DESC LIMIT 1`,
    [appealId],
  );
  return rows[0];
}

const MAILBOX_COLUMNS = 'id, address, display_name AS "displayName", smtp';

export async function mailboxById(db: Queryable, id: string): Promise<MailboxRow | undefined> {
  return (await db.query<MailboxRow>(`SELECT ${MAILBOX_COLUMNS} FROM mailboxes WHERE id = $1`, [id]))[0];
}

/** The mailbox mail goes out through when nothing names one: the oldest active one, those that can send first. */
export async function defaultMailbox(db: Queryable): Promise<MailboxRow | undefined> {
  return (
    await db.query<MailboxRow>(
      `SELECT ${MAILBOX_COLUMNS} FROM mailboxes WHERE active ORDER BY smtp IS NULL, created_at, id LIMIT 1`,
    )
  )[0];
}

export interface QueuedMail {
  mailboxId: string | null;
  appealId: string | null;
  appealMessageId: string | null;
  /** Without angle brackets. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  fromAddress: string;
  fromName: string | null;
  to: string;
  subject: string;
  payload: Record<string, unknown>;
  dedupeKey: string | null;
}

/** The outbox row and the thread's record of the mail (mail_messages, verdict 'sent'), in the caller's transaction. */
export async function insertQueued(db: Queryable, mail: QueuedMail): Promise<{ outboxId: number; inserted: boolean }> {
  const [queued] = await db.query<{ id: number }>(
    `INSERT INTO outbox (kind, payload, mailbox_id, appeal_message_id, message_id, dedupe_key)
     VALUES ('email', $1, $2, $3, $4, $5) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [JSON.stringify(mail.payload), mail.mailboxId, mail.appealMessageId, mail.messageId, mail.dedupeKey],
  );
  if (!queued) {
    return { outboxId: 0, inserted: false };
  }
  await db.query(
    `INSERT INTO mail_messages (mailbox_id, direction, message_id, in_reply_to, "references", appeal_id,
       appeal_message_id, verdict, from_address, from_name, to_addresses, subject)
     VALUES ($1, 'outbound', $2, $3, $4, $5, $6, 'sent', $7, $8, $9, $10)`,
    [
      mail.mailboxId,
      mail.messageId,
      mail.inReplyTo,
      mail.references,
      mail.appealId,
      mail.appealMessageId,
      mail.fromAddress,
      mail.fromName,
      [mail.to],
      mail.subject,
    ],
  );
  return { outboxId: queued.id, inserted: true };
}

/**
 * Staff mail rendered in full by its producer (analytics reports): an outbox row only, no thread record; the
 * payload carries html and base64 attachments. Answers false when a row with the dedupe key exists.
 */
export async function insertRenderedStaffMail(
  db: Queryable,
  payload: Record<string, unknown>,
  dedupeKey: string,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO outbox (kind, payload, dedupe_key) VALUES ('email', $1, $2)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [JSON.stringify(payload), dedupeKey],
  );
  return rows.length > 0;
}

export interface ClaimedRow {
  id: number;
  payload: Record<string, unknown>;
  attempts: number;
  messageId: string;
  mailboxId: string | null;
  createdAt: Date;
}

/**
 * Leases up to `limit` due rows to this process: pending ones, and 'sending' ones whose lease ran out (their
 * sender died). A row queued without a Message-ID (staff notifications) gets one now, kept for every retry.
 */
export function claimDue(
  db: Queryable,
  limit: number,
  leaseMs: number,
  messageIdDomain: string,
): Promise<ClaimedRow[]> {
  return db.query<ClaimedRow>(
    `WITH due AS (
       SELECT id FROM outbox
       WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()
         AND (status = 'pending' OR locked_until < now())
       ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
     UPDATE outbox o SET status = 'sending', locked_until = now() + $2 * interval '1 millisecond',
       message_id = coalesce(o.message_id, 'otklik.' || gen_random_uuid() || '@' || $3)
     FROM due WHERE o.id = due.id
     RETURNING o.id, o.payload, o.attempts, o.message_id AS "messageId", o.mailbox_id AS "mailboxId",
       o.created_at AS "createdAt"`,
    [limit, leaseMs, messageIdDomain],
  );
}

export async function markSent(db: Queryable, id: number): Promise<void> {
  await db.query(
    `UPDATE outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL, locked_until = NULL
     WHERE id = $1 AND status = 'sending'`,
    [id],
  );
}

export async function markFailed(
  db: Queryable,
  id: number,
  failure: { status: 'pending' | 'failed'; error: string; retryInMs: number },
): Promise<void> {
  await db.query(
    `UPDATE outbox SET status = $2, attempts = attempts + 1, last_error = $3, locked_until = NULL,
       next_attempt_at = now() + $4 * interval '1 millisecond'
     WHERE id = $1 AND status = 'sending'`,
    [id, failure.status, failure.error, failure.retryInMs],
  );
}

export interface TemplateRow {
  key: string;
  locale: 'ru' | 'en';
  subject: string;
  body: string;
  updatedAt: Date;
}

const TEMPLATE_COLUMNS = 'key, locale, subject, body, updated_at AS "updatedAt"';

export const listTemplates = (db: Queryable) =>
  db.query<TemplateRow>(`SELECT ${TEMPLATE_COLUMNS} FROM mail_templates ORDER BY key, locale`);

export async function findTemplate(db: Queryable, key: string, locale: string): Promise<TemplateRow | undefined> {
  return (
    await db.query<TemplateRow>(`SELECT ${TEMPLATE_COLUMNS} FROM mail_templates WHERE key = $1 AND locale = $2`, [
      key,
      locale,
    ])
  )[0];
}

export async function upsertTemplate(
  db: Queryable,
  template: { key: string; locale: string; subject: string; body: string },
): Promise<TemplateRow> {
  return queryOne<TemplateRow>(
    db,
    `INSERT INTO mail_templates (key, locale, subject, body) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key, locale) DO UPDATE SET subject = excluded.subject, body = excluded.body, updated_at = now()
     RETURNING ${TEMPLATE_COLUMNS}`,
    [template.key, template.locale, template.subject, template.body],
  );
}

export async function deleteTemplate(db: Queryable, key: string, locale: string): Promise<void> {
  await db.query('DELETE FROM mail_templates WHERE key = $1 AND locale = $2', [key, locale]);
}

/** The time zone staff notifications speak in: Customer Service's calendar. */
export async function csTimeZone(db: Queryable): Promise<string> {
  const rows = await db.query<{ tz: string }>(
    'SELECT cal.time_zone AS tz FROM sla_settings s JOIN calendars cal ON cal.id = s.cs_calendar_id',
  );
  return rows[0]?.tz ?? 'UTC';
}
