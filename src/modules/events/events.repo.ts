// SQL of live updates: sending a notification to other Otklik processes.
import type { Queryable } from '../../db/db.ts';

export async function notify(db: Queryable, channel: string, payload: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [channel, payload]);
}
