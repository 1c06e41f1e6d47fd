// The survey roll-ups against the raw rows: after random invitations are inserted, answered, qualified, lapsed,
// moved and deleted (one row at a time and in bulk), every grouping over whole months, mid-month periods and a
// period in another zone gives exactly the raw aggregation; a rebuild gives the same roll-up the triggers keep.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  QUALIFICATIONS,
  excludeFromOfficeIndex,
  excludeFromStaffIndex,
} from '../../src/modules/surveys/indices/indices.ts';
import { tallyEvents } from '../../src/modules/surveys/denominators.repo.ts';
import * as repo from '../../src/modules/surveys/indices.repo.ts';
import { periodTallies } from '../../src/modules/surveys/indices.service.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
let surveys: string[];
let units: string[];
let staff: string[];
let categories: string[];
beforeAll(async () => {
  env = await startTestEnv();
  const ids = async (sql: string) => (await env.ctx.db.query<{ id: string }>(sql)).map((r) => r.id);
  surveys = await ids(`INSERT INTO surveys (name, questions) VALUES ('A', '[]'), ('B', '[]') RETURNING id`);
  units = await ids('SELECT id FROM units ORDER BY id LIMIT 3');
  staff = await ids('SELECT id FROM users ORDER BY id LIMIT 4');
  categories = await ids('SELECT id FROM categories ORDER BY id LIMIT 3');
});
afterAll(async () => env?.close());

// A small deterministic generator, so that a failure replays.
let seed = 20_261_125;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const maybe = <T>(x: T, p = 0.8): T | null => (rand() < p ? x : null);

const BASE = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
// Mostly spread over 14 months, a third within six hours of a month's start (where Moscow and UTC months differ).
function sentAt(): Date {
  if (rand() < 0.35) {
    return new Date(Date.UTC(2025, Math.floor(rand() * 14), 1) + (rand() - 0.5) * 12 * 3_600_000);
  }
  return new Date(BASE + rand() * 425 * DAY);
}

const STATUSES = ['completed', 'completed', 'lapsed', 'silent', 'sent', 'answering', 'scheduled', 'skipped'] as const;
const QUAL = [...QUALIFICATIONS, null, null];

function answers() {
  const csatMax = pick([10, 5, null]);
  const cesMax = pick([7, 5, null]);
  const csat = csatMax === null ? null : Math.floor(rand() * (csatMax + 1));
  return {
    csat_score: csat,
    csat_max: csatMax,
    csat_satisfied: csat === null ? null : csat >= (csatMax === 10 ? 9 : 4),
    nps: maybe(Math.floor(rand() * 11)),
    ces_score: cesMax === null ? null : 1 + Math.floor(rand() * cesMax),
    ces_max: cesMax,
    staff_asked: rand() < 0.8,
    staff_key: maybe(pick([-1, 0, 1]), 0.6),
    office_asked: rand() < 0.8,
    office_key: maybe(pick([-1, 0, 1]), 0.6),
    qualification: pick(QUAL),
  };
}

async function insertInvitations(count: number) {
  const rows = Array.from({ length: count }, () => ({
    survey_id: pick(surveys),
    status: pick(STATUSES),
    unit_id: maybe(pick(units), 0.9),
    staff_id: maybe(pick(staff)),
    category_id: maybe(pick(categories)),
    channel: maybe(pick(['email', 'phone', 'store'])),
    sent_at: sentAt().toISOString(),
    ...answers(),
  }));
  await env.ctx.db.query(
    `INSERT INTO survey_invitations (survey_id, source, delivery, status, unit_id, staff_id, category_id, channel,
       sent_at, csat_score, csat_max, csat_satisfied, nps, ces_score, ces_max, staff_asked, staff_key, office_asked,
       office_key, qualification)
     SELECT survey_id, 'manual', 'email', status, unit_id, staff_id, category_id, channel, sent_at, csat_score,
       csat_max, csat_satisfied, nps, ces_score, ces_max, staff_asked, staff_key, office_asked, office_key,
       qualification
     FROM jsonb_to_recordset($1::jsonb) AS r (survey_id uuid, status text, unit_id uuid, staff_id uuid,
       category_id uuid, channel text, sent_at timestamptz, csat_score smallint, csat_max smallint,
       csat_satisfied boolean, nps smallint, ces_score smallint, ces_max smallint, staff_asked boolean,
       staff_key smallint, office_asked boolean, office_key smallint, qualification text)`,
    [JSON.stringify(rows)],
  );
}

