// A sender killed (SIGKILL) in the middle of sending loses no mail and sends none twice: the sender runs in a
// child process against a file-based PGlite (or the DATABASE_URL server), sending 100 mails to a real SMTP server on
// loopback; the server stops answering DATA, the child is killed while it waits, and a new child finishes the job.
// Every wait is on a condition (the sink holding a mail, the child reporting its commits), never a fixed delay.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { afterAll, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { queryOne } from '../../src/db/rows.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAILS = 100;
const LEASE_MS = 2_000;

/**
 * The child: the real sender on the given database, reporting on stdout how many rows it has committed as sent,
 * and exiting once nothing is left to send.
 */
const childSource = (src: string) => `
import { loadConfig } from '${src}/config.ts';
import { makeCtx } from '${src}/context.ts';
import { openDb } from '${src}/db/db.ts';
import { startOutboxSender } from '${src}/modules/mail/outbound/sender.ts';
const url = process.env.CRASH_DATABASE_URL;
const db = await openDb(url ? { databaseUrl: url, poolSize: 4 } : { dataDir: process.env.CRASH_PGLITE_DIR });
const ctx = makeCtx(db, { ...loadConfig({}), dataDir: process.env.CRASH_DATA_DIR, outboxLeaseMs: ${LEASE_MS} });
const log = { error: (o, m) => console.error(m, o), warn: (o, m) => console.error(m, o) };
const sender = startOutboxSender(ctx, { intervalMs: 100, log });
const timer = setInterval(async () => {
  const [{ left, sent }] = await db.query(
    "SELECT count(*) FILTER (WHERE status IN ('pending', 'sending'))::int AS left, " +
      "count(*) FILTER (WHERE status = 'sent')::int AS sent FROM outbox",
  );
  console.log(JSON.stringify({ sent }));
  if (left > 0) return;
  clearInterval(timer);
  await sender.stop();
  await db.close();
  process.exit(0);
}, 100);
`;

/** How long the test waits for what should follow at once on a quiet machine. */
const DEADLINE_MS = 60_000;

