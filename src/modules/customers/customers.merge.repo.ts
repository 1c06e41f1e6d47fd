// SQL of merging one customer into another: what would move, and moving it (appeals with their history,
// identities, the tombstone).
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';

/** Locks both customers (in id order, so two merges of the same pair cannot deadlock). */
export async function lockPair(db: Queryable, firstId: string, secondId: string): Promise<void> {
  await db.query('SELECT id FROM customers WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [[firstId, secondId]]);
}

export function appealsByKind(db: Queryable, customerId: string) {
  return db.query<{ kind: string; count: number }>(
    'SELECT kind, count(*)::int AS count FROM appeals WHERE customer_id = $1 GROUP BY kind ORDER BY kind',
    [customerId],
  );
}

export interface MovedAppeal {
  id: string;
  number: number;
  status: string;
  ownerId: string | null;
  unitId: string | null;
  updatedAt: Date;
}

/** Moves every appeal of `from` to `into`, writing a customerId event into each one's history; one statement. */
export function moveAppeals(db: Queryable, from: string, into: string, actorId: string): Promise<MovedAppeal[]> {
  return db.query<MovedAppeal>(
    `WITH moved AS (
       UPDATE appeals SET customer_id = $2, updated_at = now() WHERE customer_id = $1
       RETURNING id, number, status, owner_id, unit_id, updated_at),
     logged AS (
       INSERT INTO appeal_events (appeal_id, actor_id, action, field, old_value, new_value)
       SELECT id, $3, 'updated', 'customerId', to_jsonb($1::uuid), to_jsonb($2::uuid) FROM moved)
     SELECT id, number, status, owner_id AS "ownerId", unit_id AS "unitId", updated_at AS "updatedAt"
     FROM moved
     ORDER BY number`,
    [from, into, actorId],
  );
}

/** Identities of `from` the survivor already has are dropped; the rest move. Returns how many moved. */
export async function moveIdentities(db: Queryable, from: string, into: string): Promise<number> {
  await db.query(
    `DELETE FROM customer_identities f WHERE f.customer_id = $1
       AND EXISTS (SELECT 1 FROM customer_identities s
         WHERE s.customer_id = $2 AND s.kind = f.kind AND s.value = f.value)`,
    [from, into],
  );
  const row = await queryOne<{ n: number }>(
    db,
    `WITH m AS (UPDATE customer_identities SET customer_id = $2 WHERE customer_id = $1 RETURNING 1)
     SELECT count(*)::int AS n FROM m`,
    [from, into],
  );
  return row.n;
}

/** Marks `from` as merged into `into`, and re-points older tombstones of `from` to the survivor. */
export async function markMerged(db: Queryable, from: string, into: string, actorId: string): Promise<void> {
  await db.query(
    `UPDATE customers SET merged_into = $2, merged_at = now(), merged_by = $3, updated_at = now() WHERE id = $1`,
    [from, into, actorId],
  );
  await db.query('UPDATE customers SET merged_into = $2 WHERE merged_into = $1', [from, into]);
}