async function insertEvents(count: number) {
  const rows = Array.from({ length: count }, (_, till) => ({
    external_id: `till-${seed}-${till}`,
    occurred_at: sentAt().toISOString(),
    unit_id: maybe(pick(units), 0.9),
    staff_id: maybe(pick(staff)),
    channel: pick(['store', 'web']),
  }));
  await env.ctx.db.query(
    `INSERT INTO survey_events (external_id, occurred_at, unit_id, staff_id, channel)
     SELECT * FROM jsonb_to_recordset($1::jsonb)
       AS r (external_id text, occurred_at timestamptz, unit_id uuid, staff_id uuid, channel text)`,
    [JSON.stringify(rows)],
  );
}

const invitationIds = async (where = 'true') =>
  (await env.ctx.db.query<{ id: string }>(`SELECT id FROM survey_invitations WHERE ${where} ORDER BY id`)).map(
    (row) => row.id,
  );

const byKey = <T extends { key: string | null }>(rows: T[]) =>
  [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key)));

const PERIODS: { label: string; from: Date; to: Date; timeZone: string }[] = [
  {
    label: 'whole Moscow months',
    from: new Date('2024-12-31T21:00:00Z'),
    to: new Date('2025-12-31T21:00:00Z'),
    timeZone: 'Europe/Moscow',
  },
  {
    label: 'mid-month in Moscow',
    from: new Date('2025-02-14T09:30:00Z'),
    to: new Date('2025-11-17T13:00:00Z'),
    timeZone: 'Europe/Moscow',
  },
  {
    label: 'whole UTC months (edges of hours)',
    from: new Date('2025-01-01T00:00:00Z'),
    to: new Date('2026-01-01T00:00:00Z'),
    timeZone: 'UTC',
  },
  {
    label: 'shorter than a month',
    from: new Date('2025-03-03T00:00:00Z'),
    to: new Date('2025-03-20T00:00:00Z'),
    timeZone: 'Europe/Moscow',
  },
  {
    label: 'past the ends of the data',
    from: new Date('2024-06-01T00:00:00Z'),
    to: new Date('2026-06-01T00:00:00Z'),
    timeZone: 'Asia/Kolkata',
  },
];

async function expectRollUpEqualsRaw() {
  for (const period of PERIODS) {
    for (const groupBy of ['unit', 'staff', 'category', 'channel', 'month', 'all'] as const) {
      for (const scope of [{ unitIds: null }, { unitIds: units.slice(0, 2), surveyId: surveys[0] }]) {
        const { from, to, timeZone } = period;
        const filter: repo.IndexFilter = { groupBy, from, to, timeZone, ...scope };
        const { responses, events } = await periodTallies(env.ctx, filter);
        const what = `${period.label}, groupBy=${groupBy}, ${scope.unitIds ? 'two units, one survey' : 'everything'}`;
        expect(byKey(responses), what).toEqual(byKey(await repo.tallyResponses(env.ctx.db, filter)));
        if (!scope.surveyId) {
          expect(byKey(events), what).toEqual(byKey(await tallyEvents(env.ctx.db, filter)));
        }
      }
    }
  }
}

const TALLY_ORDER = 'ORDER BY dim, month, unit_id, survey_id, key';
async function expectRebuildKeepsRollUp() {
  const nonZero = `SELECT * FROM survey_tallies WHERE closed <> 0 ${TALLY_ORDER}`;
  const kept = await env.ctx.db.query(nonZero);
  const keptEvents = await env.ctx.db.query(
    'SELECT * FROM survey_event_tallies WHERE events <> 0 ORDER BY month, unit_id, staff_id, channel',
  );
  await env.ctx.db.query('SELECT rebuild_survey_tallies()');
  expect(await env.ctx.db.query(`SELECT * FROM survey_tallies ${TALLY_ORDER}`)).toEqual(kept);
  expect(
    await env.ctx.db.query('SELECT * FROM survey_event_tallies ORDER BY month, unit_id, staff_id, channel'),
  ).toEqual(keptEvents);
  // A row that no longer counts anything holds only zeros.
  expect(
    await env.ctx.db.query(
      `SELECT 1 FROM survey_tallies WHERE closed = 0 AND (answered <> 0 OR silent <> 0 OR staff_silent <> 0)`,
    ),
  ).toEqual([]);
}

