// Tampered cursors on every keyset-paged list: a 400 naming query.cursor, never a 500 from the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/server/cursor.ts';
import { makeAppealInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
  for (let index = 0; index < 3; index++) {
    await env.request('POST', '/api/v1/appeals', { as: 'agent', body: makeAppealInput() });
  }
});
afterAll(() => env.close());

const id = '0b0c6f3e-8d4a-4c8e-9f1a-2b3c4d5e6f70';
const badTimes = ['0000-01-01', '2026-01-01 25:99', '294277-01-01', '2026-03-01\u0000', '', 'now'];

describe('a tampered cursor', () => {
  it('is refused on the appeals list, whatever the sort', async () => {
    const cursors = [
      ...badTimes.map((k) => ({ sort: '-createdAt', cursor: encodeCursor({ s: '-createdAt', k, id }) })),
      { sort: 'number', cursor: encodeCursor({ s: 'number', k: '99999999999999999999', id }) },
      { sort: 'number', cursor: encodeCursor({ s: 'number', k: '2026-03-01 09:00:00+00', id }) },
      { sort: '-createdAt', cursor: encodeCursor({ s: '-createdAt', k: '2026-03-01 09:00:00+00', id: 'x' }) },
      { sort: '-createdAt', cursor: 'bm90IGpzb24' },
    ];
    for (const { sort, cursor } of cursors) {
      const answer = await env.request('GET', `/api/v1/appeals?sort=${sort}&cursor=${cursor}`, { as: 'agent' });
      expect(answer.status, cursor).toBe(400);
      expect(answer.body.error.fields).toEqual([
        expect.objectContaining({ path: 'query.cursor', code: 'invalid_cursor' }),
      ]);
    }
  });

  it('is refused on notifications and customers', async () => {
    for (const key of badTimes) {
      const notifications = await env.request('GET', `/api/v1/notifications?cursor=${encodeCursor({ k: key, id })}`, {
        as: 'agent',
      });
      expect(notifications.status, key).toBe(400);
      const customers = await env.request('GET', `/api/v1/customers?cursor=${encodeCursor({ createdAt: key, id })}`, {
        as: 'agent',
      });
      expect(customers.status, key).toBe(400);
    }
  });

  it('still pages through a real list', async () => {
    const first = await env.request('GET', '/api/v1/appeals?limit=2', { as: 'agent' });
    const second = await env.request('GET', `/api/v1/appeals?limit=2&cursor=${first.body.nextCursor}`, {
      as: 'agent',
    });
    expect(second.status).toBe(200);
    expect(second.body.items.length).toBeGreaterThan(0);
    const byNumber = await env.request('GET', '/api/v1/appeals?limit=1&sort=number', { as: 'agent' });
    const next = await env.request('GET', `/api/v1/appeals?limit=1&sort=number&cursor=${byNumber.body.nextCursor}`, {
      as: 'agent',
    });
    expect(next.status).toBe(200);
  });
});
