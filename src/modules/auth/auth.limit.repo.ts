// SQL of the login limit: failed logins recorded, read back per e-mail and address and per address, forgotten.
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';

export interface FailureKey {
  address: string;
  email: string;
}

/** When the limits began to hold: the N-th latest failure within the window, per e-mail and address and per address. */
export interface LatestFailures {
  account: Date | null;
  address: Date | null;
}

// One statement, two index range scans on (address, failed_at): the N-th latest is OFFSET N - 1.
export function nthLatestFailures(
  db: Queryable,
  key: FailureKey,
  limits: { since: Date; perAccount: number; perAddress: number },
): Promise<LatestFailures> {
  return queryOne<LatestFailures>(
    db,
    `SELECT
       (SELECT failed_at FROM login_failures
        WHERE address = $1 AND email = $2 AND failed_at > $3
        ORDER BY failed_at DESC OFFSET $4 LIMIT 1) AS account,
       (SELECT failed_at FROM login_failures
        WHERE address = $1 AND failed_at > $3
        ORDER BY failed_at DESC OFFSET $5 LIMIT 1) AS address`,
    [key.address, key.email, limits.since, limits.perAccount - 1, limits.perAddress - 1],
  );
}

/** Records one failure, and drops every failure older than the window (of any address). */
export async function recordFailure(db: Queryable, key: FailureKey, at: Date, windowStart: Date): Promise<void> {
  await db.query('INSERT INTO login_failures (address, email, failed_at) VALUES ($1, $2, $3)', [
    key.address,
    key.email,
    at,
  ]);
  await db.query('DELETE FROM login_failures WHERE failed_at <= $1', [windowStart]);
}

/** A login that succeeded forgives that account's failures from that address. */
export async function forgetFailures(db: Queryable, key: FailureKey): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE address = $1 AND email = $2', [key.address, key.email]);
}
