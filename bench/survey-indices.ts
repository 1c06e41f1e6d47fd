// Survey indices benchmark: 2,000,000 closed invitations (answers to CSAT, NPS, CES and both key questions,
// silent customers, qualifications) over 12 months and 200 units, plus purchase events, appeals and visitor
// counts, generated in SQL on a fresh PostgreSQL database (through the roll-up triggers, as the application
// writes); then every grouping of GET /api/v1/surveys/indices timed through the service (the same SQL and
// arithmetic the route runs), over 12 whole months and over a mid-month period (raw edges), and the cost the
// roll-up trigger adds to completing 10,000 invitations. Prints median and max timings.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres npx tsx bench/survey-indices.ts [responses]
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { makeCtx } from '../src/context.ts';
import { openDb } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { queryOne } from '../src/db/rows.ts';
import type { Actor } from '../src/modules/auth/actor.ts';
import {
  tallyEventMonths,
  tallyEvents,
  tallyIntakes,
  tallyVisitors,
} from '../src/modules/surveys/denominators.repo.ts';
import { tallyResponseMonths, tallyResponses } from '../src/modules/surveys/indices.repo.ts';
import { indices } from '../src/modules/surveys/indices.service.ts';
import { median, withDatabase } from './lib.ts';

const RESPONSES = Number(process.argv[2] ?? 2_000_000);
const UNITS = 200;
const STAFF = 2_000;
const EVENTS = 2_000_000;
const APPEALS = 200_000;
const RUNS = 7;

const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('Set DATABASE_URL to a PostgreSQL server: this benchmark measures PostgreSQL');
}
const name = `otklik_bench_surveys_${randomBytes(4).toString('hex')}`;
const admin = await openDb({ databaseUrl: url, poolSize: 1 });
await admin.query(`CREATE DATABASE ${name}`);
const dataDir = await mkdtemp(path.join(tmpdir(), 'otklik-bench-surveys-'));
const db = await openDb({ databaseUrl: withDatabase(url, name), poolSize: 8 });

const time = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await fn();
  console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
};

