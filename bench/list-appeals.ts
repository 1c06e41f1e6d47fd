// Listing a filtered page of 50 appeals out of 1,000,000 through the HTTP API on PostgreSQL.
// Loads the demo generator's data once into a database kept between runs (otklik_bench_1m).
//   npm run build && DATABASE_URL=postgres://… npx tsx bench/list-appeals.ts [--appeals 1000000] [--rounds 40]
import { openDb } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { queryOne } from '../src/db/rows.ts';
import { adminToken, arg, fmt, median, percentile, startServer, topUpDemoAppeals, withDatabase } from './lib.ts';

const appeals = arg('appeals', 1_000_000);
const rounds = arg('rounds', 40);
const base = process.env.DATABASE_URL;
if (!base) {
  throw new Error('Set DATABASE_URL to a PostgreSQL server');
}

const name = `otklik_bench_${appeals >= 1_000_000 ? `${appeals / 1_000_000}m` : `${appeals / 1000}k`}`;
const admin = await openDb({ databaseUrl: base, poolSize: 1 });
if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).length === 0) {
  await admin.query(`CREATE DATABASE ${name}`);
}
await admin.close();
const databaseUrl = withDatabase(base, name);
const db = await openDb({ databaseUrl, poolSize: 4 });
await migrate(db);
if ((await topUpDemoAppeals(db, appeals, name)) < appeals) {
  await db.query('VACUUM ANALYZE appeals');
}
const pick = async (sql: string) => (await queryOne<{ id: string }>(db, sql)).id;
const unitId = await pick(
  'SELECT unit_id AS id FROM appeals WHERE unit_id IS NOT NULL GROUP BY unit_id ORDER BY count(*) LIMIT 1',
);
const categoryId = await pick(
  `SELECT category_id AS id FROM appeals WHERE category_id IS NOT NULL
   GROUP BY category_id ORDER BY count(*) DESC LIMIT 1`,
);
const ownerId = await pick('SELECT owner_id AS id FROM appeals WHERE owner_id IS NOT NULL LIMIT 1');
const customerId = await pick(
  `SELECT customer_id AS id FROM appeals WHERE customer_id IS NOT NULL
   GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1`,
);
await db.close();

const queries: Record<string, string> = {
  'newest (no filter)': '',
  'status=new,open': 'status=new,open',
  'kind=thanks': 'kind=thanks',
  'channel=email&status=open': 'channel=email&status=open',
  'unit (smallest)': `unitId=${unitId}`,
  'category (largest)': `categoryId=${categoryId}`,
  'owner + open': `ownerId=${ownerId}&status=open,pending_customer`,
  customer: `customerId=${customerId}`,
  'created in one month': 'createdFrom=2025-03-01T00:00:00Z&createdTo=2025-04-01T00:00:00Z',
  'full text "холодильник"': `q=${encodeURIComponent('холодильник')}`,
  'page 2 via cursor': 'status=open&cursor=',
};

const server = await startServer({ databaseUrl });
const token = await adminToken(server.url);
const get = async (query: string) => {
  const started = performance.now();
  const res = await fetch(`${server.url}/api/v1/appeals?limit=50&${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
  if (!res.ok) {
    throw new Error(`${query}: ${res.status} ${JSON.stringify(body)}`);
  }
  return { ms: performance.now() - started, body };
};
const firstPage = await get('status=open');
queries['page 2 via cursor'] = `status=open&cursor=${firstPage.body.nextCursor}`;

console.log(
  `GET /api/v1/appeals?limit=50 over ${fmt(appeals)} appeals on PostgreSQL, ${rounds} rounds after a warm-up round`,
);
const all: number[] = [];
for (const [label, query] of Object.entries(queries)) {
  await get(query);
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    times.push((await get(query)).ms);
  }
  times.sort((a, b) => a - b);
  all.push(...times);
  console.log(`  ${label.padEnd(28)} p50 ${fmt(median(times), 1)} ms  p95 ${fmt(percentile(times, 95), 1)} ms`);
}
all.sort((a, b) => a - b);
console.log(
  `all filtered pages: p50 ${fmt(median(all), 1)} ms, p95 ${fmt(percentile(all, 95), 1)} ms, ` +
    `max ${fmt(Math.max(...all), 1)} ms`,
);
await server.stop();
process.exit(0);
