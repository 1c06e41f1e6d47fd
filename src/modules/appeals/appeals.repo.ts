// SQL for appeals, their messages and their append-only history.
import type { Queryable } from '../../db/db.ts';

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

export const COLUMNS = `a.id, a.number, a.kind, a.channel, a.status, a.priority, a.subject, a.description,
  a.unit_id AS "unitId", a.category_id AS "categoryId", a.customer_id AS "customerId", a.owner_id AS "ownerId", a.queue_id AS "queueId",
  a.created_by AS "createdBy", a.sequence_number AS "sequenceNumber", a.received_at AS "receivedAt", a.tags,
  a.custom_fields AS "customFields", a.created_at AS "createdAt", a.updated_at AS "updatedAt",
  a.resolved_at AS "resolvedAt", a.closed_at AS "closedAt", a.suggestion`;

export interface NewAppeal {
  id: string;
  kind: string;
  channel: string;
  status: string;
  priority: string;
  subject: string;
  description: string;
  unitId: string | null;
  categoryId: string | null;
  customerId: string;
  ownerId: string | null;
  createdBy: string;
  sequenceNumber: string | null;
  receivedAt: Date;
  createdAt: Date;
  tags: string[];
  customFields: Record<string, unknown>;
  /** Set by routing rules or the classifier at creation. */
  queueId?: string | null | undefined;
  suggestion?: unknown;
}

export interface NewIdentity {
  kind: string;
  value: string;
  placeholder: boolean;
}

export interface NewCustomer {
  id: string;
  name: string | null;
  companyName: string | null;
  companyCode: string | null;
  identities: NewIdentity[];
}

/** The customer of a new appeal: known by id, to create, or to find by real identities (else create). */
export type AppealCustomer = { id: string } | { create: NewCustomer } | { findOrCreate: NewCustomer };

/** What hangs on the appeal in the same statement: its SLA targets, written only while their plan is current. */
export interface AppealExtras {
  slaGuard: { instance: string; version: number };
  /** Builds the CTE that writes the targets, given the appeal CTE's name and the parameter collector. */
  slaTargets: ((appeal: string, param: (value: unknown) => string) => string) | null;
  /** More history events after 'created' (the routing rules' trace), by the appeal's creator at its creation. */
  events?: readonly { action: string; newValue: unknown }[] | undefined;
}

/**
 * The whole create in one atomic statement (one round trip: on this machine a round trip costs more than the
 * rest of the request). It finds the customer by a real phone (then e-mail) or creates them — adding the contact
 * details a known customer lacks unless someone else owns them, and filling a blank name — then inserts the
 * appeal, its 'created' event and its SLA targets. The customer part touches the customers module's tables; it
 * is here because it must share the statement. A new customer's identities go in without ON CONFLICT, so two
 * requests racing to create the same customer fail one of them (the caller retries) rather than duplicate them.
 */
