// Whether a refused request changed anything: per table, its row count and the newest row version's transaction
// id (xmin), so an insert, update or delete shows and a rolled-back one does not.
import type { Queryable } from '../../../src/db/db.ts';

/** Tables a refused request may write on purpose: the record of refused unit submissions, background jobs. */
const WRITTEN_ON_REFUSAL = new Set(['submission_rejections', 'jobs']);
/** Tables whose rows a request touches on success of authentication only (last use); their count must hold. */
const COUNT_ONLY = new Set(['api_tokens', 'sessions']);

export async function fingerprintQuery(db: Queryable): Promise<string> {
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return tables
    .filter((table) => !WRITTEN_ON_REFUSAL.has(table.name))
    .map((table) => {
      const newest = COUNT_ONLY.has(table.name) ? '0' : `coalesce(max(xmin::text::bigint), 0)`;
      return `SELECT '${table.name}' AS name, count(*)::bigint AS rows, ${newest} AS newest FROM "${table.name}"`;
    })
    .join('\nUNION ALL\n');
}

export async function fingerprint(db: Queryable, query: string): Promise<string> {
  const rows = await db.query<{ name: string; rows: number; newest: number }>(query);
  return rows.map((row) => `${row.name}:${row.rows}:${row.newest}`).join(' ');
}
