// The SQL of the demo loader: bulk inserts of thousands of rows per statement as
// `INSERT … SELECT … FROM unnest($1::uuid[], $2::text[], …)`, which PGlite and PostgreSQL 15+ both run, with
// one parameter per column whatever the number of rows. Instants travel as ISO strings, row-level arrays
// (tags) as array literals, JSON as text.
import type { Queryable } from '../../db/db.ts';
import type { CustomerRef, DemoAppeal, DemoCustomer, DemoOrg, DemoUnit, DemoUser, Role, UnitType } from './model.ts';
import { guessGender } from './names.ts';

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
/** A text[] literal for one row; the demo's tags are plain words, so no element needs quoting. */
const arrayLiteral = (items: readonly string[]): string => `{${items.join(',')}}`;

export async function existingData(
  db: Queryable,
  demoEmailDomain: string,
): Promise<{ appeals: number; demoUsers: number; units: number; users: number }> {
  const rows = await db.query<{ appeals: number; demoUsers: number; units: number; users: number }>(
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM appeals LIMIT 1) a)::int AS appeals,
            (SELECT count(*) FROM users WHERE email LIKE '%@' || $1)::int AS "demoUsers",
            (SELECT count(*) FROM units)::int AS units,
            (SELECT count(*) FROM users)::int AS users`,
    [demoEmailDomain],
  );
  return rows[0]!;
}

export async function takenUnitCodes(db: Queryable, codes: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ code: string }>('SELECT code FROM units WHERE code = ANY($1::text[]) ORDER BY code', [
    codes,
  ]);
  return rows.map((r) => r.code);
}

export async function categoryIdsByCode(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; code: string }>('SELECT id, code FROM categories');
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** The number the next appeal gets: past both the largest number in use and the sequence. */
export async function nextAppealNumber(db: Queryable): Promise<number> {
  const rows = await db.query<{ next: number }>(
    `SELECT greatest((SELECT coalesce(max(number), 0) FROM appeals),
                     (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM appeal_number_seq))::int8 + 1 AS next`,
  );
  return Number(rows[0]!.next);
}

/**
 * Moves the sequence past the numbers the loader will set explicitly, so appeals registered meanwhile by live
 * users take numbers after them. Sequences ignore rollback: a failed load leaves a gap, never a clash.
 */
export async function reserveAppealNumbers(db: Queryable, last: number): Promise<void> {
  await db.query(
    `SELECT setval('appeal_number_seq', greatest($1::int8, (SELECT coalesce(max(number), 1) FROM appeals)))`,
    [last],
  );
}

/** Gives reserved numbers back after a failed load, unless someone has drawn from the sequence since. */
export async function releaseAppealNumbers(db: Queryable, numbers: readonly [number, number]): Promise<void> {
  await db.query(
    `SELECT setval('appeal_number_seq', greatest($1::int8 - 1, 1), $1::int8 > 1)
     WHERE (SELECT last_value FROM appeal_number_seq) = $2::int8`,
    numbers,
  );
}

/** Undoes a load that ran in several transactions and failed in one of them. */
export async function removeLoaded(
  db: Queryable,
  numbers: readonly [number, number],
  customerIds: readonly string[],
  org: DemoOrg | null,
): Promise<void> {
  const range = `SELECT id FROM appeals WHERE number BETWEEN $1 AND $2`;
  await db.query(`DELETE FROM appeal_events WHERE appeal_id IN (${range})`, numbers);
  await db.query(`DELETE FROM appeal_messages WHERE appeal_id IN (${range})`, numbers);
  await db.query('DELETE FROM appeals WHERE number BETWEEN $1 AND $2', numbers);
  await db.query('DELETE FROM customer_identities WHERE customer_id = ANY($1::uuid[])', [customerIds]);
  await db.query('DELETE FROM customers WHERE id = ANY($1::uuid[])', [customerIds]);
  if (org) {
    const userIds = org.users.map((u) => u.id);
    await db.query('DELETE FROM unit_members WHERE user_id = ANY($1::uuid[])', [userIds]);
    await db.query('DELETE FROM users WHERE id = ANY($1::uuid[])', [userIds]);
    await db.query('DELETE FROM units WHERE id = ANY($1::uuid[])', [org.units.map((u) => u.id)]);
  }
}

export async function insertOrg(db: Queryable, org: DemoOrg, passwordHash: string): Promise<void> {
  const at = iso(org.createdAt);
  const u = org.units;
  await db.query(
    `INSERT INTO units (id, type, name, code, time_zone, parent_id, contacts, created_at, updated_at)
     SELECT id, type, name, code, time_zone, parent_id, contacts, $8, $8
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::jsonb[])
       AS t (id, type, name, code, time_zone, parent_id, contacts)`,
    [
      u.map((x) => x.id),
      u.map((x) => x.type),
      u.map((x) => x.name),
      u.map((x) => x.code),
      u.map((x) => x.timeZone),
      u.map((x) => x.parentId),
      u.map((x) => JSON.stringify(x.contacts)),
      at,
    ],
  );
  const p = org.users;
  await db.query(
    `INSERT INTO users (id, email, name, role, password_hash, locale, created_at, updated_at)
     SELECT id, email, name, role, $5, locale, $6, $6 FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $7::text[])
       AS t (id, email, name, role, locale)`,
    [
      p.map((x) => x.id),
      p.map((x) => x.email),
      p.map((x) => x.name),
      p.map((x) => x.role),
      passwordHash,
      at,
      p.map((x) => x.locale),
    ],
  );
  const m = org.members;
  await db.query(
    `INSERT INTO unit_members (unit_id, user_id, responsible)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bool[])`,
    [m.map((x) => x.unitId), m.map((x) => x.userId), m.map((x) => x.responsible)],
  );
}

/** Reads an existing org back for append mode, in a stable order so that generation stays reproducible. */
export async function loadOrg(db: Queryable, offsetOf: (timeZone: string) => number): Promise<DemoOrg> {
  const units = await db.query<{
    id: string;
    type: UnitType;
    name: string;
    code: string | null;
    timeZone: string;
    parentId: string | null;
  }>(
    `SELECT id, type, name, code, time_zone AS "timeZone", parent_id AS "parentId" FROM units WHERE active ORDER BY code NULLS LAST, id`,
  );
  const users = await db.query<{ id: string; email: string; name: string; role: Role; locale: 'ru' | 'en' }>(
    'SELECT id, email, name, role, locale FROM users WHERE active ORDER BY email',
  );
  const members = await db.query<{ unitId: string; userId: string; responsible: boolean }>(
    'SELECT unit_id AS "unitId", user_id AS "userId", responsible FROM unit_members ORDER BY unit_id, user_id',
  );
  const demoUnits: DemoUnit[] = units.map((r) => ({
    ...r,
    contacts: { emails: [], phones: [] },
    offsetMinutes: offsetOf(r.timeZone),
    weight: 1,
    label: { ru: `«${r.name}»`, en: r.name, acc: `подразделение «${r.name}»` },
  }));
  const demoUsers: DemoUser[] = users.map((r) => ({ ...r, gender: guessGender(r.name), shortName: r.name }));
  return { chain: 'Otklik', createdAt: 0, units: demoUnits, users: demoUsers, members };
}

/** Existing customers for appeals appended without new ones; the newest first, at most `limit`. */
export async function loadCustomerRefs(db: Queryable, limit: number): Promise<CustomerRef[]> {
  const rows = await db.query<{ id: string; name: string | null; hasEmail: boolean; vip: boolean }>(
    `SELECT c.id, c.name, 'vip' = ANY(c.tags) AS vip,
            EXISTS (SELECT 1 FROM customer_identities i WHERE i.customer_id = c.id AND i.kind = 'email' AND NOT i.placeholder) AS "hasEmail"
     FROM customers c WHERE c.merged_into IS NULL ORDER BY c.created_at DESC, c.id LIMIT $1`,
    [limit],
  );
  return rows.map((r) => {
    const name = r.name ?? 'Клиент';
    const words = name.split(' ');
    const polite = words.length === 3 ? `${words[1]} ${words[2]}` : words[0]!;
    return {
      id: r.id,
      full: name,
      polite,
      gender: guessGender(name),
      english: /^[A-Za-z ]+$/.test(name),
      hasEmail: r.hasEmail,
      vip: r.vip,
    };
  });
}

/** Customers and their phones and e-mails; a real identity already in the database is skipped, not an error. */
export async function insertCustomers(db: Queryable, customers: readonly DemoCustomer[]): Promise<void> {
  const c = customers;
  await db.query(
    `INSERT INTO customers (id, name, company_name, company_code, birthday, consents, tags, created_at, updated_at)
     SELECT id, name, company_name, company_code, birthday, consents, tags::text[], created_at, created_at
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::jsonb[], $7::text[], $8::timestamptz[])
       AS t (id, name, company_name, company_code, birthday, consents, tags, created_at)`,
    [
      c.map((x) => x.id),
      c.map((x) => x.name),
      c.map((x) => x.companyName),
      c.map((x) => x.companyCode),
      c.map((x) => x.birthday),
      c.map((x) => JSON.stringify(x.consents)),
      c.map((x) => arrayLiteral(x.tags)),
      c.map((x) => iso(x.createdAt)),
    ],
  );
  const ids: string[] = [],
    owners: string[] = [],
    kinds: string[] = [],
    values: string[] = [],
    placeholders: boolean[] = [],
    at: string[] = [];
  for (const customer of c) {
    const created = iso(customer.createdAt);
    for (const i of customer.identities) {
      ids.push(i.id);
      owners.push(customer.id);
      kinds.push(i.kind);
      values.push(i.value);
      placeholders.push(i.placeholder);
      at.push(created);
    }
  }
  await db.query(
    `INSERT INTO customer_identities (id, customer_id, kind, value, placeholder, created_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bool[], $6::timestamptz[])
     ON CONFLICT (kind, value) WHERE NOT placeholder DO NOTHING`,
    [ids, owners, kinds, values, placeholders, at],
  );
}

/** One batch of appeals with their messages and history; returns the number of messages written. */
export async function insertAppeals(
  db: Queryable,
  appeals: readonly DemoAppeal[],
  categoryIds: ReadonlyMap<string, string>,
): Promise<number> {
  const a = appeals;
  await db.query(
    `INSERT INTO appeals (id, number, kind, channel, status, priority, subject, description, unit_id, category_id, customer_id,
       owner_id, created_by, sequence_number, received_at, tags, created_at, updated_at, resolved_at, closed_at)
     SELECT id, number, kind, channel, status, priority, subject, description, unit_id, category_id, customer_id,
       owner_id, created_by, sequence_number, received_at, tags::text[], created_at, updated_at, resolved_at, closed_at
     FROM unnest($1::uuid[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[],
       $10::uuid[], $11::uuid[], $12::uuid[], $13::uuid[], $14::text[], $15::timestamptz[], $16::text[], $17::timestamptz[],
       $18::timestamptz[], $19::timestamptz[], $20::timestamptz[])
       AS t (id, number, kind, channel, status, priority, subject, description, unit_id, category_id, customer_id,
         owner_id, created_by, sequence_number, received_at, tags, created_at, updated_at, resolved_at, closed_at)`,
    [
      a.map((x) => x.id),
      a.map((x) => x.number),
      a.map((x) => x.kind),
      a.map((x) => x.channel),
      a.map((x) => x.status),
      a.map((x) => x.priority),
      a.map((x) => x.subject),
      a.map((x) => x.description),
      a.map((x) => x.unitId),
      a.map((x) => categoryIds.get(x.categoryCode) ?? null),
      a.map((x) => x.customerId),
      a.map((x) => x.ownerId),
      a.map((x) => x.createdBy),
      a.map((x) => x.sequenceNumber),
      a.map((x) => iso(x.receivedAt)),
      a.map((x) => arrayLiteral(x.tags)),
      a.map((x) => iso(x.createdAt)),
      a.map((x) => iso(x.updatedAt)),
      a.map((x) => isoOrNull(x.resolvedAt)),
      a.map((x) => isoOrNull(x.closedAt)),
    ],
  );

  const messages = a.flatMap((x) => x.messages.map((m) => ({ appealId: x.id, m })));
  if (messages.length) {
    await db.query(
      `INSERT INTO appeal_messages (id, appeal_id, direction, channel, body, author_id, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[])`,
      [
        messages.map((x) => x.m.id),
        messages.map((x) => x.appealId),
        messages.map((x) => x.m.direction),
        messages.map((x) => x.m.channel),
        messages.map((x) => x.m.body),
        messages.map((x) => x.m.authorId),
        messages.map((x) => iso(x.m.at)),
      ],
    );
  }

  const appealIds: string[] = [],
    actors: (string | null)[] = [],
    at: string[] = [],
    actions: string[] = [];
  const fields: (string | null)[] = [],
    olds: (string | null)[] = [],
    news: (string | null)[] = [];
  for (const x of a) {
    for (const e of x.events) {
      appealIds.push(x.id);
      actors.push(e.actorId);
      at.push(iso(e.at));
      actions.push(e.action);
      fields.push(e.field);
      olds.push(e.oldValue === null ? null : JSON.stringify(e.oldValue));
      news.push(e.newValue === null ? null : JSON.stringify(e.newValue));
    }
  }
  // A function scan feeds the insert in array order, so identity ids follow the generated order and each appeal's
  // history reads in time order by id, as the app writes it (WITH ORDINALITY … ORDER BY cost a quarter more).
  await db.query(
    `INSERT INTO appeal_events (appeal_id, actor_id, at, action, field, old_value, new_value)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[])`,
    [appealIds, actors, at, actions, fields, olds, news],
  );
  return messages.length;
}

export async function analyze(db: Queryable): Promise<void> {
  await db.exec('ANALYZE units, users, customers, customer_identities, appeals, appeal_messages, appeal_events');
}