export async function insertAppeal(db: Queryable, a: NewAppeal, customer: AppealCustomer, extras: AppealExtras): Promise<AppealRow> {
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const ctes: string[] = [];
  if ('id' in customer) {
    ctes.push(`customer AS (SELECT ${p(customer.id)}::uuid AS id)`);
  } else {
    const c = 'create' in customer ? customer.create : customer.findOrCreate;
    const ids = c.identities;
    ctes.push(`given AS (SELECT * FROM unnest(${p(ids.map((i) => i.kind))}::text[], ${p(ids.map((i) => i.value))}::text[],
      ${p(ids.map((i) => i.placeholder))}::boolean[]) AS t (kind, value, placeholder))`);
    const name = p(c.name);
    if ('findOrCreate' in customer) {
      // A probe per identity (LIMIT keeps it from being flattened into a join): the statement is prepared, and a generic
      // plan made while the table was small would otherwise keep scanning it whole as it grows.
      ctes.push(`found AS (SELECT i.customer_id AS id FROM given g CROSS JOIN LATERAL (SELECT customer_id FROM customer_identities
        WHERE kind = g.kind AND value = g.value AND NOT placeholder LIMIT 1) i WHERE NOT g.placeholder ORDER BY g.kind = 'phone' DESC LIMIT 1)`);
      ctes.push(`added_ids AS (INSERT INTO customer_identities (customer_id, kind, value, placeholder)
        SELECT found.id, g.kind, g.value, false FROM found, given g WHERE NOT g.placeholder
        ON CONFLICT (kind, value) WHERE NOT placeholder DO NOTHING)`);
      ctes.push(`named AS (UPDATE customers SET name = ${name}, updated_at = now()
        WHERE id = (SELECT id FROM found) AND ${name}::text IS NOT NULL AND (name IS NULL OR name = ''))`);
    } else {
      ctes.push('found AS (SELECT NULL::uuid AS id WHERE false)');
    }
    ctes.push(`created AS (INSERT INTO customers (id, name, company_name, company_code)
      SELECT ${p(c.id)}, ${name}, ${p(c.companyName)}, ${p(c.companyCode)} WHERE NOT EXISTS (SELECT 1 FROM found) RETURNING id)`);
    ctes.push(`created_ids AS (INSERT INTO customer_identities (customer_id, kind, value, placeholder)
      SELECT created.id, g.kind, g.value, g.placeholder FROM created, given g)`);
    ctes.push('customer AS (SELECT id FROM found UNION ALL SELECT id FROM created)');
  }
  ctes.push(`a AS (
    INSERT INTO appeals (id, kind, channel, status, priority, subject, description, unit_id, category_id, customer_id,
      owner_id, created_by, sequence_number, received_at, tags, custom_fields, created_at, updated_at, queue_id, suggestion)
    SELECT ${p(a.id)}, ${p(a.kind)}, ${p(a.channel)}, ${p(a.status)}, ${p(a.priority)}, ${p(a.subject)}, ${p(a.description)},
      ${p(a.unitId)}::uuid, ${p(a.categoryId)}::uuid, customer.id, ${p(a.ownerId)}::uuid, ${p(a.createdBy)}::uuid, ${p(a.sequenceNumber)},
      ${p(a.receivedAt)}::timestamptz, ${p(a.tags)}::text[], ${p(JSON.stringify(a.customFields))}::jsonb, ${p(a.createdAt)}::timestamptz,
      ${p(a.createdAt)}::timestamptz, ${p(a.queueId ?? null)}::uuid, ${p(a.suggestion == null ? null : JSON.stringify(a.suggestion))}::jsonb
    FROM customer WHERE (SELECT sla_config_is(${p(extras.slaGuard.instance)}, ${p(extras.slaGuard.version)}))
    RETURNING *)`);
  if (extras.events?.length) {
    // One INSERT in order, so the history reads 'created' first and then the trace as it happened.
    const ev = extras.events;
    ctes.push(`e AS (INSERT INTO appeal_events (appeal_id, actor_id, action, new_value, at)
      SELECT appeal_id, actor_id, action, new_value, at FROM (
        SELECT 0::bigint AS ord, id AS appeal_id, created_by AS actor_id, 'created' AS action,
          jsonb_build_object('number', number, 'status', status) AS new_value, created_at AS at FROM a
        UNION ALL
        SELECT t.ord, a.id, a.created_by, t.action, t.new_value, a.created_at
        FROM a, unnest(${p(ev.map((x) => x.action))}::text[], ${p(ev.map((x) => JSON.stringify(x.newValue ?? null)))}::jsonb[])
          WITH ORDINALITY AS t (action, new_value, ord)) x ORDER BY ord)`);
  } else {
    ctes.push(`e AS (INSERT INTO appeal_events (appeal_id, actor_id, action, new_value, at)
    SELECT id, created_by, 'created', jsonb_build_object('number', number, 'status', status), created_at FROM a)`);
  }
  if (extras.slaTargets) ctes.push(`targets AS (${extras.slaTargets('a', p)})`);
  // A handful of shapes, each planned alike whatever the values: worth keeping prepared.
  const rows = await db.query<AppealRow>(`WITH ${ctes.join(',\n')}\nSELECT ${COLUMNS} FROM a`, params, { prepared: true });
  return rows[0]!;
}

