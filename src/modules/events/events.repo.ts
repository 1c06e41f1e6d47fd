// SQL of live updates: sending a notification to other Otklik processes, and the few fields an event carries.
import type { Queryable } from '../../db/db.ts';
import type { AppealSnapshot } from './events.schema.ts';

export async function notify(db: Queryable, channel: string, payload: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [channel, payload]);
}

export async function appealSnapshot(db: Queryable, id: string): Promise<AppealSnapshot | undefined> {
  const rows = await db.query<AppealSnapshot>(
    `SELECT id, number, status, owner_id AS "ownerId", unit_id AS "unitId", updated_at AS "updatedAt" FROM appeals WHERE id = $1`,
    [id],
  );
  return rows[0];
}
