// Bad input never crashes the server or writes anything: a 4xx naming the problem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAppealInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';
import { queryOne } from '../../src/db/rows.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv({ bodyLimitBytes: 64 * 1024 });
});
afterAll(() => env.close());

const count = async () =>
  (
    await queryOne<{ n: number }>(
      env.ctx.db,
      'SELECT (SELECT count(*) FROM appeals) + (SELECT count(*) FROM customers) AS n',
    )
  ).n;
const post = (payload: string | Buffer, contentType = 'application/json') =>
  env.request('POST', '/api/v1/appeals', { as: 'agent', payload, headers: { 'content-type': contentType } });

describe('malformed requests', () => {
  it.each([
    ['broken JSON', '{"kind": "incident",', 'validation_failed'],
    ['an empty body', '', 'validation_failed'],
    ['a JSON array', '[]', 'validation_failed'],
    ['a JSON string', '"hello"', 'validation_failed'],
    ['wrong types', JSON.stringify({ kind: 1, channel: true, subject: [], customer: 'x' }), 'validation_failed'],
    ['a __proto__ key', '{"__proto__": {"admin": true}, "kind": "incident"}', 'validation_failed'],
  ])('refuses %s with 400', async (_name, payload, code) => {
    const before = await count();
    const res = await post(payload);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(await count()).toBe(before);
  });

  it('refuses invalid UTF-8 instead of storing replacement characters', async () => {
    const body = Buffer.concat([
      Buffer.from('{"kind":"incident","channel":"phone","subject":"'),
      Buffer.from([0xd0, 0x28]),
      Buffer.from('","customer":{"name":"x"}}'),
    ]);
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].code).toBe('invalid_utf8');
  });

  it('refuses an oversize body with 413', async () => {
    const res = await post(JSON.stringify(makeAppealInput({ description: 'х'.repeat(100_000) })));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await post('kind=incident', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
  });

  it('answers 404 in the same shape for unknown routes', async () => {
    const res = await env.request('GET', '/api/v1/nothing-here', { as: 'agent' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('does not leak SQL or stack traces', async () => {
    const res = await env.request('GET', `/api/v1/appeals?q=${encodeURIComponent("'; DROP TABLE appeals; --")}`, {
      as: 'agent',
    });
    expect(res.status).toBe(200);
    const ids = await env.request('PATCH', '/api/v1/customers/00000000-0000-4000-8000-000000000000', {
      as: 'agent',
      body: { name: 'x' },
    });
    expect(ids.status).toBe(404);
    expect(JSON.stringify(ids.body)).not.toMatch(/SELECT|stack|at .*\.ts/);
  });

  it('keeps serving after all of that', async () => {
    expect((await env.request('POST', '/api/v1/appeals', { as: 'agent', body: makeAppealInput() })).status).toBe(201);
  });
});
