// The SLA deadline scan over 1,000,000 open appeals (2,000,000 running targets) on PostgreSQL: fills a fresh
// database `otklik_bench_sla` on the server named by DATABASE_URL with bulk SQL, then times the scheduler's scan
// step (find due warnings and breaches through the partial indexes, mark them, write alerts, notifications and
// outbox e-mails, queue escalations, in batches) — median of 3 runs from the same starting state — and the idle
// probe a scheduler tick costs when nothing is due.
//   DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres \
//     npx tsx bench/sla-scan.ts [--appeals 1000000] [--runs 3]
import { loadConfig } from '../src/config.ts';
import { makeCtx } from '../src/context.ts';
import { openDb, type Db } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { queryOne } from '../src/db/rows.ts';
import { scanSla, type ScanResult } from '../src/modules/sla/sla.scan.ts';
import { arg, fmt, freshDatabase, median } from './lib.ts';

const APPEALS = arg('appeals', 1_000_000);
const RUNS = arg('runs', 3);
const STORES = 200;
const AGENTS = 50;
const SUPERVISORS = 3;
// Deadlines spread evenly over [now − 30 min, now + 14 days): a scheduler that was down for half an hour.
const SPREAD_S = 14 * 86_400;
const BACKLOG_S = 1_800;

if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a PostgreSQL server; the benchmark creates the database otklik_bench_sla there.');
  process.exit(1);
}

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
};

