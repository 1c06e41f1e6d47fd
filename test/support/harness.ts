// A real Otklik app on a fresh database for each test file: in-memory PGlite by default, a fresh database
// on the PostgreSQL server named by DATABASE_URL when it is set. Requests go through Fastify's inject.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { makeCtx, type Ctx } from '../../src/context.ts';
import { openDb, type Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { queryOne } from '../../src/db/rows.ts';
import type { Role } from '../../src/modules/auth/actor.ts';
import { ROLES } from '../../src/modules/auth/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import type { App } from '../../src/server/http.ts';
import { createTestOrg, type TestOrg } from './factories.ts';
import { createTestClock, type TestClock } from './clock.ts';
import { readTemplate } from './pglite-template.ts';

export interface TestDb {
  db: Db;
  drop(): Promise<void>;
}

/** A migrated, empty database of its own. */
export async function openTestDb(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openDb({ pgliteImage: await readTemplate() });
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  const name = `otklik_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDb({ databaseUrl: url, poolSize: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: testUrl.toString(), poolSize: 10 });
  await migrate(db);
  return {
    db,
    async drop() {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/**
 * On PostgreSQL, a second connection pool on the test's own database: what a second Otklik process has.
 * Null on PGlite, which serves one process.
 */
export async function openSecondPool(ctx: Ctx, poolSize = 4): Promise<Db | null> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    return null;
  }
  const { name } = await queryOne<{ name: string }>(ctx.db, 'SELECT current_database() AS name');
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  return openDb({ databaseUrl: testUrl.toString(), poolSize });
}

export interface Answer {
  status: number;
  // Tests read answers freely; the schemas are checked by the server's own serializer.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Record<string, string | string[] | number | undefined>;
}

export interface RequestOptions {
  as?: Role;
  token?: string;
  body?: unknown;
  payload?: string | Buffer;
  headers?: Record<string, string>;
  cookie?: string;
}

export interface TestEnv extends TestOrg {
  app: App;
  ctx: Ctx;
  /** The services' clock: follows the wall clock until a test freezes it. */
  clock: TestClock;
  request(method: string, url: string, opts?: RequestOptions): Promise<Answer>;
  close(): Promise<void>;
}

export async function startTestEnv(overrides: Partial<Config> = {}): Promise<TestEnv> {
  const { db, drop } = await openTestDb();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'otklik-test-'));
  const config: Config = { ...loadConfig({}), dataDir, loginRatePerMinute: 1000, ...overrides };
  const clock = createTestClock();
  const ctx: Ctx = makeCtx(db, config, clock);
  const app = await buildApp(ctx);
  await app.ready();
  const org = await createTestOrg(ctx);
  return {
    ...org,
    app,
    ctx,
    clock,
    async request(method, url, opts = {}) {
      const token = opts.token ?? (opts.as ? org.users[opts.as].token : undefined);
      const headers: Record<string, string> = { ...opts.headers };
      if (token) {
        headers.authorization = `Bearer ${token}`;
      }
      if (opts.cookie) {
        headers.cookie = opts.cookie;
      }
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers,
        ...(opts.payload !== undefined
          ? { payload: opts.payload }
          : opts.body !== undefined
            ? { payload: opts.body as object }
            : {}),
      });
      let body: unknown = res.body;
      if (String(res.headers['content-type'] ?? '').includes('application/json') && res.body) {
        body = res.json();
      }
      return { status: res.statusCode, body, headers: res.headers };
    },
    async close() {
      await app.close();
      await drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export { ROLES };
