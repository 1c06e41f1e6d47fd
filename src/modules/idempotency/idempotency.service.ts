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

/** A create request that an Idempotency-Key makes safe to retry. */
export interface IdempotentRequest {
  db: Db;
  userId: string;
  /** The client's Idempotency-Key; without one the request simply runs. */
  key: string | undefined;
  route: string;
  /** What makes two requests "the same request", hashed with the route. */
  request: unknown;
}

export async function idempotent<T>(
  { db, userId, key, route, request }: IdempotentRequest,
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
  const owned = { userId, key };
  return db.transaction(async (tx) => {
    if (await repo.claim(tx, owned, { route, requestHash })) {
      const body = await run(tx);
      await repo.store(tx, owned, { statusCode: 201, response: body });
      return { body, replayed: false };
    }
    const stored = await repo.find(tx, owned);
    if (!stored) {
      throw new Error('a claimed Idempotency-Key has no row');
    }
    if (stored.route !== route || stored.requestHash !== requestHash) {
      throw new AppError('idempotency_conflict', 'This Idempotency-Key was already used for a different request');
    }
    return { body: stored.response as T, replayed: true };
  });
}
