// SQL for mailboxes.
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';

export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  folder: string;
  processed: 'mark' | 'move';
  moveTo?: string;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
}

export interface ImapState {
  uidValidity?: string;
  lastUid?: number;
  lastPollAt?: string;
  lastError?: string | null;
}

export interface MailboxRow extends MailboxValues {
  id: string;
  inbound: 'smtp' | 'imap' | 'none';
  imapState: ImapState;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, name, address, aliases, display_name AS "displayName", unit_id AS "unitId", kind,
  queue_id AS "queueId", inbound, imap, smtp, auto_ack AS "autoAck", active, imap_state AS "imapState",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

export async function findById(db: Queryable, id: string): Promise<MailboxRow | undefined> {
  return (await db.query<MailboxRow>(`SELECT ${COLUMNS} FROM mailboxes WHERE id = $1`, [id]))[0];
}

export const list = (db: Queryable) =>
  db.query<MailboxRow>(`SELECT ${COLUMNS} FROM mailboxes ORDER BY name, id LIMIT 1000`);

export const listActive = (db: Queryable) =>
  db.query<MailboxRow>(`SELECT ${COLUMNS} FROM mailboxes WHERE active ORDER BY created_at, id`);

/** Another mailbox that already receives one of these addresses (as its address or an alias). */
export async function findClaiming(
  db: Queryable,
  addresses: readonly string[],
  self: string | null,
): Promise<{ id: string; address: string } | undefined> {
  const rows = await db.query<{ id: string; address: string }>(
    `SELECT id, address FROM mailboxes
     WHERE (id <> $2 OR $2 IS NULL) AND (address = ANY($1::text[]) OR aliases && $1::text[]) LIMIT 1`,
    [addresses, self],
  );
  return rows[0];
}

export interface MailboxValues {
  name: string;
  address: string;
  aliases: string[];
  displayName: string | null;
  unitId: string | null;
  kind: string;
  queueId: string | null;
  inbound: string;
  imap: ImapSettings | null;
  smtp: SmtpSettings | null;
  autoAck: boolean;
  active: boolean;
}

/** The settings as statement parameters, in the order the statements below list their columns. */
const settingsOf = (mailbox: MailboxValues): unknown[] => [
  mailbox.name,
  mailbox.address,
  mailbox.aliases,
  mailbox.displayName,
  mailbox.unitId,
  mailbox.kind,
  mailbox.queueId,
  mailbox.inbound,
  json(mailbox.imap),
  json(mailbox.smtp),
  mailbox.autoAck,
  mailbox.active,
];

export async function insert(db: Queryable, mailbox: MailboxValues): Promise<string> {
  const inserted = await queryOne<{ id: string }>(
    db,
    `INSERT INTO mailboxes (name, address, aliases, display_name, unit_id, kind, queue_id, inbound, imap, smtp,
       auto_ack, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     RETURNING id`,
    settingsOf(mailbox),
  );
  return inserted.id;
}

/** Replaces every setting (the service merges the change into the current row first). */
export async function replace(db: Queryable, id: string, mailbox: MailboxValues): Promise<void> {
  await db.query(
    `UPDATE mailboxes
     SET name = $2, address = $3, aliases = $4, display_name = $5, unit_id = $6, kind = $7, queue_id = $8,
       inbound = $9, imap = $10, smtp = $11, auto_ack = $12, active = $13, updated_at = now()
     WHERE id = $1`,
    [id, ...settingsOf(mailbox)],
  );
}

export async function saveImapState(db: Queryable, id: string, state: ImapState): Promise<void> {
  await db.query('UPDATE mailboxes SET imap_state = $2 WHERE id = $1', [id, JSON.stringify(state)]);
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
