// Creating appeals through the HTTP API under load: 32 concurrent clients (autocannon, in this process) against
// an Otklik server in a child process, on PGlite or on the PostgreSQL named by DATABASE_URL. Also measures the
// raw single-row INSERT rate of the same database, so the ratio shows what the API costs, and idle memory.
//   npm run build && npx tsx bench/create-appeals.ts \
//     [--seconds 15] [--connections 32] [--runs 3] [--idle-seconds 40]
import autocannon from 'autocannon';
import { openDb } from '../src/db/db.ts';
import { adminToken, arg, dropDatabase, fmt, freshDatabase, median, rssMb, sleep, startServer } from './lib.ts';

const seconds = arg('seconds', 15);
const connections = arg('connections', 32);
const runs = arg('runs', 3);
const idleSeconds = arg('idle-seconds', 40);

const SUBJECTS = [
  'Не работает холодильник',
  'Долгое ожидание на кассе',
  'Спасибо консультанту',
  'Вопрос о доставке',
  'Претензия по акции',
];
const KINDS = ['incident', 'incident', 'thanks', 'question', 'incident'];

/** The body of the `sequence`-th request: half the customers are new, half call again (found by phone). */
function makeBody(sequence: number): string {
  const phone = `+7916${String(sequence % 2 === 0 ? sequence % 10_000_000 : sequence % 5000).padStart(7, '0')}`;
  return JSON.stringify({
    kind: KINDS[sequence % 5],
    channel: sequence % 3 === 0 ? 'email' : 'phone',
    subject: `${SUBJECTS[sequence % 5]} №${sequence}`,
    description: 'Покупатель обратился на горячую линию, просит перезвонить.',
    priority: 'normal',
    customer: { name: 'Иван Петров', phone },
  });
}

async function load(url: string, token: string, offset: number) {
  let sequence = offset;
  const result = await autocannon({
    url: `${url}/api/v1/appeals`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req) => ({ ...req, body: makeBody(sequence++) }) }],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

async function rawInsertRate(databaseUrl: string | undefined): Promise<number> {
  const db = await openDb(databaseUrl ? { databaseUrl, poolSize: connections } : {});
  await db.query(
    `CREATE TABLE IF NOT EXISTS bench_raw (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       subject text NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const until = Date.now() + seconds * 1000;
  let count = 0;
  // The same concurrency as the API run: single-row autocommit INSERTs.
  await Promise.all(
    Array.from({ length: databaseUrl ? connections : 1 }, async () => {
      while (Date.now() < until) {
        await db.query('INSERT INTO bench_raw (subject) VALUES ($1)', [`Тема ${count}`]);
        count++;
      }
    }),
  );
  await db.close();
  return count / seconds;
}

const databaseUrl = await freshDatabase();
const server = await startServer({ databaseUrl });
// Idle memory: after the start-up work (migrations, the first job ticks, the garbage it leaves) has settled.
await sleep(idleSeconds * 1000);
const idle = await rssMb(server.pid);
const token = await adminToken(server.url);
console.log(
  `database: ${databaseUrl ? 'postgres' : 'pglite'}; ${connections} connections, ${runs} runs of ${seconds} s; ` +
    `idle server RSS ${fmt(idle)} MB`,
);
const results = [];
for (let run = 0; run < runs; run++) {
  const result = await load(server.url, token, run * 10_000_000);
  results.push(result);
  console.log(
    `  run ${run + 1}: ${fmt(result.rps)} appeals/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
      `non-2xx ${result.non2xx}, errors ${result.errors}`,
  );
}
const loaded = await rssMb(server.pid);
await server.stop();
const raw = await rawInsertRate(databaseUrl);
await dropDatabase(databaseUrl);
const rps = median(results.map((result) => result.rps));
console.log(
  `create appeal over HTTP: median ${fmt(rps)} appeals/s, p99 median ${median(results.map((result) => result.p99))} ms`,
);
console.log(
  `raw single-row INSERT (${databaseUrl ? connections : 1} client${databaseUrl ? 's' : ''}): ${fmt(raw)} rows/s; ` +
    `API/raw ratio ${fmt(rps / raw, 2)}`,
);
console.log(`server RSS: idle ${fmt(idle)} MB, after load ${fmt(loaded)} MB`);
process.exit(0);
