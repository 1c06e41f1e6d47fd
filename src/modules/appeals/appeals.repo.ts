// SQL for appeals, their messages and their append-only history.
import { sql } from 'kysely';
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';
import type { DB } from '../../db/schema.ts';
import { builder, columnsToSet, runOne } from '../../db/sql-builder.ts';

export interface AppealRow {
  id: string;
  number: number;
  kind: string;
  channel: string;
  status: string;
  priority: string;
  subject: string;
  description: string;
  unitId: string | null;
  categoryId: string | null;
  customerId: string | null;
  ownerId: string | null;
  queueId: string | null;
  createdBy: string | null;
  sequenceNumber: string | null;
  receivedAt: Date;
  tags: string[];
  customFields: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** The classifier's suggestion it did not apply, kept for the agent. */
  suggestion: unknown;
}

/** An appeal's columns as the API names them, for built statements (`a` is appeals). */
export const APPEAL_SELECTION = [
  'a.id',
  'a.number',
  'a.kind',
  'a.channel',
  'a.status',
  'a.priority',
  'a.subject',
  'a.description',
  'a.unit_id as unitId',
  'a.category_id as categoryId',
  'a.customer_id as customerId',
  'a.owner_id as ownerId',
  'a.queue_id as queueId',
  'a.created_by as createdBy',
  'a.sequence_number as sequenceNumber',
  'a.received_at as receivedAt',
  'a.tags',
  'a.custom_fields as customFields',
  'a.created_at as createdAt',
  'a.updated_at as updatedAt',
  'a.resolved_at as resolvedAt',
  'a.closed_at as closedAt',
  'a.suggestion',
] as const;

/** The same columns for plain SQL statements. */
export const COLUMNS = APPEAL_SELECTION.map((column) => {
  const [name, alias] = column.split(' as ');
  return alias ? `${name} AS "${alias}"` : name;
}).join(', ');