try {
  await migrate(db);
  await time('units, staff, survey', () =>
    db.exec(`
    INSERT INTO units (type, name, code)
    SELECT 'store', 'Магазин ' || g, 'B' || g FROM generate_series(1, ${UNITS}) g;
    INSERT INTO users (email, name, role)
    SELECT 'staff' || g || '@bench.local', 'Сотрудник ' || g, 'agent' FROM generate_series(1, ${STAFF}) g;
    INSERT INTO surveys (name, questions) VALUES ('Bench', '[]');`),
  );
  const categories = (await queryOne<{ count: number }>(db, 'SELECT count(*)::int AS count FROM categories')).count;
  // Ids by position, so that row g takes unit g mod 200 without a join per row.
  const ARRAYS = `(SELECT (SELECT array_agg(id ORDER BY id) FROM units) AS ua,
    (SELECT array_agg(id ORDER BY id) FROM users) AS sa,
    (SELECT array_agg(id ORDER BY id) FROM categories) AS ca) arr`;

  await time(`${RESPONSES.toLocaleString('en')} invitations`, () =>
    db.exec(`
    INSERT INTO survey_invitations (survey_id, source, delivery, status, locale, unit_id, staff_id, category_id,
      channel, created_at, scheduled_at, sent_at, deadline_at, csat_score, csat_max, csat_satisfied, nps, ces_score,
      ces_max, staff_asked, staff_key, office_asked, office_key, negative, qualification)
    SELECT (SELECT id FROM surveys), 'purchase', 'email', st, 'ru', ua[1 + g % ${UNITS}], sa[1 + g % ${STAFF}],
      ca[1 + g % ${Math.max(categories, 1)}], (ARRAY['store', 'email', 'phone', 'web_form'])[1 + g % 4],
      at, at, at, at + interval '7 days',
      CASE WHEN answered THEN csat END, CASE WHEN answered THEN CASE WHEN g % 3 = 0 THEN 5 ELSE 10 END END,
      CASE WHEN answered THEN csat >= CASE WHEN g % 3 = 0 THEN 4 ELSE 9 END END,
      CASE WHEN answered THEN (g * 7) % 11 END, CASE WHEN answered THEN 1 + (g * 3) % 7 END,
      CASE WHEN answered THEN 7 END,
      true, CASE WHEN answered AND g % 10 <> 0 THEN (ARRAY[1, 1, 1, 0, -1])[1 + g % 5] END,
      true, CASE WHEN answered THEN (ARRAY[1, 1, 0, -1])[1 + g % 4] END,
      answered AND g % 5 = 4,
      CASE WHEN answered AND g % 5 = 4
        THEN (ARRAY['staff', 'office', 'product', 'force_majeure', NULL])[1 + (g / 5) % 5] END
    FROM (SELECT g, now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second' AS at,
            (ARRAY['completed', 'completed', 'completed', 'lapsed', 'silent', 'silent'])[1 + g % 6] AS st,
            g % 6 < 4 AS answered, CASE WHEN g % 3 = 0 THEN 1 + g % 5 ELSE g % 11 END AS csat
          FROM generate_series(1, ${RESPONSES}) g) x, ${ARRAYS};`),
  );
  await time(`${EVENTS.toLocaleString('en')} purchase events`, () =>
    db.exec(`
    INSERT INTO survey_events (external_id, occurred_at, unit_id, staff_id, channel)
    SELECT 'till-' || g, now() - (g % 365) * interval '1 day', ua[1 + g % ${UNITS}], sa[1 + g % ${STAFF}], 'store'
    FROM generate_series(1, ${EVENTS}) g, ${ARRAYS};`),
  );
  await time(`${APPEALS.toLocaleString('en')} appeals`, () =>
    db.exec(`
    INSERT INTO appeals (kind, channel, subject, unit_id, owner_id, received_at, created_at)
    SELECT 'incident', 'phone', 'Обращение ' || g, ua[1 + g % ${UNITS}], sa[1 + g % ${STAFF}],
      now() - (g % 365) * interval '1 day', now() - (g % 365) * interval '1 day'
    FROM generate_series(1, ${APPEALS}) g, ${ARRAYS};`),
  );
  await time('visitors', () =>
    db.exec(`
    INSERT INTO survey_visitors (unit_id, day, visitors)
    SELECT u.id, current_date - d, 300 + (d * 7) % 200 FROM units u, generate_series(0, 364) d;`),
  );
  await time('VACUUM ANALYZE', () => db.exec('VACUUM ANALYZE'));

  const ctx = makeCtx(db, { ...loadConfig({}), dataDir });
  const actor: Actor = {
    id: '00000000-0000-4000-8000-000000000000',
    email: 'bench@otklik.local',
    name: 'Bench',
    role: 'analyst',
    locale: 'ru',
    unitIds: [],
  };
  const now = new Date();
  const monthStart = (monthsAgo: number) =>
    `${new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1)).toISOString().slice(0, 10)}`;
  const periods = [
    // Dates are whole days in the request's zone: 12 whole months, all from the roll-up.
    {
      label: '12 whole months',
      from: monthStart(12),
      to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10),
    },
    // Instants mid-month: whole months from the roll-up, the two edges from the raw rows.
    {
      label: '12 months mid-month',
      from: new Date(now.getTime() - 365 * 86_400_000).toISOString(),
      to: now.toISOString(),
    },
  ];
  for (const period of periods) {
    console.log(
      `\nGET /api/v1/surveys/indices, ${period.label} ${period.from} .. ${period.to} (${RUNS} runs each, PostgreSQL):`,
    );
    for (const groupBy of ['unit', 'month', 'staff', 'category', 'channel', 'all'] as const) {
      const timings: number[] = [];
      let groups = 0;
      let invitations = 0;
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const report = await indices(
          ctx,
          actor,
          { groupBy, from: period.from, to: period.to, tz: 'Europe/Moscow' },
          now,
        );
        timings.push(performance.now() - started);
        groups = report.items.length;
        invitations = report.items.reduce((sum, item) => sum + item.counts.sent, 0);
      }
      console.log(
        `  groupBy=${groupBy.padEnd(8)} ${String(groups).padStart(5)} groups, ` +
          `${invitations.toLocaleString('en')} invitations: ` +
          `median ${median(timings).toFixed(0)} ms, max ${Math.max(...timings).toFixed(0)} ms`,
      );
    }
  }
  console.log('\nParts of groupBy=unit over 12 months mid-month, one at a time (median ms):');
  const from = new Date(now.getTime() - 365 * 86_400_000);
  const filter = { groupBy: 'unit' as const, from, to: now, timeZone: 'Europe/Moscow', unitIds: null };
  const months = { from: monthStart(11), to: monthStart(0) };
  for (const [label, part] of [
    ['responses, roll-up months', () => tallyResponseMonths(db, filter, months)],
    ['responses, raw (all 12 months)', () => tallyResponses(db, filter)],
    ['events, roll-up months', () => tallyEventMonths(db, filter, months)],
    ['events, raw (all 12 months)', () => tallyEvents(db, filter)],
    ['appeals (intakes), raw', () => tallyIntakes(db, filter)],
    ['visitors', () => tallyVisitors(db, filter)],
  ] as const) {
    const timings: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      await (part as () => Promise<unknown>)();
      timings.push(performance.now() - started);
    }
    console.log(`  ${label.padEnd(32)} ${median(timings).toFixed(0)} ms`);
  }

  // What the roll-up trigger costs a writer: completing 10,000 invitations of 200 units, each in its own
  // transaction (as the answer page does) and all in one statement (as the nightly lapse does), with and without
  // the trigger. Each round puts the invitations back (counted out again by the trigger when it is on).
  const SAMPLE = 10_000;
  await db.exec(`INSERT INTO survey_invitations
      (survey_id, source, delivery, status, unit_id, staff_id, sent_at, staff_asked, office_asked)
    SELECT (SELECT id FROM surveys), 'purchase', 'email', 'answering', ua[1 + g % ${UNITS}], sa[1 + g % ${STAFF}],
      now() - (g % 300) * interval '1 day', true, true
    FROM generate_series(1, ${SAMPLE}) g, ${ARRAYS}`);
  const open = (await db.query<{ id: string }>(`SELECT id FROM survey_invitations WHERE status = 'answering'`)).map(
    (row) => row.id,
  );
  const complete = `UPDATE survey_invitations SET status = 'completed', completed_at = now(),
    csat_score = 9, csat_max = 10, csat_satisfied = true, nps = 10, ces_score = 2, ces_max = 7,
    staff_key = 1, office_key = 0`;
  const reopen = `UPDATE survey_invitations SET status = 'answering', completed_at = NULL,
    csat_score = NULL, csat_max = NULL, csat_satisfied = NULL, nps = NULL, ces_score = NULL, ces_max = NULL,
    staff_key = NULL, office_key = NULL
    WHERE id = ANY ($1::uuid[])`;
  console.log(`\nCompleting ${SAMPLE.toLocaleString('en')} invitations:`);
  for (const mode of ['one transaction each', 'one statement'] as const) {
    for (const trigger of [false, true]) {
      await db.exec(`ALTER TABLE survey_invitations ${trigger ? 'ENABLE' : 'DISABLE'} TRIGGER survey_tallies_update`);
      const started = performance.now();
      if (mode === 'one statement') {
        await db.query(`${complete} WHERE id = ANY ($1::uuid[])`, [open]);
      } else {
        for (const id of open) {
          await db.query(`${complete} WHERE id = $1`, [id]);
        }
      }
      const ms = performance.now() - started;
      await db.query(reopen, [open]);
      console.log(
        `  ${trigger ? 'with' : 'without'} the trigger, ${mode.padEnd(20)} ${ms.toFixed(0)} ms ` +
          `(${((ms * 1000) / SAMPLE).toFixed(0)} µs per invitation)`,
      );
    }
  }
  await db.exec('ALTER TABLE survey_invitations ENABLE TRIGGER survey_tallies_update');
} finally {
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.close();
  await rm(dataDir, { recursive: true, force: true });
}
