// The demo loader's bulk inserts: thousands of rows per statement as
// `INSERT … SELECT … FROM unnest($1::uuid[], $2::text[], …)`, which PGlite and PostgreSQL 15+ both run, with
// one parameter per column whatever the number of rows. Instants travel as ISO strings, row-level arrays
// (tags) as array literals, JSON as text.
import type { Queryable } from '../../db/db.ts';
import type { DemoAppeal, DemoCustomer, DemoOrg } from './model.ts';

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
/** A text[] literal for one row; the demo's tags are plain words, so no element needs quoting. */
const arrayLiteral = (items: readonly string[]): string => `{${items.join(',')}}`;
const jsonOrNull = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

export async function insertOrg(db: Queryable, org: DemoOrg, passwordHash: string): Promise<void> {
  const at = iso(org.createdAt);
  const { units, users, members } = org;
  await db.query(
    `INSERT INTO units (id, type, name, code, time_zone, parent_id, contacts, created_at, updated_at)
     SELECT id, type, name, code, time_zone, parent_id, contacts, $8, $8
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::jsonb[])
       AS t (id, type, name, code, time_zone, parent_id, contacts)`,
    [
      units.map((unit) => unit.id),
      units.map((unit) => unit.type),
      units.map((unit) => unit.name),
      units.map((unit) => unit.code),
      units.map((unit) => unit.timeZone),
      units.map((unit) => unit.parentId),
      units.map((unit) => JSON.stringify(unit.contacts)),
      at,
    ],
  );
  await db.query(
    `INSERT INTO users (id, email, name, role, password_hash, locale, created_at, updated_at)
     SELECT id, email, name, role, $5, locale, $6, $6
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $7::text[])
       AS t (id, email, name, role, locale)`,
    [
      users.map((user) => user.id),
      users.map((user) => user.email),
      users.map((user) => user.name),
      users.map((user) => user.role),
      passwordHash,
      at,
      users.map((user) => user.locale),
    ],
  );
  await db.query(
    `INSERT INTO unit_members (unit_id, user_id, responsible)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bool[])`,
    [
      members.map((member) => member.unitId),
      members.map((member) => member.userId),
      members.map((member) => member.responsible),
    ],
  );
}

/** Customers and their phones and e-mails; a real identity already in the database is skipped, not an error. */
export async function insertCustomers(db: Queryable, customers: readonly DemoCustomer[]): Promise<void> {
  await db.query(
    `INSERT INTO customers (id, name, company_name, company_code, birthday, consents, tags, created_at, updated_at)
     SELECT id, name, company_name, company_code, birthday, consents, tags::text[], created_at, created_at
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::jsonb[], $7::text[],
                 $8::timestamptz[])
       AS t (id, name, company_name, company_code, birthday, consents, tags, created_at)`,
    [
      customers.map((customer) => customer.id),
      customers.map((customer) => customer.name),
      customers.map((customer) => customer.companyName),
      customers.map((customer) => customer.companyCode),
      customers.map((customer) => customer.birthday),
      customers.map((customer) => JSON.stringify(customer.consents)),
      customers.map((customer) => arrayLiteral(customer.tags)),
      customers.map((customer) => iso(customer.createdAt)),
    ],
  );
  const ids: string[] = [];
  const customerIds: string[] = [];
  const kinds: string[] = [];
  const values: string[] = [];
  const placeholders: boolean[] = [];
  const createdAt: string[] = [];
  for (const customer of customers) {
    const at = iso(customer.createdAt);
    for (const identity of customer.identities) {
      ids.push(identity.id);
      customerIds.push(customer.id);
      kinds.push(identity.kind);
      values.push(identity.value);
      placeholders.push(identity.placeholder);
      createdAt.push(at);
    }
  }
  await db.query(
    `INSERT INTO customer_identities (id, customer_id, kind, value, placeholder, created_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bool[], $6::timestamptz[])
     ON CONFLICT (kind, value) WHERE NOT placeholder DO NOTHING`,
    [ids, customerIds, kinds, values, placeholders, createdAt],
  );
}

