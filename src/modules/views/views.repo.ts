// SQL for saved queue views. Every statement is bounded by the owner's id.
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';

export interface ViewRow {
  id: string;
  name: string;
  query: Record<string, string | string[]>;
  position: number;
  createdAt: Date;
}

const COLUMNS = `id, name, query, position, created_at AS "createdAt"`;

export const listByUser = (db: Queryable, userId: string) =>
  db.query<ViewRow>(`SELECT ${COLUMNS} FROM saved_views WHERE user_id = $1 ORDER BY position, created_at, id`, [
    userId,
  ]);

export async function findOwn(db: Queryable, userId: string, id: string): Promise<ViewRow | undefined> {
  return (
    await db.query<ViewRow>(`SELECT ${COLUMNS} FROM saved_views WHERE id = $1 AND user_id = $2`, [id, userId])
  )[0];
}

export async function findByName(db: Queryable, userId: string, name: string): Promise<{ id: string } | undefined> {
  return (
    await db.query<{ id: string }>('SELECT id FROM saved_views WHERE user_id = $1 AND name = $2', [userId, name])
  )[0];
}

/** Serialises a user's view changes (the count limit and name checks) behind a lock on their user row. */
export async function lockUser(db: Queryable, userId: string): Promise<void> {
  await db.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
}

export async function countByUser(db: Queryable, userId: string): Promise<number> {
  const row = await queryOne<{ n: number }>(db, 'SELECT count(*)::int AS n FROM saved_views WHERE user_id = $1', [
    userId,
  ]);
  return row.n;
}

/** Adds the view at the end of the user's list. */
export async function insert(db: Queryable, userId: string, name: string, query: unknown): Promise<string> {
  const row = await queryOne<{ id: string }>(
    db,
    `INSERT INTO saved_views (user_id, name, query, position)
     VALUES ($1, $2, $3::jsonb, (SELECT coalesce(max(position) + 1, 0) FROM saved_views WHERE user_id = $1))
     RETURNING id`,
    [userId, name, JSON.stringify(query)],
  );
  return row.id;
}

export async function update(
  db: Queryable,
  userId: string,
  id: string,
  set: { name?: string | undefined; query?: unknown },
): Promise<void> {
  await db.query(
    `UPDATE saved_views
     SET name = coalesce($3, name), query = coalesce($4::jsonb, query)
     WHERE id = $1 AND user_id = $2`,
    [id, userId, set.name ?? null, set.query === undefined ? null : JSON.stringify(set.query)],
  );
}

export async function remove(db: Queryable, userId: string, id: string): Promise<boolean> {
  return (
    (
      await db.query<{ id: string }>('DELETE FROM saved_views WHERE id = $1 AND user_id = $2 RETURNING id', [
        id,
        userId,
      ])
    ).length > 0
  );
}
