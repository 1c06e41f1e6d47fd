// Surveys end to end through the API and the public answer pages: the answer link (partial answers, used, expired and
// tampered links), sending by trigger, the kiosk, qualification, bad input and who may do what.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryOne } from '../../src/db/rows.ts';
import { HANDLERS } from '../../src/jobs/handlers.ts';
import { runDueJobs } from '../../src/jobs/runner.ts';
import { dispatchSurveys } from '../../src/modules/surveys/invitations.service.ts';
import { makeAppealInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';
import { DAY, QUESTIONS, surveyKit, tokenOf, wording } from '../support/surveys.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(async () => env?.close());
// A test that holds the clock lets it go again.
afterEach(() => env.clock.release());

const { email, createSurvey, invite, post, answered, indices } = surveyKit(() => env);

const statusOf = async (invitationId: string) =>
  (
    await queryOne<{ status: string }>(env.ctx.db, 'SELECT status FROM survey_invitations WHERE id = $1', [
      invitationId,
    ])
  ).status;

describe('the answer link', () => {
  let surveyId: string;
  beforeAll(async () => {
    surveyId = (
      await createSurvey({
        name: 'Links',
        questions: [{ ...QUESTIONS[0], required: true }, QUESTIONS[1], QUESTIONS[5]],
      })
    ).id;
  });

  it('shows a mobile page in the customer language, with no referrer and no caching', async () => {
    const inv = await invite(surveyId, { locale: 'en' });
    const res = await env.request('GET', `/s/${tokenOf(inv.link)}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('How satisfied are you?');
    expect(res.body).toContain('name="viewport"');
    expect(res.body).not.toContain('Насколько');
  });

  it('saves partial answers as they come and shows them again', async () => {
    const inv = await invite(surveyId);
    const token = tokenOf(inv.link);
    const saved = await env.request('POST', `/s/${token}/answers`, { body: { answers: { nps: 8 } } });
    expect(saved.status).toBe(200);
    expect((await env.request('POST', `/s/${token}/answers`, { body: { answers: { nps: '10' } } })).status).toBe(200);
    const rows = await env.ctx.db.query<{ value: unknown }>(
      'SELECT value FROM survey_answers WHERE invitation_id = $1',
      [inv.id],
    );
    expect(rows).toEqual([{ value: 10 }]);
    const page = await env.request('GET', `/s/${token}`);
    expect(page.body).toMatch(/name="q.nps" value="10" checked/);
    const status = await env.ctx.db.query<{ status: string; nps: number }>(
      'SELECT status, nps FROM survey_invitations WHERE id = $1',
      [inv.id],
    );
    expect(status).toEqual([{ status: 'answering', nps: 10 }]);
  });

  it('refuses to complete without a required answer and names it, writing nothing', async () => {
    const inv = await invite(surveyId);
    const res = await post(`/s/${tokenOf(inv.link)}`, { nps: '9' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('role="alert"');
    expect(await env.ctx.db.query('SELECT 1 FROM survey_answers WHERE invitation_id = $1', [inv.id])).toHaveLength(0);
  });

  it('rejects an answer off the scale, naming the question', async () => {
    const inv = await invite(surveyId);
    const res = await env.request('POST', `/s/${tokenOf(inv.link)}/answers`, {
      body: { answers: { csat: 11, nope: 1 } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['answers.csat', 'answers.nope']);
  });

  it('is single-use: the second submission gets a clear page and stores nothing twice', async () => {
    const inv = await invite(surveyId);
    const url = `/s/${tokenOf(inv.link)}`;
    expect((await post(url, { csat: '10', comment: 'Всё отлично' })).status).toBe(200);
    const again = await post(url, { csat: '2', comment: 'Передумал' });
    expect(again.status).toBe(410);
    expect(again.body).toContain('уже ответили');
    expect((await env.request('GET', url)).status).toBe(410);
    expect((await env.request('POST', `${url}/answers`, { body: { answers: { csat: 1 } } })).status).toBe(410);
    const rows = await env.ctx.db.query<{ questionId: string; value: unknown }>(
      'SELECT question_id AS "questionId", value FROM survey_answers WHERE invitation_id = $1 ORDER BY 1',
      [inv.id],
    );
    expect(rows).toEqual([
      { questionId: 'comment', value: 'Всё отлично' },
      { questionId: 'csat', value: 10 },
    ]);
  });

  it('expires at its deadline: the customer is silent and the page says so', async () => {
    env.clock.freeze();
    const inv = await invite(surveyId);
    env.clock.advance(8 * DAY);
    await dispatchSurveys(env.ctx, env.clock.now());
    const res = await env.request('GET', `/s/${tokenOf(inv.link)}`);
    expect(res.status).toBe(410);
    expect(res.body).toContain('истёк');
    expect(await statusOf(inv.id)).toBe('silent');
  });

  it('counts a customer who stopped halfway: answered, and silent on what they left', async () => {
    env.clock.freeze();
    const survey = await createSurvey({ name: 'Halfway', questions: [QUESTIONS[1], QUESTIONS[3]] });
    const inv = await invite(survey.id);
    await env.request('POST', `/s/${tokenOf(inv.link)}/answers`, { body: { answers: { nps: 10 } } });
    env.clock.advance(8 * DAY);
    await dispatchSurveys(env.ctx, env.clock.now());
    const [row] = (await indices(`surveyId=${survey.id}`)).body.items;
    expect(row.nps).toMatchObject({ value: 100, n: 1 });
    expect(row.responseRate).toMatchObject({ value: 1, n: 1 });
    expect(row.staffDissatisfaction).toMatchObject({ value: 0.5, n: 1 });
  });

  it('shows a clear page for a tampered link and stores nothing', async () => {
    const inv = await invite(surveyId);
    const token = tokenOf(inv.link);
    const tampered = token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6);
    const res = await env.request('GET', `/s/${tampered}`);
    expect(res.status).toBe(400);
    expect(res.body).toContain('недействительна');
    expect((await post(`/s/${tampered}`, { csat: '9' })).status).toBe(400);
    expect(await env.ctx.db.query('SELECT 1 FROM survey_answers WHERE invitation_id = $1', [inv.id])).toHaveLength(0);
  });
});

describe('sending', () => {
  it('sends one survey per customer per N days', async () => {
    const survey = await createSurvey({ name: 'Throttle', questions: [QUESTIONS[1]] });
    const address = email();
    expect((await invite(survey.id, { email: address })).status).toBe('sent');
    const second = await invite(survey.id, { email: address.toUpperCase() });
    expect(second).toMatchObject({ status: 'skipped', skipReason: 'throttled', link: null });
    expect((await invite(survey.id, { email: address, throttleDays: 0 })).status).toBe('sent');
  });

  it('does not survey a placeholder address', async () => {
    const survey = await createSurvey({ name: 'Placeholder', questions: [QUESTIONS[1]] });
    expect(await invite(survey.id, { email: 'noemail@mail.ru' })).toMatchObject({
      status: 'skipped',
      skipReason: 'no_contact',
    });
  });

  it('gives SMS text with the link for a phone', async () => {
    const survey = await createSurvey({ name: 'SMS', questions: [QUESTIONS[1]] });
    const inv = await invite(survey.id, { delivery: 'sms', email: undefined, phone: '+7 912 555-12-34' });
    expect(inv.status).toBe('sent');
    expect(inv.smsText).toContain(inv.link);
  });

  it('surveys the customer after an appeal is resolved, once, by e-mail through the outbox', async () => {
    const survey = await createSurvey({ name: 'Resolved', questions: [QUESTIONS[1]] });
    const trigger = await env.request('POST', `/api/v1/surveys/${survey.id}/triggers`, {
      as: 'cs_head',
      body: { event: 'appeal_resolved', delayMinutes: 60 },
    });
    expect(trigger.status).toBe(201);
    const address = email();
    const appeal = (
      await env.request('POST', '/api/v1/appeals', {
        as: 'agent',
        body: makeAppealInput({ unitId: env.units.store.id, customer: { name: 'Анна Смирнова', email: address } }),
      })
    ).body;
    expect(
      (await env.request('PATCH', `/api/v1/appeals/${appeal.id}`, { as: 'agent', body: { status: 'resolved' } }))
        .status,
    ).toBe(200);
    // The job was queued by the database's clock as the appeal changed; ours is held from then on.
    const resolvedAt = env.clock.freeze();
    await runDueJobs(env.ctx, resolvedAt, { handlers: HANDLERS, workerId: 'test' });
    const inv = await queryOne<{ id: string; status: string; unitId: string }>(
      env.ctx.db,
      'SELECT id, status, unit_id AS "unitId" FROM survey_invitations WHERE appeal_id = $1',
      [appeal.id],
    );
    expect(inv).toMatchObject({ status: 'scheduled', unitId: env.units.store.id });
    env.clock.advance(30 * 60_000);
    await dispatchSurveys(env.ctx, env.clock.now());
    expect(await statusOf(inv.id)).toBe('scheduled');
    env.clock.advance(31 * 60_000);
    await dispatchSurveys(env.ctx, env.clock.now());
    const mails = await env.ctx.db.query<{ to: string; text: string }>(
      `SELECT payload->>'to' AS to, payload->>'text' AS text
       FROM outbox
       WHERE payload->>'template' = 'survey_invitation' AND payload->>'invitationId' = $1`,
      [inv.id],
    );
    expect(mails).toEqual([{ to: address, text: expect.stringMatching(/\/s\/[\w-]+\.[\w-]+/) }]);
    // Reopened and resolved again: no second survey.
    await env.request('PATCH', `/api/v1/appeals/${appeal.id}`, { as: 'agent', body: { status: 'open' } });
    await env.request('PATCH', `/api/v1/appeals/${appeal.id}`, { as: 'agent', body: { status: 'resolved' } });
    await runDueJobs(env.ctx, env.clock.now(), { handlers: HANDLERS, workerId: 'test' });
    expect(await env.ctx.db.query('SELECT 1 FROM survey_invitations WHERE appeal_id = $1', [appeal.id])).toHaveLength(
      1,
    );
  });
});

describe('the kiosk', () => {
  it('takes one response per submission for its unit, and a resubmitted form once', async () => {
    const survey = await createSurvey({ name: 'Kiosk', questions: [QUESTIONS[0], QUESTIONS[3]] });
    const link = await env.request('POST', `/api/v1/surveys/${survey.id}/kiosk-links`, {
      as: 'unit_responsible',
      body: { unitId: env.units.store.id },
    });
    expect(link.status).toBe(201);
    const path = new URL(link.body.url).pathname;
    const page = await env.request('GET', `${path}?lang=en`);
    expect(page.status).toBe(200);
    const nonce = /name="nonce" value="([^"]+)"/.exec(page.body)?.[1];
    expect(nonce).toBeDefined();
    expect((await post(path, { csat: '10', staff: 'yes' }, `&nonce=${nonce}`)).status).toBe(200);
    expect((await post(path, { csat: '10', staff: 'yes' }, `&nonce=${nonce}`)).status).toBe(200);
    expect((await post(path, { csat: '3', staff: 'no' }, `&nonce=${crypto.randomUUID()}`)).status).toBe(200);
    const rows = await env.ctx.db.query<{ unitId: string; channel: string }>(
      'SELECT unit_id AS "unitId", channel FROM survey_invitations WHERE survey_id = $1',
      [survey.id],
    );
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.unitId === env.units.store.id && row.channel === 'in_person')).toBe(true);
    const [row] = (await indices(`surveyId=${survey.id}&groupBy=channel`)).body.items;
    expect(row).toMatchObject({ key: 'in_person', csat: { satisfied: { value: 0.5, n: 2 } } });
  });

  it('is refused for a unit that is not the responsible one', async () => {
    const survey = await createSurvey({ name: 'Kiosk 2', questions: [QUESTIONS[1]] });
    expect(
      (
        await env.request('POST', `/api/v1/surveys/${survey.id}/kiosk-links`, {
          as: 'unit_responsible',
          body: { unitId: env.units.other.id },
        })
      ).status,
    ).toBe(403);
  });

  it('shows a clear page for a forged kiosk link', async () => {
    expect(
      (await env.request('GET', '/s/kiosk/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA')).status,
    ).toBe(400);
  });
});

describe('qualification', () => {
  it('is refused for a positive response and for a silent customer, and for roles other than supervisors', async () => {
    const survey = await createSurvey({ name: 'Qualify', questions: [QUESTIONS[3]] });
    const positive = await answered(survey.id, { staff: 'yes' });
    const negative = await answered(survey.id, { staff: 'no' });
    const silent = await invite(survey.id);
    const put = (
      id: string,
      as: 'supervisor' | 'analyst' | 'agent' | 'unit_responsible',
      qualification: string | null = 'staff',
    ) => env.request('PUT', `/api/v1/surveys/responses/${id}/qualification`, { as, body: { qualification } });
    expect((await put(positive.id, 'supervisor')).body.error.fields[0].code).toBe('not_negative');
    expect((await put(silent.id, 'supervisor')).body.error.fields[0].code).toBe('not_answered');
    expect((await put(negative.id, 'analyst')).status).toBe(403);
    expect((await put(negative.id, 'agent')).status).toBe(403);
    expect((await put(negative.id, 'supervisor', 'weather')).status).toBe(400);
    const list = await env.request(
      'GET',
      `/api/v1/surveys/responses?surveyId=${survey.id}&negative=true&qualified=false`,
      { as: 'supervisor' },
    );
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([negative.id]);
    expect((await put(negative.id, 'supervisor', 'product')).status).toBe(200);
    const after = await env.request(
      'GET',
      `/api/v1/surveys/responses?surveyId=${survey.id}&negative=true&qualified=false`,
      { as: 'supervisor' },
    );
    expect(after.body.items).toHaveLength(0);
  });
});

describe('bad input', () => {
  it('names every invalid question', async () => {
    const res = await env.request('POST', '/api/v1/surveys', {
      as: 'admin',
      body: {
        name: 'Bad',
        questions: [
          { ...QUESTIONS[0], scale: { min: 0, max: 10, satisfiedFrom: 11 } },
          QUESTIONS[1],
          { ...QUESTIONS[1], id: 'nps2' },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      'questions.0.scale.satisfiedFrom',
      'questions.2.type',
    ]);
  });

  it('refuses changing what the questions of a sent survey mean, but takes new wording', async () => {
    const survey = await createSurvey({ name: 'Sent', questions: [QUESTIONS[1]] });
    await invite(survey.id);
    const changed = await env.request('PATCH', `/api/v1/surveys/${survey.id}`, {
      as: 'admin',
      body: { questions: [QUESTIONS[0]] },
    });
    expect(changed.status).toBe(409);
    const reworded = await env.request('PATCH', `/api/v1/surveys/${survey.id}`, {
      as: 'admin',
      body: { questions: [{ ...QUESTIONS[1], wording: wording('Посоветуете?', 'Recommend?') }] },
    });
    expect(reworded.status).toBe(200);
  });

  it.each([
    ['groupBy=week', 'query.groupBy'],
    ['tz=Mars/Olympus', 'query.tz'],
    ['from=2025-02-01&to=2025-01-01', 'query.from'],
    ['unitId=nope', 'query.unitId'],
  ])('refuses indices?%s naming %s', async (query, field) => {
    const res = await indices(query);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe(field);
  });

  it('refuses a correction coefficient outside [0, 1]', async () => {
    const res = await env.request('PATCH', '/api/v1/surveys/settings', {
      as: 'admin',
      body: { correctionCoefficient: 1.5 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('correctionCoefficient');
  });
});

describe('authorisation', () => {
  it('lets the analyst read but not change anything', async () => {
    expect((await env.request('GET', '/api/v1/surveys', { as: 'analyst' })).status).toBe(200);
    expect((await indices('groupBy=unit', 'analyst')).status).toBe(200);
    expect(
      (await env.request('POST', '/api/v1/surveys', { as: 'analyst', body: { name: 'x', questions: [QUESTIONS[1]] } }))
        .status,
    ).toBe(403);
    expect(
      (await env.request('PATCH', '/api/v1/surveys/settings', { as: 'analyst', body: { correctionCoefficient: 0 } }))
        .status,
    ).toBe(403);
    expect(
      (
        await env.request('POST', '/api/v1/surveys/visitors', {
          as: 'analyst',
          body: { visitors: [{ unitId: env.units.store.id, day: '2025-01-01', visitors: 1 }] },
        })
      ).status,
    ).toBe(403);
  });

  it('keeps a unit responsible to their own units', async () => {
    expect((await indices(`groupBy=unit&unitId=${env.units.other.id}`, 'unit_responsible')).status).toBe(403);
    const survey = await createSurvey({ name: 'Scoped', questions: [QUESTIONS[1]] });
    await answered(survey.id, { nps: '10' }, { unitId: env.units.other.id });
    await answered(survey.id, { nps: '0' }, { unitId: env.units.store.id });
    const surveyed = (res: { body: { items: { key: string; counts: { sent: number } }[] } }) =>
      res.body.items.filter((r) => r.counts.sent > 0).map((r) => r.key);
    const own = await indices(`groupBy=unit&surveyId=${survey.id}`, 'unit_responsible');
    expect(own.body.items.map((r: { key: string }) => r.key)).toEqual([env.units.store.id]);
    expect(surveyed(await indices(`groupBy=unit&surveyId=${survey.id}`, 'admin')).sort()).toEqual(
      [env.units.store.id, env.units.other.id].sort(),
    );
    const responses = await env.request('GET', `/api/v1/surveys/responses?surveyId=${survey.id}`, {
      as: 'unit_responsible',
    });
    expect(responses.body.items).toHaveLength(1);
  });

  it('asks for a login on the API but not on the answer page', async () => {
    expect((await env.request('GET', '/api/v1/surveys/indices')).status).toBe(401);
    expect((await env.request('GET', '/s/not-a-token-at-all')).status).toBe(400);
  });
});
