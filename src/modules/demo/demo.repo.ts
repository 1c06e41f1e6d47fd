// The demo loader's reads and bookkeeping: what the database already holds, the appeal numbers a load reserves
// and gives back, the org and customers an appending load reuses, and the undoing of a failed parallel load.
// The bulk inserts themselves are in demo.bulk.repo.ts.
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';
import type { CustomerRef, DemoMembership, DemoOrg, DemoUnit, DemoUser } from './model.ts';
import { guessGender } from './names.ts';

export interface ExistingData {
  appeals: number;
  demoUsers: number;
  units: number;
  users: number;
}

export async function existingData(db: Queryable, demoEmailDomain: string): Promise<ExistingData> {
  return queryOne<ExistingData>(
    db,
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM appeals LIMIT 1) a)::int AS appeals,
            (SELECT count(*) FROM users WHERE email LIKE '%@' || $1)::int AS "demoUsers",
            (SELECT count(*) FROM units)::int AS units,
            (SELECT count(*) FROM users)::int AS users`,
    [demoEmailDomain],
  );
}

export async function takenUnitCodes(db: Queryable, codes: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ code: string }>('SELECT code FROM units WHERE code = ANY($1::text[]) ORDER BY code', [
    codes,
  ]);
  return rows.map((row) => row.code);
}

export async function categoryIdsByCode(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; code: string }>('SELECT id, code FROM categories');
  return new Map(rows.map((row) => [row.code, row.id]));
}

/** The number the next appeal gets: past both the largest number in use and the sequence. */
export async function nextAppealNumber(db: Queryable): Promise<number> {
  const row = await queryOne<{ next: number }>(
    db,
    `SELECT greatest((SELECT coalesce(max(number), 0) FROM appeals),
                     (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM appeal_number_seq)
                    )::int8 + 1 AS next`,
  );
  return Number(row.next);
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
    const userIds = org.users.map((user) => user.id);
    await db.query('DELETE FROM unit_members WHERE user_id = ANY($1::uuid[])', [userIds]);
    await db.query('DELETE FROM users WHERE id = ANY($1::uuid[])', [userIds]);
    await db.query('DELETE FROM units WHERE id = ANY($1::uuid[])', [org.units.map((unit) => unit.id)]);
  }
}

/** Reads an existing org back for append mode, in a stable order so that generation stays reproducible. */
export async function loadOrg(db: Queryable, offsetOf: (timeZone: string) => number): Promise<DemoOrg> {
  const units = await db.query<Pick<DemoUnit, 'id' | 'type' | 'name' | 'code' | 'timeZone' | 'parentId'>>(
    `SELECT id, type, name, code, time_zone AS "timeZone", parent_id AS "parentId"
     FROM units
     WHERE active
     ORDER BY code NULLS LAST, id`,
  );
  const users = await db.query<Pick<DemoUser, 'id' | 'email' | 'name' | 'role' | 'locale'>>(
    'SELECT id, email, name, role, locale FROM users WHERE active ORDER BY email',
  );
  const members = await db.query<DemoMembership>(
    'SELECT unit_id AS "unitId", user_id AS "userId", responsible FROM unit_members ORDER BY unit_id, user_id',
  );
  const demoUnits: DemoUnit[] = units.map((unit) => ({
    ...unit,
    contacts: { emails: [], phones: [] },
    offsetMinutes: offsetOf(unit.timeZone),
    weight: 1,
    label: { ru: `«${unit.name}»`, en: unit.name, acc: `подразделение «${unit.name}»` },
  }));
  const demoUsers: DemoUser[] = users.map((user) => ({
    ...user,
    gender: guessGender(user.name),
    shortName: user.name,
  }));
  return { chain: 'Otklik', createdAt: 0, units: demoUnits, users: demoUsers, members };
}

/** Existing customers for appeals appended without new ones; the newest first, at most `limit`. */
export async function loadCustomerRefs(db: Queryable, limit: number): Promise<CustomerRef[]> {
  const rows = await db.query<{ id: string; name: string | null; hasEmail: boolean; vip: boolean }>(
    `SELECT c.id, c.name, 'vip' = ANY(c.tags) AS vip,
            EXISTS (SELECT 1 FROM customer_identities i
                    WHERE i.customer_id = c.id AND i.kind = 'email' AND NOT i.placeholder) AS "hasEmail"
     FROM customers c
     WHERE c.merged_into IS NULL
     ORDER BY c.created_at DESC, c.id
     LIMIT $1`,
    [limit],
  );
  return rows.map((row) => {
    const name = row.name ?? 'Клиент';
    const words = name.split(' ');
    // Фамилия Имя Отчество is addressed as Имя Отчество; anything else by its first word.
    const polite = words.length === 3 ? `${words[1]} ${words[2]}` : (words[0] ?? name);
    return {
      id: row.id,
      full: name,
      polite,
      gender: guessGender(name),
      english: /^[A-Za-z ]+$/.test(name),
      hasEmail: row.hasEmail,
      vip: row.vip,
    };
  });
}

export async function analyze(db: Queryable): Promise<void> {
  await db.exec('ANALYZE units, users, customers, customer_identities, appeals, appeal_messages, appeal_events');
}
