// Otklik on a real PostgreSQL server that is restarted, and whose backends are killed mid-transaction, while
// clients create appeals: the process keeps serving, answers 503 with Retry-After while the database is away,
// loses no acknowledged create, and serves again as soon as the database is back (README, Reliability).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { makeCtx, type Ctx } from '../../src/context.ts';
import { openDb, type Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { buildApp } from '../../src/server/app.ts';
import type { App } from '../../src/server/http.ts';
import { createTestOrg, type TestOrg } from '../support/factories.ts';
import { runOutageDrill } from '../support/outage-drill.ts';
import { postgresBin, startPostgres, type PostgresServer } from '../support/postgres-server.ts';

const killBackends = async (admin: Db) => {
  await admin.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
  );
};

describe.skipIf(postgresBin() === null)('a database outage under load', () => {
  let postgres: PostgresServer;
  let db: Db;
  let ctx: Ctx;
  let app: App;
  let org: TestOrg;
  let url: string;

  beforeAll(async () => {
    postgres = await startPostgres();
    db = await openDb({ databaseUrl: postgres.url, poolSize: 8 });
    await migrate(db);
    ctx = makeCtx(db, { ...loadConfig({}), dataDir: '/tmp/otklik-outage-test' });
    app = await buildApp(ctx);
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    org = await createTestOrg(ctx);
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
    await postgres?.stop();
  });

  const title =
    'keeps serving through a restart and killed backends, with 503 meanwhile and no acknowledged create lost';
  it(title, async () => {
    const admin = await openDb({ databaseUrl: postgres.url, poolSize: 1 });
    const result = await runOutageDrill({
      url,
      token: org.users.agent.token,
      clients: 16,
      settleMs: 1_000,
      alive: () => true,
      outages: [
        async () => {
          await admin.close();
          await postgres.restart();
        },
        async () => {
          const killer = await openDb({ databaseUrl: postgres.url, poolSize: 1 });
          for (let round = 0; round < 5; round++) {
            await killBackends(killer);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          await killer.close();
        },
      ],
    });
    expect(result.bad).toEqual([]);
    expect(result.serverDied).toBe(false);
    // The outages were real: requests during them were refused with 503, and only with 503.
    expect(result.statuses.get(503) ?? 0, JSON.stringify([...result.statuses])).toBeGreaterThan(0);
    expect(result.statuses.get(201) ?? 0).toBeGreaterThan(50);
    expect(
      result.recoveryMs.every((ms) => ms < 10_000),
      `recovery ${result.recoveryMs}`,
    ).toBe(true);
    const ids = [...result.acknowledged.values()].map((created) => created.id);
    const stored = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM appeals WHERE id = ANY($1::uuid[])', [
      ids,
    ]);
    expect(stored[0]?.n).toBe(ids.length);
    // A retry with an acknowledged key answers the same appeal and creates nothing.
    const [key, created] = [...result.acknowledged.entries()][0] ?? [];
    const retry = await fetch(`${url}/api/v1/appeals`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${org.users.agent.token}`,
        'content-type': 'application/json',
        'idempotency-key': String(key),
      },
      body: created?.body,
    });
    expect(retry.status).toBeLessThan(300);
    expect(((await retry.json()) as { id: string }).id).toBe(created?.id);
  });
});
