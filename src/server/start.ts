// Starts Otklik: open the database, migrate, make sure an administrator exists, serve HTTP until signalled.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import type { Config } from '../config.ts';
import { makeCtx, type Ctx } from '../context.ts';
import { openDb } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { ensureFirstAdmin } from '../modules/users/users.service.ts';
import { buildApp } from './app.ts';

export async function openContext(config: Config): Promise<Ctx> {
  if (!config.databaseUrl) await mkdir(config.dataDir, { recursive: true });
  const db = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'pglite'),
    poolSize: config.dbPoolSize,
  });
  await migrate(db);
  return makeCtx(db, config);
}

export async function startServer(config: Config) {
  const log = pino({ level: config.logLevel });
  const ctx = await openContext(config);
  const admin = await ensureFirstAdmin(ctx);
  if (admin?.password) {
    log.warn({ email: admin.email, password: admin.password }, 'Created the first administrator. This password is shown once: log in and change it.');
  } else if (admin) {
    log.info({ email: admin.email }, 'Created the first administrator from OTKLIK_ADMIN_EMAIL');
  }
  const app = await buildApp(ctx, { logger: log });
  await app.listen({ port: config.port, host: config.host });
  log.info({ db: ctx.db.kind, port: config.port }, 'Otklik is listening');

  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await app.close();
    await ctx.db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return { app, ctx };
}
