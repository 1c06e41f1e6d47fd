import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../src/modules/notifications/notifications.service.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
  const items = Array.from({ length: 5 }, (_item, index) => ({
    userId: env.users.agent.id,
    appealId: null,
    kind: 'sla_warning',
    payload: { n: index },
    dedupeKey: `test:${index}`,
  }));
  await notify(env.ctx.db, items);
  await notify(env.ctx.db, [
    ...items,
    { userId: env.users.supervisor.id, appealId: null, kind: 'sla_breach', payload: {}, dedupeKey: 'test:0' },
  ]);
});
afterAll(() => env.close());

const mine = (query = '', as: 'agent' | 'supervisor' = 'agent') =>
  env.request('GET', `/api/v1/notifications${query}`, { as });

describe('notifications', () => {
  it('writes each notification once per user and key, with an e-mail in the outbox', async () => {
    const res = await mine();
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5);
    expect(res.body.unreadCount).toBe(5);
    expect((await mine('', 'supervisor')).body.items).toHaveLength(1);
    const emails = await env.ctx.db.query<{ payload: { to: string } }>(
      `SELECT payload FROM outbox WHERE kind = 'email'`,
    );
    expect(emails.map((e) => e.payload.to).sort()).toEqual(
      [...Array(5).fill(env.users.agent.email), env.users.supervisor.email].sort(),
    );
  });

  it('pages newest first', async () => {
    const first = await mine('?limit=3');
    expect(first.body.items).toHaveLength(3);
    const rest = await mine(`?limit=3&cursor=${first.body.nextCursor}`);
    expect(rest.body.items).toHaveLength(2);
    expect(rest.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...rest.body.items].map((n: { id: string }) => n.id);
    expect(new Set(ids).size).toBe(5);
  });

  it('marks one or all as read, for their recipient only', async () => {
    const [first] = (await mine()).body.items;
    expect((await env.request('POST', `/api/v1/notifications/${first.id}/read`, { as: 'supervisor' })).status).toBe(
      404,
    );
    const read = await env.request('POST', `/api/v1/notifications/${first.id}/read`, { as: 'agent' });
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await mine('?unread=true')).body).toMatchObject({ unreadCount: 4 });
    expect((await mine('?unread=true')).body.items).toHaveLength(4);
    expect((await env.request('POST', '/api/v1/notifications/read-all', { as: 'agent' })).body).toEqual({ updated: 4 });
    expect((await mine('?unread=true')).body).toMatchObject({ items: [], unreadCount: 0 });
  });

  it('needs a signed-in user', async () => {
    expect((await env.request('GET', '/api/v1/notifications')).status).toBe(401);
  });
});
