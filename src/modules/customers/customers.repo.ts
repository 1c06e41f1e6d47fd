// SQL for customers and their identities (phones, e-mails).
import { sql } from 'kysely';
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';
import { builder, columnsToSet, run } from '../../db/sql-builder.ts';

export interface IdentityRow {
  value: string;
  placeholder: boolean;
}

export interface CustomerRow {
  id: string;
  name: string | null;
  companyName: string | null;
  companyCode: string | null;
  birthday: string | null;
  consents: Record<string, boolean>;
  tags: string[];
  phones: IdentityRow[];
  emails: IdentityRow[];
  mergedInto: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const identities = (
  kind: string,
) => `coalesce((SELECT json_agg(json_build_object('value', i.value, 'placeholder', i.placeholder)
  ORDER BY i.created_at, i.value) FROM customer_identities i WHERE i.customer_id = c.id AND i.kind = '${kind}'), '[]')`;

const COLUMNS = `c.id, c.name, c.company_name AS "companyName", c.company_code AS "companyCode",
  to_char(c.birthday, 'YYYY-MM-DD') AS birthday, c.consents, c.tags, c.merged_into AS "mergedInto",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt",
  ${identities('phone')} AS phones, ${identities('email')} AS emails`;

export async function findById(db: Queryable, id: string): Promise<CustomerRow | undefined> {
  return (await db.query<CustomerRow>(`SELECT ${COLUMNS} FROM customers c WHERE c.id = $1`, [id]))[0];
}

/** The customer owning a real (non-placeholder) identity. */
export async function findByIdentity(
  db: Queryable,
  kind: 'phone' | 'email',
  value: string,
): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    'SELECT customer_id AS id FROM customer_identities WHERE kind = $1 AND value = $2 AND NOT placeholder',
    [kind, value],
  );
  return rows[0]?.id;
}

/** Customers owning any of these real identities, for one lookup on the hot path of appeal creation. */
export function findByIdentities(db: Queryable, phones: string[], emails: string[]) {
  return db.query<{ id: string; kind: 'phone' | 'email'; value: string; name: string | null }>(
    `SELECT i.customer_id AS id, i.kind, i.value, c.name
     FROM customer_identities i JOIN customers c ON c.id = i.customer_id
     WHERE NOT i.placeholder
       AND ((i.kind = 'phone' AND i.value = ANY($1::text[])) OR (i.kind = 'email' AND i.value = ANY($2::text[])))`,
    [phones, emails],
  );
}

export async function findByCompanyCode(db: Queryable, code: string): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM customers WHERE company_code = $1 AND merged_into IS NULL ORDER BY created_at LIMIT 1',
    [code],
  );
  return rows[0]?.id;
}

export async function insert(
  db: Queryable,
  customer: {
    name: string | null;
    companyName: string | null;
    companyCode: string | null;
    birthday: string | null;
    consents: object;
    tags: string[];
  },
): Promise<string> {
  const row = await queryOne<{ id: string }>(
    db,
    `INSERT INTO customers (name, company_name, company_code, birthday, consents, tags)
     VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING id`,
    [
      customer.name,
      customer.companyName,
      customer.companyCode,
      customer.birthday,
      JSON.stringify(customer.consents),
      customer.tags,
    ],
  );
  return row.id;
}

/** A new customer with their identities, in one statement (appeal creation's hot path). */
export async function insertWithIdentities(
  db: Queryable,
  customer: { id: string; name: string | null; companyName: string | null; companyCode: string | null },
  list: { kind: 'phone' | 'email'; value: string; placeholder: boolean }[],
): Promise<void> {
  await db.query(
    `WITH c AS (INSERT INTO customers (id, name, company_name, company_code) VALUES ($1, $2, $3, $4) RETURNING id)
     INSERT INTO customer_identities (customer_id, kind, value, placeholder)
       SELECT c.id, t.k, t.v, t.p FROM c, unnest($5::text[], $6::text[], $7::boolean[]) AS t (k, v, p)`,
    [
      customer.id,
      customer.name,
      customer.companyName,
      customer.companyCode,
      list.map((i) => i.kind),
      list.map((i) => i.value),
      list.map((i) => i.placeholder),
    ],
  );
}

