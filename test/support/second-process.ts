// A second Otklik process on a test's database, for tests of work that several processes share: on PostgreSQL a
// connection pool of its own, as another server would hold; on PGlite, which one process owns, the test's context.
import { makeCtx, type Ctx } from '../../src/context.ts';
import { openDb } from '../../src/db/db.ts';
import type { TestEnv } from './harness.ts';

export interface SecondProcess {
  ctx: Ctx;
  close(): Promise<void>;
}

export async function secondProcess(env: TestEnv): Promise<SecondProcess> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    return { ctx: env.ctx, close: async () => undefined };
  }
  const rows = await env.ctx.db.query<{ name: string }>('SELECT current_database() AS name');
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${rows[0]?.name ?? ''}`;
  const db = await openDb({ databaseUrl: databaseUrl.toString(), poolSize: 4 });
  // Its own clock, too: the system's.
  return { ctx: makeCtx(db, env.ctx.config), close: () => db.close() };
}
