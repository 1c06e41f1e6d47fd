// SQL for users and their unit memberships.
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';
import type { Role } from '../auth/actor.ts';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: 'ru' | 'en';
  active: boolean;
  unitIds: string[];
  signature: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `u.id, u.email, u.name, u.role, u.locale, u.active, u.signature,
  u.created_at AS "createdAt", u.updated_at AS "updatedAt",
  coalesce((SELECT array_agg(m.unit_id ORDER BY m.unit_id) FROM unit_members m WHERE m.user_id = u.id), '{}')
    AS "unitIds"`;

export async function findById(db: Queryable, id: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>(`SELECT ${COLUMNS} FROM users u WHERE u.id = $1`, [id]))[0];
}

export async function findByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>(`SELECT ${COLUMNS} FROM users u WHERE u.email = $1`, [email]))[0];
}

export function list(
  db: Queryable,
  filter: {
    role?: string | undefined;
    unitId?: string | undefined;
    q?: string | undefined;
    active?: boolean | undefined;
  },
) {
  return db.query<UserRow>(
    `SELECT ${COLUMNS} FROM users u
     WHERE ($1::text IS NULL OR u.role = $1)
       AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM unit_members m WHERE m.user_id = u.id AND m.unit_id = $2))
       AND ($3::text IS NULL OR u.name ILIKE '%' || $3 || '%' OR u.email ILIKE '%' || $3 || '%')
       AND ($4::boolean IS NULL OR u.active = $4)
     ORDER BY u.name, u.id LIMIT 1000`,
    [filter.role ?? null, filter.unitId ?? null, filter.q ?? null, filter.active ?? null],
  );
}

export async function insert(
  db: Queryable,
  user: { email: string; name: string; role: Role; locale: string; passwordHash: string | null },
): Promise<string> {
  const row = await queryOne<{ id: string }>(
    db,
    'INSERT INTO users (email, name, role, locale, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [user.email, user.name, user.role, user.locale, user.passwordHash],
  );
  return row.id;
}

export async function update(
  db: Queryable,
  id: string,
  changes: {
    name?: string | undefined;
    role?: string | undefined;
    locale?: string | undefined;
    active?: boolean | undefined;
    passwordHash?: string | undefined;
    /** undefined leaves the signature, null removes it. */
    signature?: string | null | undefined;
  },
) {
  await db.query(
    `UPDATE users SET name = coalesce($2, name), role = coalesce($3, role), locale = coalesce($4, locale),
       active = coalesce($5, active), password_hash = coalesce($6, password_hash),
       signature = CASE WHEN $7 THEN $8 ELSE signature END, updated_at = now()
     WHERE id = $1`,
    [
      id,
      changes.name ?? null,
      changes.role ?? null,
      changes.locale ?? null,
      changes.active ?? null,
      changes.passwordHash ?? null,
      changes.signature !== undefined,
      changes.signature ?? null,
    ],
  );
}

export async function passwordHashOf(db: Queryable, id: string): Promise<string | null> {
  const rows = await db.query<{ hash: string | null }>('SELECT password_hash AS hash FROM users WHERE id = $1', [id]);
  return rows[0]?.hash ?? null;
}

export async function setUnits(db: Queryable, userId: string, unitIds: string[]) {
  await db.query('DELETE FROM unit_members WHERE user_id = $1 AND NOT (unit_id = ANY($2::uuid[]))', [userId, unitIds]);
  await db.query(
    `INSERT INTO unit_members (unit_id, user_id) SELECT u, $1 FROM unnest($2::uuid[]) AS u ON CONFLICT DO NOTHING`,
    [userId, unitIds],
  );
}

export async function countUnits(db: Queryable, ids: string[]): Promise<number> {
  const row = await queryOne<{ n: number }>(db, 'SELECT count(*)::int AS n FROM units WHERE id = ANY($1::uuid[])', [
    ids,
  ]);
  return row.n;
}

export async function countAdmins(db: Queryable): Promise<number> {
  const row = await queryOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active`);
  return row.n;
}
