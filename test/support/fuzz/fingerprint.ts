// Whether a refused request changed anything. A row-level trigger on every table counts the rows each committed
// statement inserts, updates or deletes into one counter row: a write that is rolled back rolls its count back
// too, so the counter moves only when something was really written. Installed in a test's own database only.
import type { Queryable } from '../../../src/db/db.ts';

/** Tables a refused request may write on purpose: the records of refused submissions and logins, background jobs. */
const WRITTEN_ON_REFUSAL = new Set(['submission_rejections', 'jobs', 'login_failures']);
/** Tables whose rows authentication touches (last use): only an insert or delete counts there. */
const INSERT_DELETE_ONLY = new Set(['api_tokens', 'sessions']);

export async function installChangeCounter(db: Queryable): Promise<void> {
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  await db.exec(`
    CREATE TABLE test_change_count (n bigint NOT NULL);
    INSERT INTO test_change_count VALUES (0);
    CREATE FUNCTION test_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN UPDATE test_change_count SET n = n + 1; RETURN NULL; END $$;`);
  for (const { name } of tables) {
    if (WRITTEN_ON_REFUSAL.has(name)) {
      continue;
    }
    const events = INSERT_DELETE_ONLY.has(name) ? 'INSERT OR DELETE' : 'INSERT OR UPDATE OR DELETE';
    await db.exec(
      `CREATE TRIGGER test_count_change AFTER ${events} ON "${name}" FOR EACH ROW EXECUTE FUNCTION test_count_change()`,
    );
  }
}

/** How many rows committed statements have changed since the counter was installed. */
export async function changesSoFar(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT n FROM test_change_count');
  return Number(row?.n);
}
