// The login limit over HTTP: failed logins count per (e-mail, client address) and, more loosely, per address, over
// a sliding window read from the services' clock; the clock is held still, so no test waits.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { TEST_PASSWORD } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());
beforeEach(() => {
  env.clock.freeze('2026-11-02T09:00:00Z');
});

const MINUTE = 60_000;

/** A login from a client address (each test its own, so their failures do not meet). */
async function login(email: string, password: string, address: string) {
  const answer = await env.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: address,
  });
  return { status: answer.statusCode, body: answer.json(), retryAfter: answer.headers['retry-after'] };
}

async function failTimes(times: number, email: string, address: string) {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) {
    statuses.push((await login(email, 'not the password', address)).status);
  }
  return statuses;
}

describe('failed logins per account and address', () => {
  it('lock out, after 5 typos, only that account at that computer; colleagues there still log in', async () => {
    const shop = '10.1.0.1';
    expect(await failTimes(5, env.users.agent.email, shop)).toEqual([401, 401, 401, 401, 401]);
    const locked = await login(env.users.agent.email, TEST_PASSWORD, shop);
    expect(locked.status).toBe(429);
    expect(locked.retryAfter).toBe(String(15 * 60));
    expect(locked.body.error.code).toBe('rate_limited');
    expect(locked.body.error.fields).toEqual([expect.objectContaining({ path: 'email', code: 'account_locked' })]);
    expect((await login(env.users.supervisor.email, TEST_PASSWORD, shop)).status).toBe(200);
    expect((await login(env.users.agent.email, TEST_PASSWORD, '10.1.0.2')).status).toBe(200);
  });

  it('count the e-mail however it is typed, and an unknown e-mail the same as a known one', async () => {
    const desk = '10.2.0.1';
    await failTimes(3, env.users.analyst.email.toUpperCase(), desk);
    await failTimes(2, ` ${env.users.analyst.email} `, desk);
    expect((await login(env.users.analyst.email, TEST_PASSWORD, desk)).status).toBe(429);
    expect(await failTimes(6, 'nobody@nowhere.ru', desk)).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('lift when the failure that completed the lock leaves the 15-minute window', async () => {
    const desk = '10.3.0.1';
    await failTimes(3, env.users.agent.email, desk);
    env.clock.advance(10 * MINUTE);
    await failTimes(2, env.users.agent.email, desk);
    const locked = await login(env.users.agent.email, TEST_PASSWORD, desk);
    expect([locked.status, locked.retryAfter]).toEqual([429, String(5 * 60)]);
    env.clock.advance(5 * MINUTE - 1000);
    expect((await login(env.users.agent.email, TEST_PASSWORD, desk)).status).toBe(429);
    env.clock.advance(1000);
    expect((await login(env.users.agent.email, TEST_PASSWORD, desk)).status).toBe(200);
  });

  it('are forgiven by a login that succeeds, and a refused attempt does not extend the lock', async () => {
    const desk = '10.4.0.1';
    await failTimes(4, env.users.agent.email, desk);
    expect((await login(env.users.agent.email, TEST_PASSWORD, desk)).status).toBe(200);
    expect(await failTimes(5, env.users.agent.email, desk)).toEqual([401, 401, 401, 401, 401]);
    env.clock.advance(10 * MINUTE);
    expect(await failTimes(3, env.users.agent.email, desk)).toEqual([429, 429, 429]);
    env.clock.advance(5 * MINUTE);
    expect((await login(env.users.agent.email, TEST_PASSWORD, desk)).status).toBe(200);
  });
});

describe('failed logins per address', () => {
  it('stop an address that tries 30 accounts (password spraying) for every account, and no other', async () => {
    const sprayer = '10.5.0.1';
    for (let i = 0; i < 30; i++) {
      expect((await login(`user${i}@spray.example`, 'Password1', sprayer)).status).toBe(401);
    }
    const refused = await login(env.users.admin.email, TEST_PASSWORD, sprayer);
    expect(refused.status).toBe(429);
    expect(refused.body.error.fields).toEqual([]);
    expect(Number(refused.retryAfter)).toBe(15 * 60);
    expect((await login(env.users.admin.email, TEST_PASSWORD, '10.5.0.2')).status).toBe(200);
    env.clock.advance(15 * MINUTE);
    expect((await login(env.users.admin.email, TEST_PASSWORD, sprayer)).status).toBe(200);
  });
});

describe('the login limit settings', () => {
  it('default to 5 per account and address, 30 per address, 15 minutes and 60 requests a minute', () => {
    expect(loadConfig({})).toMatchObject({
      loginFailuresPerAccount: 5,
      loginFailuresPerAddress: 30,
      loginFailureWindowMinutes: 15,
      loginRatePerMinute: 60,
    });
  });

  it('are read from the environment, and a nonsense value is refused at start', () => {
    const config = loadConfig({
      OTKLIK_LOGIN_FAILURES_PER_ACCOUNT: '3',
      OTKLIK_LOGIN_FAILURES_PER_ADDRESS: '100',
      OTKLIK_LOGIN_FAILURE_WINDOW_MINUTES: '60',
    });
    expect(config).toMatchObject({
      loginFailuresPerAccount: 3,
      loginFailuresPerAddress: 100,
      loginFailureWindowMinutes: 60,
    });
    expect(() => loadConfig({ OTKLIK_LOGIN_FAILURES_PER_ACCOUNT: '0' })).toThrow(/OTKLIK_LOGIN_FAILURES_PER_ACCOUNT/);
  });

  it('apply as configured', async () => {
    const strict = await startTestEnv({ loginFailuresPerAccount: 2, loginFailureWindowMinutes: 1 });
    try {
      strict.clock.freeze('2026-11-02T09:00:00Z');
      const attempt = (password: string) =>
        strict.request('POST', '/api/v1/auth/login', { body: { email: strict.users.agent.email, password } });
      expect([(await attempt('x')).status, (await attempt('y')).status]).toEqual([401, 401]);
      const locked = await attempt(TEST_PASSWORD);
      expect([locked.status, locked.headers['retry-after']]).toEqual([429, '60']);
      strict.clock.advance(MINUTE);
      expect((await attempt(TEST_PASSWORD)).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});
