// Stored answers to create requests, keyed by (user, Idempotency-Key).
import type { Queryable } from '../../db/db.ts';

export interface StoredAnswer {
  route: string;
  requestHash: string;
  statusCode: number | null;
  response: unknown;
}

/** A user's key: each user's keys are their own. */
export interface OwnedKey {
  userId: string;
  key: string;
}

/** Claims the key; waits for a concurrent holder to finish, then returns false if it was taken. */
export async function claim(
  db: Queryable,
  { userId, key }: OwnedKey,
  { route, requestHash }: { route: string; requestHash: string },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO idempotency_keys (user_id, key, route, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [userId, key, route, requestHash],
  );
  return rows.length === 1;
}

export async function find(db: Queryable, { userId, key }: OwnedKey): Promise<StoredAnswer | undefined> {
  const rows = await db.query<StoredAnswer>(
    `SELECT route, request_hash AS "requestHash", status_code AS "statusCode", response
     FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
    [userId, key],
  );
  return rows[0];
}

export async function store(
  db: Queryable,
  { userId, key }: OwnedKey,
  { statusCode, response }: { statusCode: number; response: unknown },
) {
  await db.query('UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2', [
    userId,
    key,
    statusCode,
    JSON.stringify(response),
  ]);
}

export async function purgeOlderThan(db: Queryable, hours: number) {
  await db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`, [hours]);
}
