// SQL for mail records: every mail received or sent, keyed by its Message-ID.
import type { Queryable } from '../../db/db.ts';

/** What a mail record says of a mail, as written and as read: where it went, what became of it, its parts. */
interface MailRecord {
  mailboxId: string | null;
  messageId: string;
  appealId: string | null;
  appealMessageId: string | null;
  verdict: string;
  parseError: string | null;
  fromName: string | null;
  to: string[];
  subject: string | null;
  quoted: string | null;
  signature: string | null;
  html: string | null;
}

export interface NewMail extends MailRecord {
  inReplyTo: string | null;
  references: string[];
  fromAddress: string | null;
  rawSha256: string;
  rawSize: number;
}

export interface MailRow extends MailRecord {
  id: string;
  direction: 'inbound' | 'outbound';
  from: string | null;
  rawSha256: string | null;
  rawSize: number | null;
  createdAt: Date;
}

const COLUMNS = `id, mailbox_id AS "mailboxId", direction, message_id AS "messageId", appeal_id AS "appealId",
  appeal_message_id AS "appealMessageId", verdict, parse_error AS "parseError", from_address AS "from",
  from_name AS "fromName", to_addresses AS "to", subject, quoted, signature, html, raw_sha256 AS "rawSha256",
  raw_size AS "rawSize", created_at AS "createdAt"`;

export async function exists(db: Queryable, messageId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM mail_messages WHERE message_id = $1', [messageId])).length > 0;
}

/** Records an inbound mail unless one with its Message-ID is already stored; the new row's id, or null. */
export async function insertOnce(db: Queryable, mail: NewMail): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO mail_messages (mailbox_id, direction, message_id, in_reply_to, "references", appeal_id,
       appeal_message_id, verdict, parse_error, from_address, from_name, to_addresses, subject, quoted, signature,
       html, raw_sha256, raw_size)
     VALUES ($1, 'inbound', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (message_id) DO NOTHING RETURNING id`,
    [
      mail.mailboxId,
      mail.messageId,
      mail.inReplyTo,
      mail.references,
      mail.appealId,
      mail.appealMessageId,
      mail.verdict,
      mail.parseError,
      mail.fromAddress,
      mail.fromName,
      mail.to,
      mail.subject,
      mail.quoted,
      mail.signature,
      mail.html,
      mail.rawSha256,
      mail.rawSize,
    ],
  );
  return rows[0]?.id ?? null;
}

/** The appeal a reply belongs to: the latest one that any of the mails it answers or references is part of. */
export async function threadOf(
  db: Queryable,
  messageIds: readonly string[],
): Promise<{ id: string; status: string } | undefined> {
  if (messageIds.length === 0) {
    return undefined;
  }
  const rows = await db.query<{ id: string; status: string }>(
    `SELECT a.id, a.status FROM mail_messages m JOIN appeals a ON a.id = m.appeal_id
     WHERE m.message_id = ANY($1::text[]) ORDER BY m.created_at DESC LIMIT 1`,
    [messageIds],
  );
  return rows[0];
}

/** The appeal with this number, if its customer writes from this address (a subject token alone proves nothing). */
export async function appealOfCustomer(
  db: Queryable,
  appealNumber: number,
  email: string,
): Promise<{ id: string; status: string } | undefined> {
  const rows = await db.query<{ id: string; status: string }>(
    `SELECT a.id, a.status FROM appeals a
     JOIN customer_identities ci ON ci.customer_id = a.customer_id AND ci.kind = 'email' AND ci.value = $2
     WHERE a.number = $1 LIMIT 1`,
    [appealNumber, email],
  );
  return rows[0];
}

export async function findById(db: Queryable, id: string): Promise<MailRow | undefined> {
  return (await db.query<MailRow>(`SELECT ${COLUMNS} FROM mail_messages WHERE id = $1`, [id]))[0];
}

export const listForAppeal = (db: Queryable, appealId: string) =>
  db.query<MailRow>(`SELECT ${COLUMNS} FROM mail_messages WHERE appeal_id = $1 ORDER BY created_at, id`, [appealId]);

export const list = (db: Queryable, filter: { verdict: string | null; mailboxId: string | null; limit: number }) =>
  db.query<MailRow>(
    `SELECT ${COLUMNS} FROM mail_messages
     WHERE direction = 'inbound' AND ($1::text IS NULL OR verdict = $1) AND ($2::uuid IS NULL OR mailbox_id = $2)
     ORDER BY created_at DESC, id DESC LIMIT $3`,
    [filter.verdict, filter.mailboxId, filter.limit],
  );
