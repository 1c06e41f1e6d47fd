// Survey indices end to end: the seed's NPS example, hand-worked cases with silent customers and force majeure, CSV,
// the denominators (imported purchases, visitors, intakes) and the analytics dashboard's satisfaction block.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryOne } from '../../src/db/rows.ts';
import { dispatchSurveys } from '../../src/modules/surveys/invitations.service.ts';
import { npsInterval } from '../../src/modules/surveys/indices/indices.ts';
import { makeAppealInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';
import { DAY, QUESTIONS, surveyKit, tokenOf } from '../support/surveys.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(async () => env?.close());
afterEach(() => env.clock.release());

const { email, createSurvey, invite, post, answered, indices } = surveyKit(() => env);
const UNKNOWN_UNIT = '00000000-0000-4000-8000-000000000000';

describe('the seed example: 75 % promoters and 20 % detractors', () => {
  it('gives NPS 55 with the standard NPS interval, through invitations and the answer page', async () => {
    const survey = await createSurvey({ name: 'NPS', questions: [QUESTIONS[1]] });
    const scores = [...Array(15).fill('9'), ...Array(4).fill('3'), '7'];
    for (const [i, score] of scores.entries()) {
      await answered(survey.id, { nps: i % 2 && score === '9' ? '10' : score });
    }
    const res = await indices(`surveyId=${survey.id}`);
    expect(res.status).toBe(200);
    const [row] = res.body.items;
    expect(row.nps).toMatchObject({ value: 55, n: 20, promoters: 15, passives: 1, detractors: 4 });
    const ci = npsInterval(15, 4, 20);
    expect(row.nps.ci.low).toBeCloseTo(ci?.low ?? NaN, 9);
    expect(row.nps.ci.high).toBeCloseTo(ci?.high ?? NaN, 9);
    expect(row.responseRate).toMatchObject({ value: 1, n: 20 });
    const byMonth = (await indices(`surveyId=${survey.id}&groupBy=month&tz=Europe/Moscow`)).body.items.filter(
      (r: { counts: { sent: number } }) => r.counts.sent,
    );
    expect(byMonth).toHaveLength(1);
    expect(byMonth[0]).toMatchObject({ key: expect.stringMatching(/^\d{4}-\d{2}$/), nps: { value: 55, n: 20 } });
  });
});

describe('silent customers and force majeure, worked by hand', () => {
  // Ten customers asked about the staff member and the store, k = 0.5:
  //   5 yes/yes; 1 no/no qualified staff; 1 no/no qualified force majeure; 1 no/no qualified office; 2 silent.
  // Staff index: force majeure and office leave the base → N = 5 + 1 + 2 = 8, (1 + 0.5·2) / 8 = 0.25.
  // Office index: only force majeure leaves → N = 9, (2 + 0.5·2) / 9 = 1/3.
  // Emotional loyalty (office question, nothing leaves): 100 · (5 − 3 − 0.5·2) / 10 = 10.
  // Response rate 8 / 10; force-majeure level 1 / 8.
  let surveyId: string;
  beforeAll(async () => {
    expect(
      (await env.request('PATCH', '/api/v1/surveys/settings', { as: 'admin', body: { correctionCoefficient: 0.5 } }))
        .status,
    ).toBe(200);
    env.clock.freeze();
    surveyId = (await createSurvey({ name: 'Hand-worked', questions: [QUESTIONS[3], QUESTIONS[4]] })).id;
    for (let i = 0; i < 5; i++) {
      await answered(surveyId, { staff: 'yes', office: 'yes' });
    }
    const qualified = [
      ['staff', await answered(surveyId, { staff: 'no', office: 'no' })],
      ['force_majeure', await answered(surveyId, { staff: 'no', office: 'no' })],
      ['office', await answered(surveyId, { staff: 'no', office: 'no' })],
    ] as const;
    await invite(surveyId);
    await invite(surveyId);
    for (const [qualification, response] of qualified) {
      const res = await env.request('PUT', `/api/v1/surveys/responses/${response.id}/qualification`, {
        as: 'supervisor',
        body: { qualification },
      });
      expect(res.status).toBe(200);
      expect(res.body.qualification).toBe(qualification);
    }
    // Past the deadline the two who never answered are silent.
    env.clock.advance(8 * DAY);
    await dispatchSurveys(env.ctx, env.clock.now());
    env.clock.release();
  });

  it('counts the silent with weight k and leaves force majeure out of the staff index', async () => {
    const [row] = (await indices(`surveyId=${surveyId}`)).body.items;
    expect(row.staffDissatisfaction).toMatchObject({ value: 0.25, n: 8, excluded: 2 });
    expect(row.officeDissatisfaction.value).toBeCloseTo(1 / 3, 12);
    expect(row.officeDissatisfaction).toMatchObject({ n: 9, excluded: 1 });
    expect(row.emotionalLoyalty.value).toBeCloseTo(10, 9);
    expect(row.emotionalLoyalty.n).toBe(10);
    expect(row.responseRate).toMatchObject({ value: 0.8, n: 10 });
    expect(row.forceMajeureLevel).toMatchObject({ value: 0.125, n: 8 });
    expect(row.counts).toMatchObject({ sent: 10, answered: 8, silent: 2 });
  });

  it('moves with k: at k = 1 a silent customer is a negative answer', async () => {
    await env.request('PATCH', '/api/v1/surveys/settings', { as: 'admin', body: { correctionCoefficient: 1 } });
    const [row] = (await indices(`surveyId=${surveyId}`)).body.items;
    expect(row.staffDissatisfaction.value).toBeCloseTo(3 / 8, 12);
    expect(row.emotionalLoyalty.value).toBeCloseTo(0, 9);
    await env.request('PATCH', '/api/v1/surveys/settings', { as: 'admin', body: { correctionCoefficient: 0.5 } });
  });

  it('exports the same figures as CSV, by Accept header or format=csv', async () => {
    const byHeader = await env.request('GET', `/api/v1/surveys/indices?surveyId=${surveyId}`, {
      as: 'analyst',
      headers: { accept: 'text/csv' },
    });
    expect(byHeader.status).toBe(200);
    expect(byHeader.headers['content-type']).toContain('text/csv');
    const [header = '', line = ''] = String(byHeader.body).trim().split('\r\n');
    const cols = header.split(',');
    const cells = line.split(',');
    expect(cells[cols.indexOf('staff_dissatisfaction')]).toBe('0.25');
    expect(cells[cols.indexOf('staff_dissatisfaction_n')]).toBe('8');
    expect(Number(cells[cols.indexOf('staff_dissatisfaction_ci_low')])).toBeGreaterThan(0);
    expect(cells[cols.indexOf('emotional_loyalty')]).toBe('10');
    const byParam = await env.request('GET', `/api/v1/surveys/indices?surveyId=${surveyId}&format=csv`, {
      as: 'analyst',
    });
    expect(byParam.body).toBe(byHeader.body);
  });
});

describe('imports and the denominators', () => {
  it('imports purchase events once, surveys by trigger, and divides by transactions and visitors', async () => {
    const now = env.clock.freeze();
    const { id: unitId } = (
      await env.request('POST', '/api/v1/units', {
        as: 'admin',
        body: { type: 'store', name: 'Магазин у вокзала', timeZone: 'Europe/Moscow' },
      })
    ).body;
    const survey = await createSurvey({ name: 'Purchase', questions: [QUESTIONS[1]] });
    await env.request('POST', `/api/v1/surveys/${survey.id}/triggers`, {
      as: 'admin',
      body: { event: 'purchase', unitIds: [unitId] },
    });
    const at = new Date(now.getTime() - 60_000).toISOString();
    const events = [...Array(10).keys()].map((till) => ({
      externalId: `till-${unitId}-${till}`,
      occurredAt: at,
      unitId,
      ...(till < 4 ? { email: email() } : {}),
    }));
    const first = await env.request('POST', '/api/v1/surveys/events', { as: 'admin', body: { events } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      received: 10,
      imported: 10,
      duplicates: 0,
      invitations: { scheduled: 4, throttled: 0, noContact: 6 },
    });
    const again = await env.request('POST', '/api/v1/surveys/events', { as: 'admin', body: { events } });
    expect(again.body).toMatchObject({ imported: 0, duplicates: 10, invitations: { scheduled: 0 } });
    await dispatchSurveys(env.ctx, now);
    const invs = await env.ctx.db.query<{ id: string; deadline: Date }>(
      `SELECT id, deadline_at AS deadline FROM survey_invitations WHERE unit_id = $1 AND status = 'sent'`,
      [unitId],
    );
    expect(invs).toHaveLength(4);
    const today = now.toISOString().slice(0, 10);
    expect(
      (
        await env.request('POST', '/api/v1/surveys/visitors', {
          as: 'admin',
          body: { visitors: [{ unitId, day: today, visitors: 200 }] },
        })
      ).body,
    ).toEqual({ saved: 1 });
    // Two customers answer a minute later, and the report is read then.
    env.clock.advance(60_000);
    for (const inv of invs.slice(0, 2)) {
      const link = (await env.request('GET', `/api/v1/surveys/invitations/${inv.id}`, { as: 'agent' })).body.link;
      expect((await post(`/s/${tokenOf(link)}`, { nps: '10' })).status).toBe(200);
    }
    const res = await indices(`groupBy=unit&unitId=${unitId}&tz=Europe/Moscow`);
    const [row] = res.body.items;
    expect(row).toMatchObject({ key: unitId, label: 'Магазин у вокзала' });
    expect(row.exactConversion).toMatchObject({ value: 0.2, n: 10 });
    expect(row.visitorCoverage).toMatchObject({ value: 0.01, n: 200 });
  });

  it('counts the email capture rate over intakes against the configured target', async () => {
    const { id: unitId } = (
      await env.request('POST', '/api/v1/units', {
        as: 'admin',
        body: { type: 'service_centre', name: 'СЦ на Ленина', timeZone: 'Europe/Moscow' },
      })
    ).body;
    const customers = [
      { email: email() },
      { email: email() },
      { email: 'noemail@mail.ru', phone: '+7 912 000-11-22' },
      { phone: '+7 912 000-11-23' },
    ];
    const created = [];
    for (const contacts of customers) {
      const res = await env.request('POST', '/api/v1/appeals', {
        as: 'agent',
        body: makeAppealInput({ unitId, customer: { name: 'Пётр Иванов', ...contacts } }),
      });
      expect(res.status).toBe(201);
      created.push(res.body);
    }
    // A customer with two addresses is still one intake with an e-mail.
    await env.ctx.db.query(
      `INSERT INTO customer_identities (customer_id, kind, value, placeholder) VALUES ($1, 'email', $2, false)`,
      [created[0].customerId, email()],
    );
    const [row] = (await indices(`groupBy=unit&unitId=${unitId}`)).body.items;
    expect(row.emailCaptureRate).toMatchObject({ value: 0.5, n: 4, target: 0.7, meetsTarget: false });
  });

  it('rejects an import naming a unit that does not exist, and writes none of it', async () => {
    const res = await env.request('POST', '/api/v1/surveys/events', {
      as: 'admin',
      body: {
        events: [
          { externalId: 'x-ok', occurredAt: env.clock.now().toISOString(), unitId: env.units.store.id },
          { externalId: 'x-bad', occurredAt: env.clock.now().toISOString(), unitId: UNKNOWN_UNIT },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('events.1.unitId');
    expect(await env.ctx.db.query(`SELECT 1 FROM survey_events WHERE external_id LIKE 'x-%'`)).toHaveLength(0);
  });
});

describe('the analytics dashboard', () => {
  it('shows the survey indices of its period and unit, with their sample sizes', async () => {
    const { id: unitId } = (
      await env.request('POST', '/api/v1/units', {
        as: 'admin',
        body: { type: 'store', name: 'Магазин для панели', timeZone: 'Europe/Moscow' },
      })
    ).body;
    const survey = await createSurvey({ name: 'Dashboard', questions: [QUESTIONS[1]] });
    for (const nps of ['10', '10', '0']) {
      await answered(survey.id, { nps }, { unitId });
    }
    // Today in the organisation's zone: the dashboard's days are its days, not UTC's.
    const { timeZone } = await queryOne<{ timeZone: string }>(
      env.ctx.db,
      'SELECT time_zone AS "timeZone" FROM analytics_settings',
    );
    const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(env.clock.now());
    const res = await env.request('GET', `/api/v1/analytics/dashboard?unitId=${unitId}&to=${today}`, { as: 'analyst' });
    expect(res.status).toBe(200);
    expect(res.body.satisfaction.available).toBe(true);
    const nps = res.body.satisfaction.indices.find((i: { key: string }) => i.key === 'nps');
    // Two promoters and a detractor of three: (2 − 1) / 3 → 33.3.
    expect(nps.sampleSize).toBe(3);
    expect(nps.value).toBeCloseTo(100 / 3, 1);
  });
});