export async function findById(db: Queryable, id: string, forUpdate = false): Promise<AppealRow | undefined> {
  const rows = await db.query<AppealRow>(
    `SELECT ${COLUMNS} FROM appeals a WHERE a.id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0];
}

export async function findUnitOf(
  db: Queryable,
  id: string,
): Promise<{ id: string; unitId: string | null } | undefined> {
  const rows = await db.query<{ id: string; unitId: string | null }>(
    'SELECT id, unit_id AS "unitId" FROM appeals WHERE id = $1',
    [id],
  );
  return rows[0];
}

const UPDATABLE = {
  kind: 'kind',
  channel: 'channel',
  status: 'status',
  priority: 'priority',
  subject: 'subject',
  description: 'description',
  unitId: 'unit_id',
  categoryId: 'category_id',
  customerId: 'customer_id',
  ownerId: 'owner_id',
  queueId: 'queue_id',
  sequenceNumber: 'sequence_number',
  tags: 'tags',
  customFields: 'custom_fields',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
} as const;

/** Applies the fields given (stamping updated_at) and answers the appeal as it is now. */
export async function update(db: Queryable, id: string, fields: Record<string, unknown>): Promise<AppealRow> {
  const set = columnsToSet<'a', DB & { a: DB['appeals'] }>(fields, UPDATABLE, ['customFields']);
  const query = builder
    .updateTable('appeals as a')
    .set({ ...set, updated_at: sql`now()` })
    .where('a.id', '=', id)
    .returning(APPEAL_SELECTION)
    .$castTo<AppealRow>();
  return runOne(db, query);
}

export interface EventInput {
  action: string;
  field?: string | undefined;
  oldValue?: unknown;
  newValue?: unknown;
}

export async function insertEvents(db: Queryable, appealId: string, actorId: string | null, events: EventInput[]) {
  if (events.length === 0) {
    return;
  }
  await db.query(
    `INSERT INTO appeal_events (appeal_id, actor_id, action, field, old_value, new_value)
     SELECT $1, $2, e.action, e.field, e.old_value, e.new_value
     FROM unnest($3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) AS e (action, field, old_value, new_value)`,
    [
      appealId,
      actorId,
      events.map((e) => e.action),
      events.map((e) => e.field ?? null),
      events.map((e) => (e.oldValue === undefined ? null : JSON.stringify(e.oldValue))),
      events.map((e) => (e.newValue === undefined ? null : JSON.stringify(e.newValue))),
    ],
  );
}

export interface EventRow {
  id: number;
  appealId: string;
  actorId: string | null;
  at: Date;
  action: string;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
}

export const listEvents = (db: Queryable, appealId: string) =>
  db.query<EventRow>(
    `SELECT id, appeal_id AS "appealId", actor_id AS "actorId", at, action, field,
       old_value AS "oldValue", new_value AS "newValue"
     FROM appeal_events
     WHERE appeal_id = $1
     ORDER BY id`,
    [appealId],
  );

export interface MessageRow {
  id: string;
  appealId: string;
  direction: 'inbound' | 'outbound' | 'note';
  channel: string;
  body: string;
  authorId: string | null;
  createdAt: Date;
  /** An outbound e-mail's outbox state (status as the API names it; sentAt as JSON gives it). */
  delivery?: {
    status: 'queued' | 'sent' | 'failed';
    attempts: number;
    error: string | null;
    sentAt: string | null;
  } | null;
  /** What an inbound e-mail's mail_messages row says beside the text. */
  mail?: {
    from: string | null;
    fromName: string | null;
    subject: string | null;
    quoted: string | null;
    signature: string | null;
    html: string | null;
    parseError: string | null;
  } | null;
}

const MESSAGE_COLUMNS = `id, appeal_id AS "appealId", direction, channel, body, author_id AS "authorId",
  created_at AS "createdAt"`;

export async function insertMessage(
  db: Queryable,
  message: { appealId: string; direction: string; channel: string; body: string; authorId: string },
): Promise<MessageRow> {
  const row = await queryOne<MessageRow>(
    db,
    `INSERT INTO appeal_messages (appeal_id, direction, channel, body, author_id)
     VALUES ($1, $2, $3, $4, $5)
     RETURNING ${MESSAGE_COLUMNS}`,
    [message.appealId, message.direction, message.channel, message.body, message.authorId],
  );
  await db.query('UPDATE appeals SET updated_at = now() WHERE id = $1', [message.appealId]);
  return row;
}

/** The thread, each outbound e-mail with its delivery state, each inbound one with its mail record. */
export const listMessages = (db: Queryable, appealId: string, includeNotes: boolean) =>
  db.query<MessageRow>(
    `SELECT m.id, m.appeal_id AS "appealId", m.direction, m.channel, m.body, m.author_id AS "authorId",
       m.created_at AS "createdAt",
       CASE WHEN o.status IS NOT NULL THEN json_build_object(
         'status', CASE o.status WHEN 'sent' THEN 'sent' WHEN 'failed' THEN 'failed' ELSE 'queued' END,
         'attempts', o.attempts, 'error', o.last_error, 'sentAt', o.sent_at) END AS delivery,
       CASE WHEN mm.id IS NOT NULL THEN json_build_object(
         'from', mm.from_address, 'fromName', mm.from_name, 'subject', mm.subject, 'quoted', mm.quoted,
         'signature', mm.signature, 'html', mm.html, 'parseError', mm.parse_error) END AS mail
     FROM appeal_messages m
     LEFT JOIN LATERAL (SELECT status, attempts, last_error, sent_at FROM outbox
       WHERE appeal_message_id = m.id AND m.direction = 'outbound'
       ORDER BY id DESC LIMIT 1) o ON true
     LEFT JOIN LATERAL (SELECT id, from_address, from_name, subject, quoted, signature, html, parse_error
       FROM mail_messages
       WHERE appeal_message_id = m.id AND direction = 'inbound' AND m.direction = 'inbound'
       ORDER BY created_at LIMIT 1) mm ON true
     WHERE m.appeal_id = $1 AND ($2 OR m.direction <> 'note')
     ORDER BY m.created_at, m.id`,
    [appealId, includeNotes],
  );

/** Whether a user may own appeals: active and of a working role. */
export async function ownerCandidate(
  db: Queryable,
  userId: string,
): Promise<{ role: string; active: boolean } | undefined> {
  const rows = await db.query<{ role: string; active: boolean }>('SELECT role, active FROM users WHERE id = $1', [
    userId,
  ]);
  return rows[0];
}
