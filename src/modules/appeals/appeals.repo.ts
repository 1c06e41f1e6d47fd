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
  createdBy: string | null;
  sequenceNumber: string | null;
  receivedAt: Date;
  tags: string[];
  customFields: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

export const COLUMNS = `a.id, a.number, a.kind, a.channel, a.status, a.priority, a.subject, a.description,
  a.unit_id AS "unitId", a.category_id AS "categoryId", a.customer_id AS "customerId", a.owner_id AS "ownerId",
  a.created_by AS "createdBy", a.sequence_number AS "sequenceNumber", a.received_at AS "receivedAt", a.tags,
  a.custom_fields AS "customFields", a.created_at AS "createdAt", a.updated_at AS "updatedAt",
  a.resolved_at AS "resolvedAt", a.closed_at AS "closedAt"`;

export interface NewAppeal {
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
  tags: string[];
  customFields: Record<string, unknown>;
}

/**
 * Inserts the appeal, its 'created' history event and, when given, its new customer with their identities —
 * one atomic statement, the whole write of the common create. The customer part belongs to the customers
 * module's tables; it is here because one round trip instead of three is most of the create's cost.
 */
export async function insertWithEvent(
  db: Queryable,
  a: NewAppeal,
  customer: { id: string; name: string | null; companyName: string | null; companyCode: string | null; identities: { kind: string; value: string; placeholder: boolean }[] } | null,
): Promise<AppealRow> {
  const ids = customer?.identities ?? [];
  const rows = await db.query<AppealRow>(
    `WITH c AS (INSERT INTO customers (id, name, company_name, company_code) SELECT $16, $17, $18, $19 WHERE $16::uuid IS NOT NULL),
     ci AS (INSERT INTO customer_identities (customer_id, kind, value, placeholder)
       SELECT $16, t.k, t.v, t.p FROM unnest($20::text[], $21::text[], $22::boolean[]) AS t (k, v, p) WHERE $16::uuid IS NOT NULL),
     a AS (
       INSERT INTO appeals (kind, channel, status, priority, subject, description, unit_id, category_id, customer_id,
         owner_id, created_by, sequence_number, received_at, tags, custom_fields)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *),
     e AS (INSERT INTO appeal_events (appeal_id, actor_id, action, new_value)
       SELECT id, created_by, 'created', jsonb_build_object('number', number, 'status', status) FROM a)
     SELECT ${COLUMNS} FROM a`,
    [a.kind, a.channel, a.status, a.priority, a.subject, a.description, a.unitId, a.categoryId, a.customerId, a.ownerId,
      a.createdBy, a.sequenceNumber, a.receivedAt, a.tags, JSON.stringify(a.customFields),
      customer?.id ?? null, customer?.name ?? null, customer?.companyName ?? null, customer?.companyCode ?? null,
      ids.map((i) => i.kind), ids.map((i) => i.value), ids.map((i) => i.placeholder)],
  );
  return rows[0]!;
}

/**
 * The whole common create in one statement: finds the customer by a real phone (then e-mail) or creates them,
 * adds the contact details a known customer lacks (unless someone else owns them), fills a blank name, and
 * inserts the appeal and its 'created' event. A new customer's identities are inserted without ON CONFLICT so
 * that two requests racing to create the same customer fail one of them (the caller retries) instead of
 * making a duplicate.
 */
export async function insertWithCustomerLookup(db: Queryable, a: Omit<NewAppeal, 'customerId'>, c: CustomerToFind): Promise<AppealRow> {
  const rows = await db.query<AppealRow>(
    `WITH given AS (SELECT * FROM unnest($15::text[], $16::text[], $17::boolean[]) AS t (kind, value, placeholder)),
     found AS (SELECT i.customer_id AS id FROM customer_identities i JOIN given g ON g.kind = i.kind AND g.value = i.value
       WHERE NOT i.placeholder AND NOT g.placeholder ORDER BY i.kind = 'phone' DESC LIMIT 1),
     created AS (INSERT INTO customers (id, name, company_name, company_code)
       SELECT $18, $19, $20, $21 WHERE NOT EXISTS (SELECT 1 FROM found) RETURNING id),
     created_ids AS (INSERT INTO customer_identities (customer_id, kind, value, placeholder)
       SELECT created.id, g.kind, g.value, g.placeholder FROM created, given g),
     added_ids AS (INSERT INTO customer_identities (customer_id, kind, value, placeholder)
       SELECT found.id, g.kind, g.value, false FROM found, given g WHERE NOT g.placeholder
       ON CONFLICT (kind, value) WHERE NOT placeholder DO NOTHING),
     named AS (UPDATE customers SET name = $19, updated_at = now()
       WHERE id = (SELECT id FROM found) AND $19::text IS NOT NULL AND (name IS NULL OR name = '')),
     customer AS (SELECT id FROM found UNION ALL SELECT id FROM created),
     a AS (
       INSERT INTO appeals (kind, channel, status, priority, subject, description, unit_id, category_id, customer_id,
         owner_id, created_by, sequence_number, received_at, tags, custom_fields)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, customer.id, $9, $10, $11, $12, $13, $14 FROM customer RETURNING *),
     e AS (INSERT INTO appeal_events (appeal_id, actor_id, action, new_value)
       SELECT id, created_by, 'created', jsonb_build_object('number', number, 'status', status) FROM a)
     SELECT ${COLUMNS} FROM a`,
    [a.kind, a.channel, a.status, a.priority, a.subject, a.description, a.unitId, a.categoryId, a.ownerId,
      a.createdBy, a.sequenceNumber, a.receivedAt, a.tags, JSON.stringify(a.customFields),
      c.identities.map((i) => i.kind), c.identities.map((i) => i.value), c.identities.map((i) => i.placeholder),
      c.create.id, c.create.name, c.create.companyName, c.create.companyCode],
  );
  return rows[0]!;
}

export interface CustomerToFind {
  identities: { kind: string; value: string; placeholder: boolean }[];
  create: { id: string; name: string | null; companyName: string | null; companyCode: string | null };
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
  unitId: 'unit_id', categoryId: 'category_id', customerId: 'customer_id', ownerId: 'owner_id',
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

export const listMessages = (db: Queryable, appealId: string, includeNotes: boolean) =>
  db.query<MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM appeal_messages WHERE appeal_id = $1 AND ($2 OR direction <> 'note') ORDER BY created_at, id`,
    [appealId, includeNotes],
  );

/** Whether a user may own appeals: active and of a working role. */
export async function ownerCandidate(db: Queryable, userId: string): Promise<{ role: string; active: boolean } | undefined> {
  const rows = await db.query<{ role: string; active: boolean }>('SELECT role, active FROM users WHERE id = $1', [userId]);
  return rows[0];
}
