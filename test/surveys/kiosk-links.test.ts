// Kiosk links over HTTP: made with a label and an expiry, used at the kiosk page, expiring on the services' clock,
// revoked, forged or made before links were rows; who may manage them, and what a bad request is told.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { queryOne } from '../../src/db/rows.ts';
import { surveySecret } from '../../src/modules/surveys/secret.ts';
import { kioskLinkToken, kioskToken } from '../../src/modules/surveys/tokens.ts';
import type { Role } from '../../src/modules/auth/actor.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';
import { DAY, QUESTIONS, surveyKit } from '../support/surveys.ts';

const NOW = '2026-09-01T07:00:00.000Z';
let env: TestEnv;
let surveyId: string;
beforeAll(async () => {
  env = await startTestEnv();
  surveyId = (await createSurvey({ name: 'На кассе', questions: [QUESTIONS[0], QUESTIONS[3]] })).id;
});
afterAll(async () => env?.close());
// Every test holds the clock (the list test later than the others), and lets it go again.
beforeEach(() => {
  env.clock.freeze(NOW);
});
afterEach(() => env.clock.release());

const { createSurvey, post } = surveyKit(() => env);

const create = (body: Record<string, unknown>, as: Role = 'unit_responsible', survey = surveyId) =>
  env.request('POST', `/api/v1/surveys/${survey}/kiosk-links`, { as, body });
const revoke = (id: string, as: Role = 'unit_responsible') =>
  env.request('POST', `/api/v1/surveys/kiosk-links/${id}/revoke`, { as });
const list = (query = '', as: Role = 'unit_responsible') =>
  env.request('GET', `/api/v1/surveys/kiosk-links${query}`, { as });

/** A live link of the store's, and its page's path. */
async function liveLink(body: Record<string, unknown> = {}) {
  const made = await create({ unitId: env.units.store.id, ...body });
  expect(made.status).toBe(201);
  return { link: made.body, path: new URL(made.body.url).pathname };
}

/** The kiosk responses saved so far for the survey. */
const responses = async () =>
  Number(
    (
      await queryOne<{ count: number }>(
        env.ctx.db,
        `SELECT count(*) AS count FROM survey_invitations WHERE survey_id = $1 AND source = 'kiosk'`,
        [surveyId],
      )
    ).count,
  );

/** Sends one visitor's answers from a page already opened (its form nonce), as the tablet does. */
async function submit(path: string) {
  const page = await env.request('GET', `${path}?lang=ru`);
  const nonce = /name="nonce" value="([^"]+)"/.exec(page.body)?.[1] ?? crypto.randomUUID();
  return post(`${path}?lang=ru`, { csat: '9', staff: 'yes' }, `&nonce=${nonce}`);
}

