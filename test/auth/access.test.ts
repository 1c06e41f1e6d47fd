// What each role may do, checked on the server for every kind of route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/modules/auth/actor.ts';
import { makeAppealInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
let appealId: string;
let otherUnitAppealId: string;
beforeAll(async () => {
  env = await startTestEnv();
  appealId = (
    await env.request('POST', '/api/v1/appeals', { as: 'agent', body: makeAppealInput({ unitId: env.units.store.id }) })
  ).body.id;
  otherUnitAppealId = (
    await env.request('POST', '/api/v1/appeals', { as: 'agent', body: makeAppealInput({ unitId: env.units.other.id }) })
  ).body.id;
});
afterAll(() => env.close());

type Check = { name: string; method: string; url: () => string; body?: () => unknown; allowed: Role[] };

const checks: Check[] = [
  {
    name: 'list appeals',
    method: 'GET',
    url: () => '/api/v1/appeals',
    allowed: ['admin', 'cs_head', 'supervisor', 'agent', 'unit_responsible', 'analyst'],
  },
  {
    name: 'create an appeal',
    method: 'POST',
    url: () => '/api/v1/appeals',
    body: () => makeAppealInput({ kind: 'question', unitId: env.units.store.id }),
    allowed: ['admin', 'cs_head', 'supervisor', 'agent', 'unit_responsible'],
  },
  {
    name: 'change an appeal',
    method: 'PATCH',
    url: () => `/api/v1/appeals/${appealId}`,
    body: () => ({ priority: 'high' }),
    allowed: ['admin', 'cs_head', 'supervisor', 'agent'],
  },
  {
    name: 'see another unit’s appeal',
    method: 'GET',
    url: () => `/api/v1/appeals/${otherUnitAppealId}`,
    allowed: ['admin', 'cs_head', 'supervisor', 'agent', 'analyst'],
  },
  {
    name: 'add a note',
    method: 'POST',
    url: () => `/api/v1/appeals/${appealId}/messages`,
    body: () => ({ direction: 'note', body: 'Проверено' }),
    allowed: ['admin', 'cs_head', 'supervisor', 'agent', 'unit_responsible'],
  },
  {
    name: 'reply to the customer',
    method: 'POST',
    url: () => `/api/v1/appeals/${appealId}/messages`,
    body: () => ({ direction: 'outbound', body: 'Ответ' }),
    allowed: ['admin', 'cs_head', 'supervisor', 'agent'],
  },
  {
    name: 'read customers',
    method: 'GET',
    url: () => '/api/v1/customers',
    allowed: ['admin', 'cs_head', 'supervisor', 'agent', 'analyst'],
  },
  {
    name: 'create a customer',
    method: 'POST',
    url: () => '/api/v1/customers',
    body: () => ({ name: 'Клиент' }),
    allowed: ['admin', 'cs_head', 'supervisor', 'agent'],
  },
  {
    name: 'read units',
    method: 'GET',
    url: () => '/api/v1/units',
    allowed: ['admin', 'cs_head', 'supervisor', 'agent', 'unit_responsible', 'analyst'],
  },
  {
    name: 'create a unit',
    method: 'POST',
    url: () => '/api/v1/units',
    body: () => ({ type: 'store', name: `Магазин ${Math.random()}` }),
    allowed: ['admin', 'cs_head'],
  },
  {
    name: 'read users',
    method: 'GET',
    url: () => '/api/v1/users',
    allowed: ['admin', 'cs_head', 'supervisor', 'agent', 'analyst'],
  },
  {
    name: 'create a user',
    method: 'POST',
    url: () => '/api/v1/users',
    body: () => ({ email: `u${Math.random()}@x.ru`, name: 'U', role: 'agent' }),
    allowed: ['admin'],
  },
  {
    name: 'create a category',
    method: 'POST',
    url: () => '/api/v1/categories',
    body: () => ({
      code: `c${Date.now()}${Math.floor(Math.random() * 1e6)}`,
      nameRu: 'К',
      nameEn: 'C',
      kinds: ['incident'],
    }),
    allowed: ['admin', 'cs_head'],
  },
  {
    name: 'define a custom field',
    method: 'POST',
    url: () => '/api/v1/custom-fields',
    body: () => ({
      kind: 'wish',
      key: `k${Math.floor(Math.random() * 1e9)}`,
      labelRu: 'П',
      labelEn: 'F',
      type: 'string',
    }),
    allowed: ['admin', 'cs_head'],
  },
  {
    name: 'see submission rules',
    method: 'GET',
    url: () => '/api/v1/submission-rules',
    allowed: ['admin', 'cs_head', 'supervisor', 'agent', 'unit_responsible', 'analyst'],
  },
];

const ROLES: Role[] = ['admin', 'cs_head', 'supervisor', 'agent', 'unit_responsible', 'analyst'];

describe.each(checks)('$name', (check) => {
  it.each(ROLES)('as %s', async (role) => {
    const res = await env.request(check.method, check.url(), {
      as: role,
      ...(check.body ? { body: check.body() } : {}),
    });
    if (check.allowed.includes(role)) {
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    } else {
      expect([403, 404]).toContain(res.status);
      expect(res.body.error.code).toMatch(/forbidden|not_found/);
    }
  });
});

describe('authentication', () => {
  it.each([
    ['no credentials', {}],
    ['a wrong token', { token: 'otk_nope' }],
    ['a garbage cookie', { cookie: 'otklik_session=abc' }],
  ])('refuses %s with 401', async (_name, opts) => {
    const res = await env.request('GET', '/api/v1/appeals', opts);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('answers health without credentials', async () => {
    const res = await env.request('GET', '/api/health');
    expect(res.body).toEqual({ status: 'ok', db: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
  });
});
