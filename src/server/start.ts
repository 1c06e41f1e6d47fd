// Starts Otklik: open the database, migrate, make sure an administrator exists, serve HTTP until signalled.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import type { Config } from '../config.ts';
import { makeCtx, type Ctx } from '../context.ts';
import { openDb } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { startScheduler } from '../jobs/scheduler.ts';
import { startOutboxSender } from '../modules/mail/outbound/sender.ts';
import { startSmtpListener } from '../modules/mail/smtp-listener.ts';
import { ensureFirstAdmin } from '../modules/users/users.service.ts';
import { buildApp } from './app.ts';

export async function openContext(config: Config, options: { initInChild?: boolean } = {}): Promise<Ctx> {
  const dataDir = path.join(config.dataDir, 'pglite');
  if (!config.databaseUrl) {
    await mkdir(config.dataDir, { recursive: true });
    // Creating the embedded database (initdb) swells PGlite's memory for good; a server does it in a
    // short-lived child process so that its own memory stays small.
    if (options.initInChild && !existsSync(path.join(dataDir, 'PG_VERSION'))) {
      const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, 'migrate'], {
        stdio: 'inherit',
        env: process.env,
      });
      if (child.status !== 0) {
        throw new Error('Creating the embedded database failed');
      }
    }
  }
  const db = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir,
    poolSize: config.dbPoolSize,
    pgliteSharedBuffers: config.pgliteSharedBuffers,
  });
  await migrate(db);
  return makeCtx(db, config);
}

export async function startServer(config: Config) {
  const log = pino({ level: config.logLevel });
  const ctx = await openContext(config, { initInChild: true });
  const admin = await ensureFirstAdmin(ctx);
  if (admin?.password) {
    log.warn(
      { email: admin.email, password: admin.password },
      'Created the first administrator. This password is shown once: log in and change it.',
    );
  } else if (admin) {
    log.info({ email: admin.email }, 'Created the first administrator from the configuration');
  }
  const app = await buildApp(ctx, { logger: log });
  await app.listen({ port: config.port, host: config.host });
  log.info({ db: ctx.db.kind, port: config.port }, 'Otklik is listening');
  const smtp =
    config.smtp.port === undefined
      ? undefined
      : await startSmtpListener(ctx, { ...config.smtp, port: config.smtp.port, log });
  // Background jobs (the SLA deadline scan among them); OTKLIK_SCHEDULER=off leaves them to other processes.
  const scheduler = config.schedulerEnabled
    ? await startScheduler(ctx, { intervalMs: config.schedulerIntervalMs, log })
    : undefined;
  // The outbox sender runs beside the scheduler; several processes share the outbox safely.
  const outbox = config.schedulerEnabled ? startOutboxSender(ctx, { log }) : undefined;

  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await scheduler?.stop();
    await outbox?.stop();
    await smtp?.close();
    await app.close();
    await ctx.db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return { app, ctx };
}