describe('a kiosk link', () => {
  it('is made for the unit with its label and the default 90 days, and its page takes answers', async () => {
    const { link, path } = await liveLink({ label: 'Касса 2, планшет' });
    expect(link).toMatchObject({
      surveyId,
      surveyName: 'На кассе',
      unitId: env.units.store.id,
      unitName: 'Магазин на Тверской',
      label: 'Касса 2, планшет',
      state: 'live',
      createdAt: NOW,
      createdBy: expect.stringMatching(/^Test unit_responsible/),
      expiresAt: new Date(Date.parse(NOW) + 90 * DAY).toISOString(),
      revokedAt: null,
      revokedBy: null,
    });
    const page = await env.request('GET', path);
    expect(page.status).toBe(200);
    expect(page.headers['x-frame-options']).toBe('DENY');
    const before = await responses();
    expect((await submit(path)).status).toBe(200);
    expect(await responses()).toBe(before + 1);
  });

  it('is labelled with the unit when no label is given, and may be made to expire sooner', async () => {
    const expiresAt = '2026-09-08T18:00:00+03:00';
    const { link } = await liveLink({ expiresAt });
    expect(link).toMatchObject({ label: 'Магазин на Тверской', expiresAt: new Date(expiresAt).toISOString() });
  });

  it('expires on time: its page says so in Russian and English with 410, and a form sent saves nothing', async () => {
    const { link, path } = await liveLink({ expiresAt: '2026-09-02T07:00:00Z' });
    const page = await env.request('GET', `${path}?lang=ru`);
    const nonce = /name="nonce" value="([^"]+)"/.exec(page.body)?.[1];
    env.clock.advance(DAY - 1);
    expect((await env.request('GET', path)).status).toBe(200);
    env.clock.advance(1);
    const russian = await env.request('GET', `${path}?lang=ru`);
    expect(russian.status).toBe(410);
    expect(russian.body).toContain('Срок действия этой ссылки на опрос истёк');
    const english = await env.request('GET', `${path}?lang=en`);
    expect(english.body).toContain('This survey link has expired');
    const before = await responses();
    const sent = await post(`${path}?lang=en`, { csat: '9', staff: 'yes' }, `&nonce=${nonce}`);
    expect(sent.status).toBe(410);
    expect(sent.body).toContain('This survey link has expired');
    expect(await responses()).toBe(before);
    const listed = (await list(`?surveyId=${surveyId}`)).body.items.find((item: { id: string }) => item.id === link.id);
    expect(listed).toMatchObject({ state: 'expired', url: null });
  });

  it('is revoked at once: its page says it is switched off, takes nothing, and stays revoked', async () => {
    const { link, path } = await liveLink({ label: 'Вход' });
    const revoked = await revoke(link.id, 'supervisor');
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ state: 'revoked', url: null, revokedAt: NOW });
    expect(revoked.body.revokedBy).toMatch(/^Test supervisor/);
    const page = await env.request('GET', `${path}?lang=ru`);
    expect(page.status).toBe(410);
    expect(page.body).toContain('Эта ссылка на опрос отключена');
    expect((await env.request('GET', `${path}?lang=en`)).body).toContain('switched off');
    const before = await responses();
    expect((await submit(path)).status).toBe(410);
    expect(await responses()).toBe(before);
    env.clock.advance(60_000);
    const again = await revoke(link.id);
    expect(again.body).toMatchObject({ state: 'revoked', revokedAt: NOW });
    expect(again.body.revokedBy).toMatch(/^Test supervisor/);
  });

  it('with a changed character, or signed for no link, is a forged link: 400 and nothing saved', async () => {
    const { path } = await liveLink();
    const token = path.split('/').pop() ?? '';
    const changed = `${token[0] === 'A' ? 'B' : 'A'}${token.slice(1)}`;
    const before = await responses();
    expect((await env.request('GET', `/s/kiosk/${changed}`)).status).toBe(400);
    expect((await submit(`/s/kiosk/${changed}`)).status).toBe(400);
    const noSuchLink = kioskLinkToken(await surveySecret(env.ctx), crypto.randomUUID());
    const forged = await env.request('GET', `/s/kiosk/${noSuchLink}?lang=en`);
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('damaged or not valid');
    expect(await responses()).toBe(before);
  });

  it('made before links were rows (survey and unit signed) has expired', async () => {
    const old = kioskToken(await surveySecret(env.ctx), surveyId, env.units.store.id);
    const page = await env.request('GET', `/s/kiosk/${old}?lang=en`);
    expect(page.status).toBe(410);
    expect(page.body).toContain('This survey link has expired');
    const before = await responses();
    expect((await submit(`/s/kiosk/${old}`)).status).toBe(410);
    expect(await responses()).toBe(before);
  });
});

describe('the kiosk links list', () => {
  it("shows a unit responsible their own units' links only, newest first, and others everyone's", async () => {
    env.clock.freeze('2026-10-01T07:00:00Z'); // after every other test's links
    const mine = await liveLink({ label: 'Свой планшет' });
    env.clock.advance(1000);
    const theirs = await create({ unitId: env.units.other.id, label: 'Чужой планшет' }, 'cs_head');
    expect(theirs.status).toBe(201);
    const own = (await list(`?surveyId=${surveyId}`)).body.items;
    expect(own.map((item: { unitId: string }) => item.unitId)).not.toContain(env.units.other.id);
    expect(own[0]).toMatchObject({ id: mine.link.id, state: 'live', url: expect.stringContaining('/s/kiosk/') });
    const all = (await list(`?surveyId=${surveyId}`, 'admin')).body.items;
    expect(all.slice(0, 2).map((item: { id: string }) => item.id)).toEqual([theirs.body.id, mine.link.id]);
    expect((await list(`?unitId=${env.units.other.id}`)).status).toBe(403);
  });
});