async function insertAppealRows(
  db: Queryable,
  appeals: readonly DemoAppeal[],
  categoryIds: ReadonlyMap<string, string>,
): Promise<void> {
  await db.query(
    `INSERT INTO appeals (id, number, kind, channel, status, priority, subject, description, unit_id, category_id,
       customer_id, owner_id, created_by, sequence_number, received_at, tags, created_at, updated_at, resolved_at,
       closed_at)
     SELECT id, number, kind, channel, status, priority, subject, description, unit_id, category_id,
       customer_id, owner_id, created_by, sequence_number, received_at, tags::text[], created_at, updated_at,
       resolved_at, closed_at
     FROM unnest($1::uuid[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
       $9::uuid[], $10::uuid[], $11::uuid[], $12::uuid[], $13::uuid[], $14::text[], $15::timestamptz[], $16::text[],
       $17::timestamptz[], $18::timestamptz[], $19::timestamptz[], $20::timestamptz[])
       AS t (id, number, kind, channel, status, priority, subject, description, unit_id, category_id,
         customer_id, owner_id, created_by, sequence_number, received_at, tags, created_at, updated_at, resolved_at,
         closed_at)`,
    [
      appeals.map((appeal) => appeal.id),
      appeals.map((appeal) => appeal.number),
      appeals.map((appeal) => appeal.kind),
      appeals.map((appeal) => appeal.channel),
      appeals.map((appeal) => appeal.status),
      appeals.map((appeal) => appeal.priority),
      appeals.map((appeal) => appeal.subject),
      appeals.map((appeal) => appeal.description),
      appeals.map((appeal) => appeal.unitId),
      appeals.map((appeal) => categoryIds.get(appeal.categoryCode) ?? null),
      appeals.map((appeal) => appeal.customerId),
      appeals.map((appeal) => appeal.ownerId),
      appeals.map((appeal) => appeal.createdBy),
      appeals.map((appeal) => appeal.sequenceNumber),
      appeals.map((appeal) => iso(appeal.receivedAt)),
      appeals.map((appeal) => arrayLiteral(appeal.tags)),
      appeals.map((appeal) => iso(appeal.createdAt)),
      appeals.map((appeal) => iso(appeal.updatedAt)),
      appeals.map((appeal) => isoOrNull(appeal.resolvedAt)),
      appeals.map((appeal) => isoOrNull(appeal.closedAt)),
    ],
  );
}

/** The appeals' messages; returns how many were written. */
async function insertMessages(db: Queryable, appeals: readonly DemoAppeal[]): Promise<number> {
  const messages = appeals.flatMap((appeal) => appeal.messages.map((message) => ({ ...message, appealId: appeal.id })));
  if (messages.length) {
    await db.query(
      `INSERT INTO appeal_messages (id, appeal_id, direction, channel, body, author_id, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[])`,
      [
        messages.map((message) => message.id),
        messages.map((message) => message.appealId),
        messages.map((message) => message.direction),
        messages.map((message) => message.channel),
        messages.map((message) => message.body),
        messages.map((message) => message.authorId),
        messages.map((message) => iso(message.at)),
      ],
    );
  }
  return messages.length;
}

async function insertEvents(db: Queryable, appeals: readonly DemoAppeal[]): Promise<void> {
  // Column by column in one pass: a batch holds tens of thousands of events.
  const appealIds: string[] = [];
  const actorIds: (string | null)[] = [];
  const at: string[] = [];
  const actions: string[] = [];
  const fields: (string | null)[] = [];
  const oldValues: (string | null)[] = [];
  const newValues: (string | null)[] = [];
  for (const appeal of appeals) {
    for (const event of appeal.events) {
      appealIds.push(appeal.id);
      actorIds.push(event.actorId);
      at.push(iso(event.at));
      actions.push(event.action);
      fields.push(event.field);
      oldValues.push(jsonOrNull(event.oldValue));
      newValues.push(jsonOrNull(event.newValue));
    }
  }
  // A function scan feeds the insert in array order, so identity ids follow the generated order and each appeal's
  // history reads in time order by id, as the app writes it (WITH ORDINALITY … ORDER BY cost a quarter more).
  await db.query(
    `INSERT INTO appeal_events (appeal_id, actor_id, at, action, field, old_value, new_value)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[])`,
    [appealIds, actorIds, at, actions, fields, oldValues, newValues],
  );
}

/** One batch of appeals with their messages and history; returns the number of messages written. */
export async function insertAppeals(
  db: Queryable,
  appeals: readonly DemoAppeal[],
  categoryIds: ReadonlyMap<string, string>,
): Promise<number> {
  await insertAppealRows(db, appeals, categoryIds);
  const messages = await insertMessages(db, appeals);
  await insertEvents(db, appeals);
  return messages;
}
