// The queue views of the web app: my open, unassigned, my unit's tree, overdue; sorted by due time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAppealInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
const ids: Record<'mineLate' | 'childSoon' | 'otherSoonest' | 'noDeadline' | 'waiting', string> = {} as never;
let childUnit: string;

const email = (over: Record<string, unknown> = {}) =>
  makeAppealInput({ channel: 'email', customer: { name: 'Анна', email: `anna${Math.random()}@mail.ru` }, ...over });

async function create(body: unknown, as: 'agent' | 'supervisor' = 'agent'): Promise<string> {
  const res = await env.request('POST', '/api/v1/appeals', { as, body });
  expect(res.status).toBe(201);
  return res.body.id;
}
/** Every unmet deadline of the appeal moves to now + minutes. */
const dueIn = (id: string, minutes: number) =>
  env.ctx.db.query(
    `UPDATE appeal_sla_targets SET due_at = now() + make_interval(mins => $2), warn_at = NULL, breached_at = NULL
    WHERE appeal_id = $1 AND met_at IS NULL`,
    [id, minutes],
  );

beforeAll(async () => {
  env = await startTestEnv();
  const child = await env.request('POST', '/api/v1/units', {
    as: 'admin',
    body: { type: 'store', name: 'Отдел магазина на Тверской', parentId: env.units.store.id },
  });
  expect(child.status).toBe(201);
  childUnit = child.body.id;
  ids.mineLate = await create(email({ unitId: env.units.store.id, ownerId: env.users.agent.id }));
  ids.childSoon = await create(email({ unitId: childUnit }));
  ids.otherSoonest = await create(email({ unitId: env.units.other.id }));
  ids.noDeadline = await create(email());
  ids.waiting = await create(email({ ownerId: env.users.supervisor.id }), 'supervisor');
  await dueIn(ids.mineLate, -60);
  await dueIn(ids.childSoon, 120);
  await dueIn(ids.otherSoonest, 60);
  await dueIn(ids.waiting, 90);
  await env.ctx.db.query('UPDATE appeal_sla_targets SET met_at = now() WHERE appeal_id = $1', [ids.noDeadline]);
  expect(
    (
      await env.request('PATCH', `/api/v1/appeals/${ids.waiting}`, {
        as: 'agent',
        body: { status: 'pending_customer' },
      })
    ).status,
  ).toBe(200);
});
afterAll(() => env.close());

const list = async (query: string, as: 'agent' | 'unit_responsible' | 'supervisor' = 'agent') => {
  const res = await env.request('GET', `/api/v1/appeals?limit=100&${query}`, { as });
  expect(res.status).toBe(200);
  return res.body.items.map((a: { id: string }) => a.id) as string[];
};
const refused = async (query: string, path: string) => {
  const res = await env.request('GET', `/api/v1/appeals?${query}`, { as: 'agent' });
  expect(res.status).toBe(400);
  expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContainEqual(
    expect.stringMatching(new RegExp(`^${path}`)),
  );
};

describe('queue filters', () => {
  it("lists my appeals, someone's, the unassigned and the assigned", async () => {
    expect(await list('ownerId=me')).toEqual([ids.mineLate]);
    expect(await list('ownerId=me', 'supervisor')).toEqual([ids.waiting]);
    expect((await list('unassigned=true')).sort()).toEqual([ids.childSoon, ids.otherSoonest, ids.noDeadline].sort());
    expect((await list('unassigned=false')).sort()).toEqual([ids.mineLate, ids.waiting].sort());
    expect(await list('unassigned=true&ownerId=none')).toHaveLength(3);
    await refused('unassigned=true&ownerId=me', 'query.unassigned');
    await refused('unassigned=yes', 'query.unassigned');
  });

  it('takes several statuses at once', async () => {
    expect(await list('status=pending_customer')).toEqual([ids.waiting]);
    expect(await list('status=new,pending_customer')).toHaveLength(4);
    expect(await list('status=new,%20open')).toHaveLength(4);
    await refused('status=new,lost', 'query.status');
    await refused('status=', 'query.status');
  });

  it('finds overdue appeals: an unmet deadline past due', async () => {
    expect(await list('overdue=true')).toEqual([ids.mineLate]);
    expect(await list('overdue=false')).not.toContain(ids.mineLate);
    expect(await list('overdue=false')).toHaveLength(4);
    expect(await list('overdue=true&unassigned=true')).toEqual([]);
    // A deadline met late is no longer overdue; the breached SLA state still tells the story.
    const late = await create(email());
    await dueIn(late, -30);
    expect(await list('overdue=true')).toContain(late);
    await env.ctx.db.query('UPDATE appeal_sla_targets SET met_at = now(), breached_at = now() WHERE appeal_id = $1', [
      late,
    ]);
    expect(await list('overdue=true')).not.toContain(late);
    expect(await list('slaState=breached')).toContain(late);
    await refused('overdue=1', 'query.overdue');
  });

  it("includes a unit's child units with unitTree, never beyond a unit responsible's own units", async () => {
    expect(await list(`unitId=${env.units.store.id}`)).toEqual([ids.mineLate]);
    expect((await list(`unitId=${env.units.store.id}&unitTree=true`)).sort()).toEqual(
      [ids.mineLate, ids.childSoon].sort(),
    );
    expect((await list(`unitId=${env.units.store.id}&includeSubunits=true`)).sort()).toEqual(
      [ids.mineLate, ids.childSoon].sort(),
    );
    expect(await list(`unitId=${childUnit}&unitTree=true`)).toEqual([ids.childSoon]);
    expect(await list(`unitId=${env.units.store.id}&unitTree=true`, 'unit_responsible')).toEqual([ids.mineLate]);
    await refused('unitTree=true', 'query.unitTree');
  });

  it('sorts by the next due time, appeals without one last in either direction', async () => {
    // Only this file's fixtures (another test adds an appeal whose deadline was met).
    const ours = async (query: string) => (await list(query)).filter((id) => Object.values(ids).includes(id));
    expect(await ours('sort=dueAt&status=new,open')).toEqual([
      ids.mineLate,
      ids.otherSoonest,
      ids.childSoon,
      ids.noDeadline,
    ]);
    expect(await ours('sort=-dueAt&status=new,open')).toEqual([
      ids.childSoon,
      ids.otherSoonest,
      ids.mineLate,
      ids.noDeadline,
    ]);
    await refused('sort=due', 'query.sort');
  });

  it('pages every sort with its keyset cursor, without repeats or gaps', async () => {
    const all = await list('');
    for (const sort of [
      'dueAt',
      '-dueAt',
      'createdAt',
      '-createdAt',
      'updatedAt',
      '-updatedAt',
      'number',
      '-number',
      'receivedAt',
    ]) {
      const whole = await list(`sort=${sort}`);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await env.request(
          'GET',
          `/api/v1/appeals?limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`,
          { as: 'agent' },
        );
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((a: { id: string }) => a.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(whole);
      expect(new Set(seen).size).toBe(all.length);
    }
    const first = await env.request('GET', '/api/v1/appeals?limit=1&sort=dueAt', { as: 'agent' });
    await refused(`sort=-createdAt&cursor=${first.body.nextCursor}`, 'query.cursor');
  });
});