describe('who may manage kiosk links', () => {
  it.each(['agent', 'analyst'] as const)('not the %s: 403 to list, make and revoke', async (role) => {
    const { link } = await liveLink();
    expect((await list('', role)).status).toBe(403);
    expect((await create({ unitId: env.units.store.id }, role)).status).toBe(403);
    expect((await revoke(link.id, role)).status).toBe(403);
    expect((await env.request('GET', new URL(link.url).pathname)).status).toBe(200);
  });

  it("not a unit responsible for another unit's link: 403 to make or revoke it", async () => {
    const theirs = await create({ unitId: env.units.other.id }, 'supervisor');
    expect((await create({ unitId: env.units.other.id })).status).toBe(403);
    expect((await revoke(theirs.body.id)).status).toBe(403);
    expect(
      (await list('', 'supervisor')).body.items.find((item: { id: string }) => item.id === theirs.body.id),
    ).toMatchObject({
      state: 'live',
    });
  });

  it('answers 404 for a link or a survey that does not exist, and 401 without a login', async () => {
    expect((await revoke(crypto.randomUUID())).status).toBe(404);
    expect((await create({ unitId: env.units.store.id }, 'admin', crypto.randomUUID())).status).toBe(404);
    expect((await env.request('GET', '/api/v1/surveys/kiosk-links')).status).toBe(401);
  });
});

describe('a bad request for a kiosk link', () => {
  const fieldsOf = async (body: Record<string, unknown>) => {
    const answer = await create({ unitId: env.units.store.id, ...body });
    expect(answer.status).toBe(400);
    return answer.body.error.fields.map((field: { path: string; code: string }) => `${field.path}:${field.code}`);
  };

  it('names an expiry in the past, beyond the 365-day maximum, or out of range', async () => {
    expect(await fieldsOf({ expiresAt: '2026-09-01T06:59:59Z' })).toEqual(['expiresAt:in_the_past']);
    expect(await fieldsOf({ expiresAt: '2027-09-01T07:00:01Z' })).toEqual(['expiresAt:too_late']);
    expect((await create({ unitId: env.units.store.id, expiresAt: '2027-09-01T07:00:00Z' })).status).toBe(201);
    expect((await fieldsOf({ expiresAt: '0000-01-01T00:00:00Z' }))[0]).toMatch(/^expiresAt:/);
    expect((await fieldsOf({ expiresAt: 'tomorrow' }))[0]).toMatch(/^expiresAt:/);
  });

  it('names a label too long or empty, an unknown field, and a unit that does not exist', async () => {
    expect((await fieldsOf({ label: 'x'.repeat(121) }))[0]).toMatch(/^label:/);
    expect((await fieldsOf({ label: '   ' }))[0]).toMatch(/^label:/);
    expect((await fieldsOf({ colour: 'red' })).join()).toContain('colour');
    const unknown = await create({ unitId: crypto.randomUUID() }, 'admin');
    expect(unknown.body.error.fields[0]).toMatchObject({ path: 'unitId', code: 'unknown_unit' });
  });

  it('refuses an inactive survey', async () => {
    const inactive = await createSurvey({ name: 'Старая', questions: [QUESTIONS[1]], active: false });
    const answer = await create({ unitId: env.units.store.id }, 'admin', inactive.id);
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields[0]).toMatchObject({ path: 'surveyId', code: 'inactive' });
  });
});

describe('the kiosk link settings', () => {
  it('default to 90 days and at most 365, are read from the environment, the default within the maximum', () => {
    expect(loadConfig({})).toMatchObject({ kioskLinkDays: 90, kioskLinkMaxDays: 365 });
    const config = loadConfig({ OTKLIK_KIOSK_LINK_DAYS: '7', OTKLIK_KIOSK_LINK_MAX_DAYS: '30' });
    expect(config).toMatchObject({ kioskLinkDays: 7, kioskLinkMaxDays: 30 });
    expect(() => loadConfig({ OTKLIK_KIOSK_LINK_DAYS: '400' })).toThrow(/OTKLIK_KIOSK_LINK_DAYS/);
  });

  it('apply as configured', async () => {
    const short = await startTestEnv({ kioskLinkDays: 7, kioskLinkMaxDays: 30 });
    try {
      short.clock.freeze(NOW);
      const survey = await short.request('POST', '/api/v1/surveys', {
        as: 'cs_head',
        body: { name: 'Коротко', questions: [QUESTIONS[1]] },
      });
      const make = (body: Record<string, unknown>) =>
        short.request('POST', `/api/v1/surveys/${survey.body.id}/kiosk-links`, {
          as: 'admin',
          body: { unitId: short.units.store.id, ...body },
        });
      expect((await make({})).body.expiresAt).toBe(new Date(Date.parse(NOW) + 7 * DAY).toISOString());
      const tooLate = await make({ expiresAt: new Date(Date.parse(NOW) + 31 * DAY).toISOString() });
      expect(tooLate.body.error.fields[0]).toMatchObject({ path: 'expiresAt', code: 'too_late' });
      expect(tooLate.body.error.message).toContain('30 days');
    } finally {
      await short.close();
    }
  });
});
