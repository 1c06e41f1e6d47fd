// Shared plumbing for benchmarks: a fresh database, demo appeals to measure on, an Otklik server in a child
// process (so load comes from a second process), an admin token, and small statistics helpers.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../src/db/db.ts';
import { queryOne } from '../src/db/rows.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';

export const ADMIN = { email: 'bench@otklik.local', password: 'bench-password-123' };

/** A new empty database on the server named by DATABASE_URL, or undefined for PGlite. */
export async function freshDatabase(
  name = `otklik_bench_${randomBytes(4).toString('hex')}`,
): Promise<string | undefined> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    return undefined;
  }
  const admin = await openDb({ databaseUrl: url, poolSize: 1 });
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.close();
  return withDatabase(url, name);
}

/** Drops a database freshDatabase made (a no-op on PGlite). */
export async function dropDatabase(databaseUrl: string | undefined): Promise<void> {
  if (!databaseUrl || !process.env.DATABASE_URL) {
    return;
  }
  const admin = await openDb({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 });
  await admin.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
  await admin.close();
}

export function withDatabase(url: string, name: string): string {
  const database = new URL(url);
  database.pathname = `/${name}`;
  return database.toString();
}

/**
 * Tops a database up to `wanted` demo appeals (without messages), seeded by the count it starts from so that
 * each top-up adds new appeals. Returns how many there were before.
 */
export async function topUpDemoAppeals(db: Db, wanted: number, where: string): Promise<number> {
  const have = (await queryOne<{ count: number }>(db, 'SELECT count(*)::int AS count FROM appeals')).count;
  if (have < wanted) {
    const started = Date.now();
    console.log(`loading ${fmt(wanted - have)} demo appeals into ${where} …`);
    await loadDemo(db, {
      appeals: wanted - have,
      customers: Math.max(3000, wanted / 20),
      withMessages: false,
      append: have > 0,
      seed: 1000 + have,
    });
    console.log(`loaded in ${fmt((Date.now() - started) / 1000, 1)} s`);
  }
  return have;
}

/** Waits until a server in a child process answers /api/health; fails if it exits or the time runs out. */
export async function waitUntilServing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`The Otklik server exited with ${child.exitCode}`);
    }
    try {
      if ((await fetch(`${url}/api/health`)).ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`The Otklik server did not answer within ${Math.round(timeoutMs / 1000)} s`);
    }
    await sleep(100);
  }
}

export interface Server {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(opts: {
  databaseUrl?: string | undefined;
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<Server> {
  const port = opts.port ?? 20000 + Math.floor(Math.random() * 20000);
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'otklik-bench-')));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    OTKLIK_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    OTKLIK_ADMIN_EMAIL: ADMIN.email,
    OTKLIK_ADMIN_PASSWORD: ADMIN.password,
    OTKLIK_LOGIN_RATE_PER_MINUTE: '1000',
    ...opts.env,
  };
  if (opts.databaseUrl) {
    env.DATABASE_URL = opts.databaseUrl;
  } else {
    delete env.DATABASE_URL;
  }
  // Started as `npm start` starts it, through bin/otklik (with its malloc settings on PGlite); Node flags for a
  // profile (OTKLIK_BENCH_NODE_ARGS) need node itself, without the launcher.
  const nodeArgs = process.env.OTKLIK_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = nodeArgs.length
    ? spawn(process.execPath, [...nodeArgs, 'dist/cli.js', 'serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] })
    : spawn('bin/otklik', ['serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  // A benchmark that dies must not leave its server running.
  process.once('exit', () => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(url, child, 60_000);
  if (child.pid === undefined) {
    throw new Error('The Otklik server has no process id');
  }
  return {
    url,
    pid: child.pid,
    child,
    stop: () => stopChild(child, 5_000),
  };
}

/** Stops a server in a child process: SIGTERM, then SIGKILL if it is still running after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  const running = () => child.exitCode === null && child.signalCode === null;
  if (!running()) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(graceMs)]);
  if (running()) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** A token of the bench administrator, or of the demo administrator where demo data made the first users. */
export async function adminToken(url: string): Promise<string> {
  let cookie: string | undefined;
  for (const credentials of [ADMIN, { email: 'admin@demo.otklik.local', password: 'demo-password' }]) {
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    cookie = login.headers.get('set-cookie')?.split(';')[0];
    if (cookie) {
      break;
    }
  }
  if (!cookie) {
    throw new Error('Could not log in as an administrator');
  }
  const res = await fetch(`${url}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'bench' }),
  });
  return ((await res.json()) as { token: string }).token;
}

export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const resident = /VmRSS:\s+(\d+)/.exec(status);
  if (!resident) {
    throw new Error(`No VmRSS in /proc/${pid}/status`);
  }
  return Number(resident[1]) / 1024;
}

/** A numeric command-line option: `--name 42`. */
export function arg(name: string, fallback: number): number {
  const position = process.argv.indexOf(`--${name}`);
  return position > 0 ? Number(process.argv[position + 1]) : fallback;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The value below which `percent` % of the sorted values lie; NaN for none. */
export function percentile(sorted: ArrayLike<number>, percent: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((percent / 100) * sorted.length))] ?? Number.NaN;
}

export const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
