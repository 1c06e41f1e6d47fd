// Idempotency-Key on create endpoints: the first request's answer is stored in the same transaction as
// what it created, so a retry returns that answer and creates nothing new — even when both race.
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../../db/db.ts';
import { AppError } from '../../server/errors.ts';
import * as repo from './idempotency.repo.ts';

export interface Outcome<T> {
  body: T;
  replayed: boolean;
}

const MAX_KEY_LENGTH = 255;

export async function idempotent<T>(
  db: Db,
  userId: string,
  key: string | undefined,
  route: string,
  request: unknown,
  run: (tx: Queryable) => Promise<T>,
): Promise<Outcome<T>> {
  if (key === undefined) {
    return { body: await db.transaction(run), replayed: false };
  }
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new AppError('validation_failed', `Idempotency-Key must be 1–${MAX_KEY_LENGTH} characters`, [
      { path: 'header.idempotency-key', code: 'invalid_length', message: 'Idempotency-Key must be 1–255 characters' },
    ]);
  }
  const requestHash = createHash('sha256')
    .update(route)
    .update(JSON.stringify(request) ?? '')
    .digest('base64url');
  return db.transaction(async (tx) => {
    if (await repo.claim(tx, userId, key, route, requestHash)) {
      const body = await run(tx);
      await repo.store(tx, userId, key, 201, body);
      return { body, replayed: false };
    }
    const stored = (await repo.find(tx, userId, key))!;
    if (stored.route !== route || stored.requestHash !== requestHash) {
      throw new AppError('idempotency_conflict', 'This Idempotency-Key was already used for a different request');
    }
    return { body: stored.response as T, replayed: true };
  });
}