export async function findById(db: Queryable, id: string, forUpdate = false): Promise<AppealRow | undefined> {
  const rows = await db.query<AppealRow>(`SELECT ${COLUMNS} FROM appeals a WHERE a.id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

export async function findUnitOf(db: Queryable, id: string): Promise<{ id: string; unitId: string | null } | undefined> {
  const rows = await db.query<{ id: string; unitId: string | null }>('SELECT id, unit_id AS "unitId" FROM appeals WHERE id = $1', [id]);
  return rows[0];
}

const UPDATABLE: Record<string, string> = {
  kind: 'kind', channel: 'channel', status: 'status', priority: 'priority', subject: 'subject', description: 'description',
  unitId: 'unit_id', categoryId: 'category_id', customerId: 'customer_id', ownerId: 'owner_id', queueId: 'queue_id',
  sequenceNumber: 'sequence_number', tags: 'tags', customFields: 'custom_fields', resolvedAt: 'resolved_at', closedAt: 'closed_at',
};

export async function update(db: Queryable, id: string, set: Record<string, unknown>): Promise<AppealRow> {
  const entries = Object.entries(set).filter(([k]) => UPDATABLE[k]);
  const assignments = entries.map(([k], i) => `${UPDATABLE[k]} = $${i + 2}`);
  const values = entries.map(([k, v]) => (k === 'customFields' ? JSON.stringify(v) : v));
  const rows = await db.query<AppealRow>(
    `UPDATE appeals a SET ${[...assignments, 'updated_at = now()'].join(', ')} WHERE a.id = $1 RETURNING ${COLUMNS}`,
    [id, ...values],
  );
  return rows[0]!;
}

export interface EventInput {
  action: string;
  field?: string | undefined;
  oldValue?: unknown;
  newValue?: unknown;
}

export async function insertEvents(db: Queryable, appealId: string, actorId: string | null, events: EventInput[]) {
  if (events.length === 0) return;
  await db.query(
    `INSERT INTO appeal_events (appeal_id, actor_id, action, field, old_value, new_value)
     SELECT $1, $2, e.action, e.field, e.old_value, e.new_value
     FROM unnest($3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) AS e (action, field, old_value, new_value)`,
    [appealId, actorId, events.map((e) => e.action), events.map((e) => e.field ?? null),
      events.map((e) => (e.oldValue === undefined ? null : JSON.stringify(e.oldValue))),
      events.map((e) => (e.newValue === undefined ? null : JSON.stringify(e.newValue)))],
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
    `SELECT id, appeal_id AS "appealId", actor_id AS "actorId", at, action, field, old_value AS "oldValue", new_value AS "newValue"
     FROM appeal_events WHERE appeal_id = $1 ORDER BY id`,
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
  delivery?: { status: 'queued' | 'sent' | 'failed'; attempts: number; error: string | null; sentAt: string | null } | null;
  /** What an inbound e-mail's mail_messages row says beside the text. */
  mail?: { from: string | null; fromName: string | null; subject: string | null; quoted: string | null; signature: string | null; html: string | null; parseError: string | null } | null;
}

const MESSAGE_COLUMNS = `id, appeal_id AS "appealId", direction, channel, body, author_id AS "authorId", created_at AS "createdAt"`;

export async function insertMessage(db: Queryable, m: { appealId: string; direction: string; channel: string; body: string; authorId: string }) {
  const rows = await db.query<MessageRow>(
    `INSERT INTO appeal_messages (appeal_id, direction, channel, body, author_id) VALUES ($1, $2, $3, $4, $5) RETURNING ${MESSAGE_COLUMNS}`,
    [m.appealId, m.direction, m.channel, m.body, m.authorId],
  );
  await db.query('UPDATE appeals SET updated_at = now() WHERE id = $1', [m.appealId]);
  return rows[0]!;
}

/** The thread, with each outbound e-mail's delivery state and each inbound e-mail's mail record (one lateral join each). */
export const listMessages = (db: Queryable, appealId: string, includeNotes: boolean) =>
  db.query<MessageRow>(
    `SELECT m.id, m.appeal_id AS "appealId", m.direction, m.channel, m.body, m.author_id AS "authorId", m.created_at AS "createdAt",
       CASE WHEN o.status IS NOT NULL THEN json_build_object('status', CASE o.status WHEN 'sent' THEN 'sent' WHEN 'failed' THEN 'failed' ELSE 'queued' END,
         'attempts', o.attempts, 'error', o.last_error, 'sentAt', o.sent_at) END AS delivery,
       CASE WHEN mm.id IS NOT NULL THEN json_build_object('from', mm.from_address, 'fromName', mm.from_name, 'subject', mm.subject,
         'quoted', mm.quoted, 'signature', mm.signature, 'html', mm.html, 'parseError', mm.parse_error) END AS mail
     FROM appeal_messages m
     LEFT JOIN LATERAL (SELECT status, attempts, last_error, sent_at FROM outbox
       WHERE appeal_message_id = m.id AND m.direction = 'outbound' ORDER BY id DESC LIMIT 1) o ON true
     LEFT JOIN LATERAL (SELECT id, from_address, from_name, subject, quoted, signature, html, parse_error FROM mail_messages
       WHERE appeal_message_id = m.id AND direction = 'inbound' AND m.direction = 'inbound' ORDER BY created_at LIMIT 1) mm ON true
     WHERE m.appeal_id = $1 AND ($2 OR m.direction <> 'note') ORDER BY m.created_at, m.id`,
    [appealId, includeNotes],
  );

/** Whether a user may own appeals: active and of a working role. */
export async function ownerCandidate(db: Queryable, userId: string): Promise<{ role: string; active: boolean } | undefined> {
  const rows = await db.query<{ role: string; active: boolean }>('SELECT role, active FROM users WHERE id = $1', [userId]);
  return rows[0];
}