/** Polls until the condition holds; fails past the deadline, or at once when `failure` names a reason. */
async function until(condition: () => boolean, what: string, failure: () => string | null): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while (!condition()) {
    const reason = failure() ?? (Date.now() > deadline ? `waited ${DEADLINE_MS} ms` : null);
    if (reason) {
      throw new Error(`${what}: ${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Sink {
  port: number;
  /** 250 answers given, per Message-ID. */
  accepted: Map<string, number>;
  /** DATA answers held back while `holding`. */
  held: number;
  holding: boolean;
  close(): Promise<void>;
}

/** The 250 answers the sink has given. */
const answered = (sink: Sink) => [...sink.accepted.values()].reduce((sum, count) => sum + count, 0);

async function startSink(onAccepted: (count: number) => void): Promise<Sink> {
  const sink: Sink = { port: 0, accepted: new Map(), held: 0, holding: false, close: async () => undefined };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(Buffer.concat(chunks).toString('latin1'))?.[1] ?? 'none';
        // Once holding, the mail is never answered: the sender is killed while it waits for the 250.
        if (sink.holding) {
          sink.held += 1;
          return;
        }
        // A little latency, so that several of the sender's mails are in flight at once.
        setTimeout(() => {
          if (sink.holding) {
            sink.held += 1;
            return;
          }
          sink.accepted.set(id, (sink.accepted.get(id) ?? 0) + 1);
          callback();
          onAccepted(answered(sink));
        }, 10);
      });
    },
  });
  // A killed client leaves sockets that reset; that is the point of the test.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

/** A database the child can open: a PGlite directory (closed here first) or a fresh database on DATABASE_URL. */
async function prepareDatabase(
  dir: string,
): Promise<{ open(): Promise<Db>; env: Record<string, string>; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dataDir = path.join(dir, 'pglite');
    return { open: () => openDb({ dataDir }), env: { CRASH_PGLITE_DIR: dataDir }, drop: async () => undefined };
  }
  const name = `otklik_crash_${randomBytes(6).toString('hex')}`;
  const admin = await openDb({ databaseUrl: url, poolSize: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return {
    open: () => openDb({ databaseUrl: dbUrl.toString(), poolSize: 2 }),
    env: { CRASH_DATABASE_URL: dbUrl.toString() },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch(() => undefined);
  }
});

interface Child {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** The exit code once it has exited; undefined while it runs. */
  exitCode: () => number | null | undefined;
  /** The most rows the child has reported committed as sent. */
  sent: () => number;
  stderr: () => string;
}

function runChild(script: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let sent = 0;
  let exitCode: number | null | undefined;
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => {
    for (const match of chunk.toString().matchAll(/"sent":(\d+)/g)) {
      sent = Math.max(sent, Number(match[1]));
    }
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  return { child, exited, exitCode: () => exitCode, sent: () => sent, stderr: () => stderr };
}

it('sends every mail exactly once across a SIGKILL in the middle of sending', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'otklik-crash-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  // Once 30 mails are accepted the sink answers no more DATA (for the first sender only): the sender is left
  // waiting on what it sends next.
  let holdBackStarted = false;
  const sink: Sink = await startSink((count) => {
    if (count >= 30 && !holdBackStarted) {
      holdBackStarted = true;
      sink.holding = true;
    }
  });
  cleanups.push(() => sink.close());
  const database = await prepareDatabase(dir);
  cleanups.push(() => database.drop());

  const db = await database.open();
  await migrate(db);
  const mailbox = await queryOne<{ id: string }>(
    db,
    `INSERT INTO mailboxes (name, address, display_name, smtp)
     VALUES ('Support', 'support@crash.otklik.test', 'Support', $1)
     RETURNING id`,
    [JSON.stringify({ host: '127.0.0.1', port: sink.port, secure: false })],
  );
  await db.query(
    `INSERT INTO outbox (kind, mailbox_id, message_id, payload)
     SELECT 'email', $1, 'otklik.crash-' || n || '@crash.otklik.test',
       jsonb_build_object('template', 'reply', 'to', 'customer' || n || '@mail-otklik.ru', 'subject', 'Ответ №' || n,
         'text', 'Письмо номер ' || n)
     FROM generate_series(1, $2::int) AS n`,
    [mailbox.id, MAILS],
  );
  await db.close(); // PGlite's directory is one process's at a time

  const script = path.join(dir, 'sender-child.mts');
  await writeFile(script, childSource(path.join(ROOT, 'src')));
  const childEnv = { ...database.env, CRASH_DATA_DIR: dir };

  // First sender: killed while it waits for the sink's answers, once every accepted mail's 'sent' has committed
  // (outside that one-round-trip window a kill must lose nothing and repeat nothing).
  const first = runChild(script, childEnv);
  cleanups.push(async () => void first.child.kill('SIGKILL'));
  await until(
    () => sink.held > 0 && first.sent() >= answered(sink),
    'the first sender left waiting with every accepted mail committed',
    () => (first.exitCode() === undefined ? null : `it exited early (${first.exitCode()}): ${first.stderr()}`),
  );
  expect(sink.held).toBeGreaterThan(0); // the kill lands mid-send
  first.child.kill('SIGKILL');
  expect(await first.exited).toBeNull();
  const acceptedBeforeKill = sink.accepted.size;
  expect(acceptedBeforeKill).toBeGreaterThanOrEqual(30);
  expect(acceptedBeforeKill).toBeLessThan(MAILS);

  // Second sender: takes the pending rows at once and the killed sender's leased rows when their lease runs out.
  sink.holding = false;
  const second = runChild(script, childEnv);
  cleanups.push(async () => void second.child.kill('SIGKILL'));
  expect(await second.exited, second.stderr()).toBe(0);

  expect(sink.accepted.size).toBe(MAILS);
  for (let n = 1; n <= MAILS; n++) {
    expect(sink.accepted.get(`<otklik.crash-${n}@crash.otklik.test>`), `mail ${n}`).toBe(1);
  }

  const after = await database.open();
  cleanups.push(() => after.close());
  const rows = await after.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM outbox GROUP BY status',
  );
  expect(rows).toEqual([{ status: 'sent', n: MAILS }]);
});
