// A real Otklik server for the browser tests: a child process on a free port over a fresh PGlite directory,
// serving the built web app (rebuilt first when web/ is newer than dist/web).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/web unless it is newer than every file of web/. */
export function ensureWebBuilt(): void {
  const index = path.join(repo, 'dist/web/index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(path.join(repo, 'web'))) {
    return;
  }
  execFileSync(process.execPath, [path.join(repo, 'scripts/build-web.mjs')], { cwd: repo, stdio: 'inherit' });
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

export interface RunningServer {
  url: string;
  admin: { email: string; password: string };
  stop(): Promise<void>;
}

export async function startOtklik(): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'otklik-ui-'));
  const admin = { email: 'admin@otklik.test', password: 'admin-password-1' };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    OTKLIK_DATA_DIR: dataDir,
    OTKLIK_ADMIN_EMAIL: admin.email,
    OTKLIK_ADMIN_PASSWORD: admin.password,
    OTKLIK_SCHEDULER: 'off',
    OTKLIK_LOGIN_RATE_PER_MINUTE: '1000',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL; // the browser test runs on its own embedded database, whatever the suite uses
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: repo,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`The Otklik server exited (${child.exitCode}):\n${output}`);
    }
    try {
      if ((await fetch(`${url}/api/health`)).ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The Otklik server did not start within 120 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    url,
    admin,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) {
          child.kill('SIGKILL');
        }
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A logged-in API session (cookie) for setting up users and units the way an administrator would. */
export async function apiSession(url: string, email: string, password: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) {
    throw new Error(`Login as ${email} failed: ${login.status} ${await login.text()}`);
  }
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) {
    throw new Error(`Login as ${email} set no session cookie`);
  }
  return async function call<T>(method: string, apiPath: string, body?: unknown): Promise<T> {
    const answer = await fetch(`${url}/api/v1${apiPath}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (!answer.ok) {
      throw new Error(`${method} ${apiPath}: ${answer.status} ${text}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
