// Restarts PostgreSQL under write load and prints what Otklik promises about database outages: the server process
// never exits, no acknowledged create is lost, requests meanwhile get 503 with Retry-After, and the first create
// succeeds within seconds of the database being back. The server runs as `npm start` runs it (bin/otklik, after
// `npm run build`) on a private PostgreSQL that this benchmark starts, restarts and removes.
// Usage: npm run build && npx tsx bench/db-restart.ts [--clients 32] [--restarts 5] [--settle-ms 3000]
import { parseArgs } from 'node:util';
import { openDb } from '../src/db/db.ts';
import { runOutageDrill } from '../test/support/outage-drill.ts';
import { startPostgres } from '../test/support/postgres-server.ts';
import { adminToken, startServer } from './lib.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '32' },
    restarts: { type: 'string', default: '5' },
    'settle-ms': { type: 'string', default: '3000' },
  },
});

const postgres = await startPostgres();
// The server warns of every request the outage refuses; those are counted below, not printed.
const server = await startServer({ databaseUrl: postgres.url, env: { LOG_LEVEL: 'error' } });
try {
  const token = await adminToken(server.url);
  const restarts = Number(values.restarts);
  const started = Date.now();
  const result = await runOutageDrill({
    url: server.url,
    token,
    clients: Number(values.clients),
    settleMs: Number(values['settle-ms']),
    alive: () => server.child.exitCode === null,
    outages: Array.from({ length: restarts }, () => () => postgres.restart()),
  });
  const db = await openDb({ databaseUrl: postgres.url, poolSize: 1 });
  const ids = [...result.acknowledged.values()].map((created) => created.id);
  const [stored] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM appeals WHERE id = ANY($1::uuid[])', [
    ids,
  ]);
  await db.close();
  const seconds = (Date.now() - started) / 1000;
  const statuses = [...result.statuses.entries()]
    .sort(([left], [right]) => left - right)
    .map(([status, count]) => `${status === -1 ? 'no answer' : status}: ${count}`)
    .join(', ');
  console.log(`PostgreSQL restarted ${restarts} times under ${values.clients} clients over ${seconds.toFixed(0)} s`);
  console.log(`  server process exits:            ${result.serverDied ? 1 : 0}`);
  console.log(`  creates acknowledged:            ${ids.length}`);
  console.log(`  acknowledged creates lost:       ${ids.length - (stored?.n ?? 0)}`);
  console.log(`  answers by status:               ${statuses}`);
  console.log(`  forbidden answers (5xx but 503): ${result.bad.length}`);
  const recovery = result.recoveryMs.map((ms) => (ms / 1000).toFixed(2));
  console.log(`  seconds from database back to first 201, per restart: ${recovery.join(' / ')}`);
} finally {
  await server.stop();
  await postgres.stop();
}