export async function addIdentities(
  db: Queryable,
  customerId: string,
  list: { kind: 'phone' | 'email'; value: string; placeholder: boolean }[],
) {
  if (list.length === 0) {
    return;
  }
  await db.query(
    `INSERT INTO customer_identities (customer_id, kind, value, placeholder)
     SELECT $1, k, v, p FROM unnest($2::text[], $3::text[], $4::boolean[]) AS t (k, v, p)`,
    [customerId, list.map((i) => i.kind), list.map((i) => i.value), list.map((i) => i.placeholder)],
  );
}

export async function removeIdentitiesOfKind(db: Queryable, customerId: string, kind: 'phone' | 'email') {
  await db.query('DELETE FROM customer_identities WHERE customer_id = $1 AND kind = $2', [customerId, kind]);
}

const UPDATABLE = {
  name: 'name',
  companyName: 'company_name',
  companyCode: 'company_code',
  birthday: 'birthday',
  consents: 'consents',
  tags: 'tags',
} as const;

/** Applies only the fields given (and stamps updated_at even when none is). */
export async function update(db: Queryable, id: string, fields: Record<string, unknown>) {
  const set = columnsToSet<'customers'>(fields, UPDATABLE, ['consents']);
  await run(
    db,
    builder
      .updateTable('customers')
      .set({ ...set, updated_at: sql`now()` })
      .where('id', '=', id),
  );
}

export async function setNameIfBlank(db: Queryable, id: string, name: string) {
  await db.query(`UPDATE customers SET name = $2, updated_at = now() WHERE id = $1 AND (name IS NULL OR name = '')`, [
    id,
    name,
  ]);
}

export function search(
  db: Queryable,
  filter: {
    q?: string | undefined;
    phone?: string | undefined;
    email?: string | undefined;
    companyCode?: string | undefined;
    limit: number;
    after?: { createdAt: string; id: string } | undefined;
  },
) {
  return db.query<CustomerRow>(
    `SELECT ${COLUMNS} FROM customers c
     WHERE c.merged_into IS NULL
       AND ($1::text IS NULL OR lower(c.name) LIKE lower($1) || '%' OR lower(c.name) LIKE '% ' || lower($1) || '%'
            OR lower(c.company_name) LIKE '%' || lower($1) || '%'
            OR EXISTS (SELECT 1 FROM customer_identities i
              WHERE i.customer_id = c.id AND i.value LIKE lower($1) || '%'))
       AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM customer_identities i
         WHERE i.customer_id = c.id AND i.kind = 'phone' AND i.value = $2))
       AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM customer_identities i
         WHERE i.customer_id = c.id AND i.kind = 'email' AND i.value = $3))
       AND ($4::text IS NULL OR c.company_code = $4)
       AND ($5::timestamptz IS NULL OR (c.created_at, c.id) < ($5::timestamptz, $6::uuid))
     ORDER BY c.created_at DESC, c.id DESC LIMIT $7`,
    [
      filter.q ?? null,
      filter.phone ?? null,
      filter.email ?? null,
      filter.companyCode ?? null,
      filter.after?.createdAt ?? null,
      filter.after?.id ?? null,
      filter.limit,
    ],
  );
}

export async function appealCounts(db: Queryable, customerId: string) {
  return queryOne<{ total: number; incidents: number; thanks: number; open: number }>(
    db,
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE kind = 'incident')::int AS incidents,
       count(*) FILTER (WHERE kind = 'thanks')::int AS thanks,
       count(*) FILTER (WHERE status NOT IN ('resolved', 'closed'))::int AS open
     FROM appeals WHERE customer_id = $1`,
    [customerId],
  );
}