async function fill(db: Db, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO units (type, name, code)
     SELECT 'store', 'Магазин ' || i, 'S' || i FROM generate_series(1, $1) i`,
    [STORES],
  );
  await db.query(
    `INSERT INTO users (email, name, role)
     SELECT 'agent' || i || '@bench.local', 'Агент ' || i, 'agent' FROM generate_series(1, $1) i`,
    [AGENTS],
  );
  await db.query(
    `INSERT INTO users (email, name, role)
     SELECT 'supervisor' || i || '@bench.local', 'Руководитель ' || i, 'supervisor' FROM generate_series(1, $1) i`,
    [SUPERVISORS],
  );
  await db.query(
    `WITH s AS (SELECT id, row_number() OVER (ORDER BY code) AS n FROM units),
     u AS (
       INSERT INTO users (email, name, role)
       SELECT 'store' || n || '@bench.local', 'Директор ' || n, 'unit_responsible' FROM s
       RETURNING id, email
     )
     INSERT INTO unit_members (unit_id, user_id)
     SELECT s.id, u.id FROM s JOIN u ON u.email = 'store' || s.n || '@bench.local'`,
  );
  const policy = await queryOne<{ id: string }>(db, 'SELECT id FROM sla_policies WHERE position = 40');
  const csCalendar = await queryOne<{ id: string }>(db, 'SELECT cs_calendar_id AS id FROM sla_settings');

  // One statement per chunk keeps each transaction and its WAL moderate.
  const CHUNK = 250_000;
  for (let from = 1; from <= APPEALS; from += CHUNK) {
    const to = Math.min(APPEALS, from + CHUNK - 1);
    await db.query(
      `WITH stores AS (SELECT array_agg(id ORDER BY code) AS ids FROM units),
       agents AS (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE role = 'agent')
       INSERT INTO appeals (kind, channel, status, subject, unit_id, owner_id, received_at, created_at, updated_at)
       SELECT 'incident', (ARRAY['email','web_form','store_submission','phone'])[1 + i % 4], 'open',
         'Обращение ' || i, stores.ids[1 + i % $3], agents.ids[1 + i % $4],
         $5::timestamptz - (i % 86400) * interval '1 second',
         $5::timestamptz - (i % 86400) * interval '1 second', $5::timestamptz
       FROM generate_series($1::int, $2::int) i, stores, agents`,
      [from, to, STORES, AGENTS, now],
    );
  }
  // Two running targets per appeal: a 2-hour response (warning at 80 %: 24 minutes before) and a resolution.
  await db.query(
    `INSERT INTO appeal_sla_targets
       (appeal_id, metric, policy_id, calendar_id, minutes, warn_minutes, started_at, due_at, warn_at)
     SELECT a.id, m.metric, $1, $2, m.minutes, m.warn, a.created_at,
       $3::timestamptz + ((a.number * m.salt) % $4 - $5) * interval '1 second',
       $3::timestamptz + ((a.number * m.salt) % $4 - $5) * interval '1 second' - m.lead
     FROM appeals a,
       (VALUES ('first_response', 120, 96, 7919, interval '24 minutes'),
               ('resolution', 1620, 1296, 104729, interval '324 minutes'))
       AS m (metric, minutes, warn, salt, lead)`,
    [policy.id, csCalendar.id, now, SPREAD_S, BACKLOG_S],
  );
  await db.exec('VACUUM ANALYZE');
}

/**
 * The state after a 30-minute outage of every scheduler: warnings older than that were given, nothing since;
 * no breach recorded (none was due before); no alerts, notifications, e-mails or escalations yet.
 */
async function reset(db: Db, now: Date): Promise<void> {
  await db.query(
    `UPDATE appeal_sla_targets SET breached_at = NULL, warned_at = CASE WHEN warn_at <= $1 THEN warn_at END
     WHERE breached_at IS NOT NULL OR warned_at IS DISTINCT FROM (CASE WHEN warn_at <= $1 THEN warn_at END)`,
    [new Date(now.getTime() - BACKLOG_S * 1000)],
  );
  await db.exec(`TRUNCATE sla_alerts, notifications, outbox; DELETE FROM jobs WHERE kind <> 'sla.scan'`);
  await db.exec('VACUUM ANALYZE appeal_sla_targets, sla_alerts, notifications, outbox, jobs');
}

const databaseUrl = await freshDatabase('otklik_bench_sla');
if (!databaseUrl) {
  throw new Error('No database server to create otklik_bench_sla on');
}
const db = await openDb({ databaseUrl, poolSize: 4 });
await migrate(db);
const ctx = makeCtx(db, loadConfig({ DATABASE_URL: databaseUrl }));
const now = new Date();
const [, fillMs] = await time(async () => {
  await fill(db, now);
  await reset(db, now);
});
const { appeals, targets, due, warn } = await queryOne<{ appeals: number; targets: number; due: number; warn: number }>(
  db,
  `SELECT (SELECT count(*)::int FROM appeals WHERE status = 'open') AS appeals,
     count(*)::int AS targets,
     count(*) FILTER (WHERE due_at <= $1)::int AS due,
     count(*) FILTER (WHERE warn_at <= $1 AND due_at > $1 AND warned_at IS NULL)::int AS warn
   FROM appeal_sla_targets
   WHERE met_at IS NULL`,
  [now],
);
console.log(
  `filled ${fmt(appeals)} open appeals, ${fmt(targets)} running targets in ${fmt(fillMs / 1000, 1)} s; ` +
    `due now: ${fmt(due)} breaches, ${fmt(warn)} warnings ` +
    '(deadlines spread over 14 days; schedulers down for 30 minutes)',
);

const plan = await db.query<{ 'QUERY PLAN': string }>(
  `EXPLAIN SELECT id FROM appeal_sla_targets
   WHERE met_at IS NULL AND breached_at IS NULL AND paused_since IS NULL AND due_at <= $1
   ORDER BY due_at LIMIT 1000 FOR UPDATE SKIP LOCKED`,
  [now],
);
console.log(
  `find plan: ${plan
    .map((row) => row['QUERY PLAN'].trim())
    .filter((line) => /Scan|Limit/.test(line))
    .join(' | ')}`,
);

const scans: number[] = [];
const idles: number[] = [];
let last: ScanResult | undefined;
for (let run = 1; run <= RUNS; run++) {
  await reset(db, now);
  const [result, ms] = await time(() => scanSla(ctx, now));
  const [idle, idleMs] = await time(() => scanSla(ctx, now));
  if (idle.breaches + idle.warnings !== 0) {
    throw new Error('the second scan found something again');
  }
  scans.push(ms);
  idles.push(idleMs);
  last = result;
  console.log(
    `  run ${run}: scan ${fmt(ms)} ms (${fmt(result.breaches)} breaches, ${fmt(result.warnings)} warnings, ` +
      `${fmt(result.notifications)} notifications + e-mails, ${fmt(result.escalations)} escalations queued, ` +
      `${result.batches} batches); idle tick ${fmt(idleMs, 1)} ms`,
  );
}
const [, findMs] = await time(() =>
  db.query(
    `SELECT id FROM appeal_sla_targets
     WHERE met_at IS NULL AND breached_at IS NULL AND paused_since IS NULL AND due_at <= $1
     ORDER BY due_at LIMIT 1000`,
    [new Date(now.getTime() + 3_600_000)],
  ),
);
console.log(
  `SLA scan of ${fmt(targets)} running targets (${fmt(appeals)} open appeals): ` +
    `median ${fmt(median(scans))} ms to find and mark ` +
    `${fmt((last?.breaches ?? 0) + (last?.warnings ?? 0))} due alerts with their notifications; ` +
    `idle tick median ${fmt(median(idles), 1)} ms; one batch lookup (1,000 due in the next hour) ${fmt(findMs, 1)} ms`,
);
await db.close();
process.exit(0);