describe('the survey roll-ups', () => {
  it('leave the staff and the office index exactly the qualifications the code excludes', async () => {
    for (const qualification of [...QUALIFICATIONS, null]) {
      const [row] = await env.ctx.db.query<{ staff: boolean; office: boolean }>(
        'SELECT survey_staff_excluded($1) AS staff, survey_office_excluded($1) AS office',
        [qualification],
      );
      expect(row, String(qualification)).toEqual({
        staff: excludeFromStaffIndex(qualification),
        office: excludeFromOfficeIndex(qualification),
      });
    }
  });

  it('equal the raw rows after inserts, one at a time and in bulk', async () => {
    await insertInvitations(600);
    for (let i = 0; i < 5; i++) {
      await insertInvitations(1);
    }
    await insertEvents(300);
    await expectRollUpEqualsRaw();
    await expectRebuildKeepsRollUp();
  });

  it('equal the raw rows after answers, qualifications, lapses, moves and deletions', async () => {
    const db = env.ctx.db;
    // Customers answering, one row at a time.
    for (const id of (await invitationIds(`status IN ('sent', 'answering')`)).slice(0, 25)) {
      const given = answers();
      await db.query(
        `UPDATE survey_invitations
         SET status = 'completed', csat_score = $2, csat_max = $3, csat_satisfied = $4, nps = $5, ces_score = $6,
           ces_max = $7, staff_key = $8, office_key = $9
         WHERE id = $1`,
        [
          id,
          given.csat_score,
          given.csat_max,
          given.csat_satisfied,
          given.nps,
          given.ces_score,
          given.ces_max,
          given.staff_key,
          given.office_key,
        ],
      );
    }
    // A supervisor qualifying and requalifying; the nightly lapse in one statement.
    for (const id of (await invitationIds(`status = 'completed'`)).slice(0, 40)) {
      await db.query('UPDATE survey_invitations SET qualification = $2, negative = true WHERE id = $1', [
        id,
        pick(QUAL),
      ]);
    }
    await db.query(
      `UPDATE survey_invitations SET status = 'silent' WHERE status IN ('sent', 'answering') AND random() < 0.7`,
    );
    // Corrections that move rows between groups and months, and answers that change.
    await db.query(
      `UPDATE survey_invitations
       SET unit_id = $1, staff_id = NULL, channel = 'kiosk', sent_at = sent_at + interval '20 days'
       WHERE id = ANY ($2::uuid[])`,
      [units[2], (await invitationIds()).filter(() => rand() < 0.1)],
    );
    await db.query(
      `UPDATE survey_invitations SET nps = (nps + 3) % 11, office_key = -office_key
       WHERE nps IS NOT NULL AND random() < 0.3`,
    );
    // Deletions, single and bulk; a closed row reopened.
    const ids = await invitationIds();
    await db.query('DELETE FROM survey_invitations WHERE id = $1', [ids[0]]);
    await db.query('DELETE FROM survey_invitations WHERE id = ANY ($1::uuid[])', [ids.filter(() => rand() < 0.1)]);
    await db.query(`UPDATE survey_invitations SET status = 'answering' WHERE id = ANY ($1::uuid[])`, [
      (await invitationIds(`status = 'silent'`)).slice(0, 10),
    ]);
    await db.query(
      `UPDATE survey_events SET unit_id = $1, occurred_at = occurred_at - interval '9 days' WHERE random() < 0.2`,
      [units[0]],
    );
    await db.query(`DELETE FROM survey_events WHERE random() < 0.1`);
    await expectRollUpEqualsRaw();
    await expectRebuildKeepsRollUp();
  });

  it('roll back with the change that failed', async () => {
    const before = await env.ctx.db.query(`SELECT * FROM survey_tallies ${TALLY_ORDER}`);
    await expect(
      env.ctx.db.transaction(async (tx) => {
        await tx.query(`UPDATE survey_invitations SET status = 'silent' WHERE status = 'completed'`);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await env.ctx.db.query(`SELECT * FROM survey_tallies ${TALLY_ORDER}`)).toEqual(before);
  });

  it('follow a change of their time zone once rebuilt in the same transaction', async () => {
    await env.ctx.db.transaction(async (tx) => {
      await tx.query(`UPDATE survey_settings SET tally_time_zone = 'UTC'`);
      await tx.query('SELECT rebuild_survey_tallies()');
    });
    await expectRollUpEqualsRaw();
    await env.ctx.db.transaction(async (tx) => {
      await tx.query(`UPDATE survey_settings SET tally_time_zone = 'Europe/Moscow'`);
      await tx.query('SELECT rebuild_survey_tallies()');
    });
  });

  it('serve a mid-month period through the API with the figures of the raw rows', async () => {
    const from = '2025-02-14T09:30:00.000Z';
    const to = '2025-11-17T13:00:00.000Z';
    const res = await env.request(
      'GET',
      `/api/v1/surveys/indices?groupBy=unit&from=${from}&to=${to}&tz=Europe/Moscow`,
      { as: 'admin' },
    );
    expect(res.status).toBe(200);
    const raw = await repo.tallyResponses(env.ctx.db, {
      groupBy: 'unit',
      from: new Date(from),
      to: new Date(to),
      timeZone: 'Europe/Moscow',
      unitIds: null,
    });
    const sent = (res.body as { items: { key: string | null; counts: { sent: number } }[] }).items
      .map((row) => ({ key: row.key, sent: row.counts.sent }))
      .filter((row) => row.sent > 0);
    expect(byKey(sent)).toEqual(byKey(raw.map((row) => ({ key: row.key, sent: row.closed }))));
  });
});
