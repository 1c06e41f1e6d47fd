// bin/otklik, the launcher `npm start` runs: it finds the bundle beside itself (through a symlink too, as npm
// installs it) and sets glibc's malloc settings on the embedded database only.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

let root: string;

beforeAll(() => {
  // The real launcher, with a stand-in bundle that prints what it was given.
  root = mkdtempSync(path.join(tmpdir(), 'otklik-launcher-'));
  mkdirSync(path.join(root, 'bin'));
  mkdirSync(path.join(root, 'dist'));
  copyFileSync('bin/otklik', path.join(root, 'bin', 'otklik'));
  writeFileSync(
    path.join(root, 'dist', 'cli.js'),
    'console.log(JSON.stringify({ tunables: process.env.GLIBC_TUNABLES ?? null, args: process.argv.slice(2) }));',
  );
  symlinkSync(path.join(root, 'bin', 'otklik'), path.join(root, 'linked-otklik'));
});

function launch(env: Record<string, string>, via = 'bin/otklik') {
  const base = { PATH: process.env.PATH ?? '' };
  return JSON.parse(
    execFileSync(path.join(root, via), ['serve', '--x'], { env: { ...base, ...env }, encoding: 'utf8' }),
  ) as { tunables: string | null; args: string[] };
}

describe('bin/otklik', () => {
  it('returns freed memory to the system on the embedded database, and passes the arguments on', () => {
    const run = launch({});
    expect(run.tunables).toMatch(/glibc\.malloc\.mmap_threshold=32768/);
    expect(run.args).toEqual(['serve', '--x']);
  });

  it('leaves malloc alone on a PostgreSQL server', () => {
    expect(launch({ DATABASE_URL: 'postgres://localhost/otklik' }).tunables).toBeNull();
  });

  it("keeps the operator's own GLIBC_TUNABLES", () => {
    expect(launch({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=4' }).tunables).toBe('glibc.malloc.arena_max=4');
  });

  it('finds the bundle when started through a symlink', () => {
    expect(launch({}, 'linked-otklik').args).toEqual(['serve', '--x']);
  });
});
