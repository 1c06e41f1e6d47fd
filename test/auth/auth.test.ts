import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';
import { queryOne } from '../../src/db/rows.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const login = (email: string, password: string) =>
  env.request('POST', '/api/v1/auth/login', { body: { email, password } });
const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0] ?? '';

describe('sessions', () => {
  it('logs in with a session cookie, knows who you are, and logs out', async () => {
    const res = await login(env.users.agent.email.toUpperCase(), TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: env.users.agent.id, role: 'agent' });
    expect(String(res.headers['set-cookie'])).toMatch(/otklik_session=.+HttpOnly.*SameSite=Lax/i);
    const cookie = cookieOf(res);
    expect((await env.request('GET', '/api/v1/auth/me', { cookie })).body.id).toBe(env.users.agent.id);
    expect((await env.request('POST', '/api/v1/auth/logout', { cookie })).status).toBe(204);
    expect((await env.request('GET', '/api/v1/auth/me', { cookie })).status).toBe(401);
  });

  it('refuses a wrong password or unknown e-mail the same way', async () => {
    const wrongPassword = await login(env.users.agent.email, 'wrong password');
    const unknownUser = await login('nobody@nowhere.ru', 'wrong password');
    expect([wrongPassword.status, unknownUser.status]).toEqual([401, 401]);
    expect(wrongPassword.body.error.message).toBe(unknownUser.body.error.message);
  });

  it('stores no password or session in plain text', async () => {
    const user = await queryOne<{ hash: string }>(env.ctx.db, 'SELECT password_hash AS hash FROM users WHERE id = $1', [
      env.users.agent.id,
    ]);
    expect(user.hash).toMatch(/^scrypt\$/);
    const res = await login(env.users.agent.email, TEST_PASSWORD);
    const token = cookieOf(res).split('=')[1] ?? '';
    expect(await env.ctx.db.query('SELECT 1 FROM sessions WHERE token_hash = $1', [token])).toHaveLength(0);
  });

  it('ends the sessions of a deactivated user', async () => {
    const user = await env.makeUser('agent');
    const cookie = cookieOf(await login(user.email, TEST_PASSWORD));
    await env.request('PATCH', `/api/v1/users/${user.id}`, { as: 'admin', body: { active: false } });
    expect((await env.request('GET', '/api/v1/auth/me', { cookie })).status).toBe(401);
    expect((await env.request('GET', '/api/v1/auth/me', { token: user.token })).status).toBe(401);
  });

  it('rate-limits login attempts', async () => {
    const limited = await (await import('../support/harness.ts')).startTestEnv({ loginRatePerMinute: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (await limited.request('POST', '/api/v1/auth/login', { body: { email: 'x@y.ru', password: 'nope' } })).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('API tokens', () => {
  it('creates a token shown once, lists it without the secret, and revokes it', async () => {
    const created = await env.request('POST', '/api/v1/tokens', { as: 'agent', body: { name: 'Интеграция с АТС' } });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^otk_/);
    expect((await env.request('GET', '/api/v1/auth/me', { token: created.body.token })).body.id).toBe(
      env.users.agent.id,
    );
    const listed = await env.request('GET', '/api/v1/tokens', { as: 'agent' });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect(listed.body.items.map((t: { id: string }) => t.id)).toContain(created.body.id);
    const revoked = await env.request('DELETE', `/api/v1/tokens/${created.body.id}`, { as: 'agent' });
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await env.request('GET', '/api/v1/auth/me', { token: created.body.token })).status).toBe(401);
  });

  it('lets an admin revoke anyone’s token but not an agent another’s', async () => {
    const created = await env.request('POST', '/api/v1/tokens', { as: 'supervisor', body: { name: 'x' } });
    expect((await env.request('DELETE', `/api/v1/tokens/${created.body.id}`, { as: 'agent' })).status).toBe(404);
    expect((await env.request('DELETE', `/api/v1/tokens/${created.body.id}`, { as: 'admin' })).status).toBe(200);
  });

  it('refuses an agent creating a token for someone else, and a past expiry', async () => {
    expect(
      (await env.request('POST', '/api/v1/tokens', { as: 'agent', body: { name: 'x', userId: env.users.admin.id } }))
        .status,
    ).toBe(403);
    const past = await env.request('POST', '/api/v1/tokens', {
      as: 'agent',
      body: { name: 'x', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
    expect(past.body.error.fields[0].path).toBe('expiresAt');
  });
});
