// The whole analytics dashboard (GET /api/v1/analytics/dashboard, every block in one answer) over a 3-year
// range, through HTTP against a server in a child process, on PostgreSQL or PGlite.
//   PostgreSQL, on a database already holding the appeals
//   (e.g. a copy: CREATE DATABASE mine TEMPLATE otklik_bench_1m):
//     DATABASE_URL=postgres://…/mine npx tsx bench/analytics.ts [--rounds 20]
//   PGlite, in a server data directory (its pglite/ filled with demo appeals when it holds fewer than --appeals):
//     npx tsx bench/analytics.ts --pglite /tmp/otklik-analytics-srv [--appeals 1000000] [--rounds 10]
// The server is bundled from the working tree into node_modules/.cache (dist/ is left alone).
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { openDb } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { catchUp } from '../src/modules/analytics/analytics.facts.ts';
import { makeCtx } from '../src/context.ts';
import { loadConfig } from '../src/config.ts';
import { ADMIN, adminToken, arg, fmt, median, percentile, sleep, topUpDemoAppeals, waitUntilServing } from './lib.ts';

const rounds = arg('rounds', 20);
const pgliteAt = process.argv.includes('--pglite')
  ? (process.argv[process.argv.indexOf('--pglite') + 1] ?? null)
  : null;
const wanted = arg('appeals', 1_000_000);
const databaseUrl = pgliteAt ? undefined : process.env.DATABASE_URL;
if (!pgliteAt && !databaseUrl) {
  throw new Error('Set DATABASE_URL to a PostgreSQL database holding the appeals, or pass --pglite <dir>');
}

// Prepare: migrate, load demo data if needed, bring the roll-ups and working-time facts up to date.
{
  // The server keeps its PGlite database in <data dir>/pglite.
  if (pgliteAt) {
    await mkdir(pgliteAt, { recursive: true });
  }
  const db = await openDb(pgliteAt ? { dataDir: path.join(pgliteAt, 'pglite') } : { databaseUrl, poolSize: 4 });
  await migrate(db);
  if (pgliteAt) {
    await topUpDemoAppeals(db, wanted, pgliteAt);
  }
  const started = Date.now();
  await catchUp(makeCtx(db, loadConfig({})));
  console.log(`roll-ups folded and working times measured in ${fmt((Date.now() - started) / 1000, 1)} s`);
  if (!pgliteAt) {
    await db.query('VACUUM ANALYZE');
  }
  await db.close();
}

// Inside node_modules so that the bundle's imports of packages resolve.
const outdir = path.resolve('node_modules/.cache/otklik-analytics-bench');
const dataDir = await mkdtemp(path.join(tmpdir(), 'otklik-analytics-bench-'));
await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
await cp('src/db/migrations', path.join(outdir, 'migrations'), { recursive: true });
const port = 20000 + Math.floor(Math.random() * 20000);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  OTKLIK_SCHEDULER: 'off',
  OTKLIK_ADMIN_EMAIL: ADMIN.email,
  OTKLIK_ADMIN_PASSWORD: ADMIN.password,
  OTKLIK_LOGIN_RATE_PER_MINUTE: '1000',
  OTKLIK_DATA_DIR: pgliteAt ?? dataDir,
};
if (!databaseUrl) {
  delete env.DATABASE_URL;
}
const child = spawn(process.execPath, [path.join(outdir, 'cli.js'), 'serve'], {
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
process.once('exit', () => child.kill('SIGKILL'));
const url = `http://127.0.0.1:${port}`;
await waitUntilServing(url, child, 120_000);
const token = await adminToken(url);
const today = new Date().toISOString().slice(0, 10);
const from = `${Number(today.slice(0, 4)) - 3}${today.slice(4, 8)}01`;
const units = (await (
  await fetch(`${url}/api/v1/units`, { headers: { authorization: `Bearer ${token}` } })
).json()) as { items: { id: string }[] };

const cases: Record<string, string> = {
  '3 years, month grain, no filter': `from=${from}&to=${today}`,
  '3 years, week grain': `from=${from}&to=${today}&grain=week`,
  '3 years, kind=incident, channel=phone': `from=${from}&to=${today}&kind=incident&channel=phone`,
  '3 years, one unit': `from=${from}&to=${today}&unitId=${units.items.at(-1)?.id ?? ''}`,
};
const get = async (query: string) => {
  const started = performance.now();
  const res = await fetch(`${url}/api/v1/analytics/dashboard?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { total: number };
  if (!res.ok) {
    throw new Error(`${query}: ${res.status} ${JSON.stringify(body)}`);
  }
  return { ms: performance.now() - started, total: body.total };
};

console.log(
  `GET /api/v1/analytics/dashboard on ${pgliteAt ? 'PGlite' : 'PostgreSQL'}, ${rounds} rounds after a warm-up round`,
);
for (const [label, query] of Object.entries(cases)) {
  const { total } = await get(query);
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    times.push((await get(query)).ms);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(40)} ${fmt(total).padStart(9)} appeals  ` +
      `p50 ${fmt(median(times), 1)} ms  p95 ${fmt(percentile(times, 95), 1)} ms`,
  );
}
child.kill('SIGTERM');
await sleep(500);
process.exit(0);
