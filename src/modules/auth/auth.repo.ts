// SQL for sessions and API tokens, and for loading the actor behind either.
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';
import type { Actor } from './actor.ts';

const ACTOR_COLUMNS = `u.id, u.email, u.name, u.role, u.locale,
  coalesce((SELECT array_agg(m.unit_id) FROM unit_members m WHERE m.user_id = u.id), '{}') AS "unitIds"`;

export async function findUserForLogin(db: Queryable, email: string) {
  const rows = await db.query<{ id: string; passwordHash: string | null; active: boolean }>(
    'SELECT id, password_hash AS "passwordHash", active FROM users WHERE email = $1',
    [email],
  );
  return rows[0];
}

export async function insertSession(db: Queryable, tokenHash: string, userId: string, expiresAt: Date) {
  await db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
    tokenHash,
    userId,
    expiresAt,
  ]);
}

export async function deleteSession(db: Queryable, tokenHash: string) {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

export async function deleteSessionsOfUser(db: Queryable, userId: string) {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

export async function actorBySession(db: Queryable, tokenHash: string): Promise<Actor | undefined> {
  const rows = await db.query<Actor>(
    `SELECT ${ACTOR_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
    [tokenHash],
  );
  return rows[0];
}

export async function actorByToken(db: Queryable, tokenHash: string): Promise<Actor | undefined> {
  const rows = await db.query<Actor>(
    `SELECT ${ACTOR_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.active`,
    [tokenHash],
  );
  return rows[0];
}

export async function touchToken(db: Queryable, tokenHash: string) {
  // Once a minute is precise enough for "last used" and keeps the hot path free of writes.
  await db.query(
    `UPDATE api_tokens SET last_used_at = now()
     WHERE token_hash = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [tokenHash],
  );
}

export interface ApiTokenRow {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const TOKEN_COLUMNS = `id, user_id AS "userId", name, prefix, created_at AS "createdAt", expires_at AS "expiresAt",
  last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

export async function insertToken(
  db: Queryable,
  token: { userId: string; name: string; prefix: string; tokenHash: string; expiresAt: Date | null },
): Promise<ApiTokenRow> {
  return queryOne<ApiTokenRow>(
    db,
    `INSERT INTO api_tokens (user_id, name, prefix, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${TOKEN_COLUMNS}`,
    [token.userId, token.name, token.prefix, token.tokenHash, token.expiresAt],
  );
}

export function listTokens(db: Queryable, userId: string | null): Promise<ApiTokenRow[]> {
  return db.query<ApiTokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE ($1::uuid IS NULL OR user_id = $1) ORDER BY created_at DESC`,
    [userId],
  );
}

export async function findToken(db: Queryable, id: string): Promise<ApiTokenRow | undefined> {
  return (await db.query<ApiTokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE id = $1`, [id]))[0];
}

export async function revokeToken(db: Queryable, id: string): Promise<ApiTokenRow | undefined> {
  const rows = await db.query<ApiTokenRow>(
    `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${TOKEN_COLUMNS}`,
    [id],
  );
  return rows[0];
}
