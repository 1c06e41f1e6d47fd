// A private PostgreSQL server from Debian's packages, started in a temporary directory on a free port, that a test
// or a benchmark may restart or whose backends it may kill: the database outages Otklik must survive.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const VERSIONS = '/usr/lib/postgresql';

/** The newest installed server's bin directory, or null where PostgreSQL is not installed. */
export function postgresBin(): string | null {
  if (!existsSync(VERSIONS)) {
    return null;
  }
  const versions = readdirSync(VERSIONS)
    .filter((version) => existsSync(path.join(VERSIONS, version, 'bin', 'pg_ctl')))
    .sort((left, right) => Number(left) - Number(right));
  const newest = versions.at(-1);
  return newest ? path.join(VERSIONS, newest, 'bin') : null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface PostgresServer {
  url: string;
  /** `pg_ctl restart -m fast`: every connection is dropped, the server is back when this resolves. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs a command as the postgres user when we are root (initdb refuses root), else as ourselves. */
function asPostgres(command: string, args: string[]): void {
  const isRoot = process.getuid?.() === 0;
  const quoted = [command, ...args].map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
  if (isRoot) {
    execFileSync('su', ['postgres', '-c', quoted], { stdio: 'pipe' });
  } else {
    execFileSync(command, args, { stdio: 'pipe' });
  }
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBin();
  if (!bin) {
    throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  }
  const data = mkdtempSync(path.join(tmpdir(), 'otklik-pg-'));
  await chmod(data, 0o777);
  if (process.getuid?.() === 0) {
    execFileSync('chown', ['postgres:postgres', data]);
  }
  const port = await freePort();
  asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = `-p ${port} -k ${data} -c listen_addresses=127.0.0.1 -c max_connections=100`;
  const ctl = (...args: string[]) =>
    asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(data, 'server.log'), '-w', ...args]);
  ctl('-o', options, 'start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async () => ctl('-m', 'fast', '-o', options, 'restart'),
    async stop() {
      ctl('-m', 'immediate', 'stop');
      await rm(data, { recursive: true, force: true });
    },
  };
}
