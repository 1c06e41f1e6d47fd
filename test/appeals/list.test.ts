import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAppealInput, makeSubmissionInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
const ids: Record<string, string> = {};

beforeAll(async () => {
  env = await startTestEnv();
  const make = async (name: string, body: Record<string, unknown>, as: 'agent' | 'unit_responsible' = 'agent') => {
    const res = await env.request('POST', '/api/v1/appeals', {
      as,
      body: makeAppealInput({ description: 'Прошу связаться со мной', ...body }),
    });
    expect(res.status).toBe(201);
    ids[name] = res.body.id;
  };
  await make('fridge', {
    subject: 'Сломался холодильник',
    description: 'Холодильник не морозит уже неделю',
    channel: 'email',
  });
  await make('thanks', {
    kind: 'thanks',
    subject: 'Спасибо консультанту Анне',
    channel: 'web_form',
    unitId: env.units.other.id,
  });
  await make('queue', {
    subject: 'Очередь на кассе',
    description: 'Жаловались на очередь',
    unitId: env.units.store.id,
    priority: 'high',
  });
  for (let i = 0; i < 7; i++) {
    await make(`bulk${i}`, { subject: `Вопрос о доставке ${i}`, kind: 'question', channel: 'chat' });
  }
  const sub = await env.request('POST', '/api/v1/appeals', {
    as: 'unit_responsible',
    body: makeSubmissionInput(env.units.store.id, { subject: 'Жалоба из магазина' }),
  });
  ids.submission = sub.body.id;
});
afterAll(() => env.close());

const list = (query: string, as: 'agent' | 'unit_responsible' | 'analyst' = 'agent') =>
  env.request('GET', `/api/v1/appeals?${query}`, { as });

describe('listing appeals', () => {
  it('lists newest first', async () => {
    const res = await list('limit=3');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(3);
    expect(res.body.items[0].id).toBe(ids.submission);
  });

  it('filters by kind, channel, unit, priority and several statuses', async () => {
    expect((await list('kind=thanks')).body.items.map((a: { id: string }) => a.id)).toEqual([ids.thanks]);
    expect((await list('channel=email,web_form')).body.items).toHaveLength(2);
    expect((await list(`unitId=${env.units.store.id}`)).body.items).toHaveLength(2);
    expect((await list('priority=high')).body.items.map((a: { id: string }) => a.id)).toEqual([ids.queue]);
    expect((await list('status=new,open')).body.items).toHaveLength(11);
    expect((await list('status=closed')).body.items).toHaveLength(0);
  });

  it('filters by owner, including unassigned and me', async () => {
    await env.request('POST', `/api/v1/appeals/${ids.fridge}/assign`, {
      as: 'agent',
      body: { ownerId: env.users.agent.id },
    });
    expect((await list('ownerId=me')).body.items.map((a: { id: string }) => a.id)).toEqual([ids.fridge]);
    expect((await list(`ownerId=${env.users.agent.id}`)).body.items).toHaveLength(1);
    expect((await list('ownerId=none')).body.items).toHaveLength(10);
  });

  it('finds appeals by Russian words in any form and by number', async () => {
    expect(
      (await list(`q=${encodeURIComponent('холодильником')}`)).body.items.map((a: { id: string }) => a.id),
    ).toEqual([ids.fridge]);
    expect(
      (await list(`q=${encodeURIComponent('очереди в кассы')}`)).body.items.map((a: { id: string }) => a.id),
    ).toEqual([ids.queue]);
    const one = await env.request('GET', `/api/v1/appeals/${ids.thanks}`, { as: 'agent' });
    expect((await list(`q=%23${one.body.number}`)).body.items.map((a: { id: string }) => a.id)).toEqual([ids.thanks]);
  });

  it('pages through everything with the cursor, without repeats or gaps, in both directions', async () => {
    for (const sort of ['-createdAt', 'createdAt', '-number', 'updatedAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await list(
          `limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...res.body.items.map((a) => a.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(11);
      expect(new Set(seen).size).toBe(11);
    }
  });

  it('filters by creation range', async () => {
    expect((await list('createdFrom=2000-01-01T00:00:00Z&createdTo=2001-01-01T00:00:00Z')).body.items).toHaveLength(0);
    expect(
      (await list(`createdFrom=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`)).body.items,
    ).toHaveLength(11);
  });

  it('filters by when the customer spoke, which may be long before the record', async () => {
    const late = await env.request('POST', '/api/v1/appeals', {
      as: 'agent',
      body: makeAppealInput({ receivedAt: '2025-03-10T09:00:00Z' }),
    });
    expect(late.status).toBe(201);
    const march = await list('receivedFrom=2025-03-01T00:00:00Z&receivedTo=2025-04-01T00:00:00Z');
    expect(march.body.items.map((a: { id: string }) => a.id)).toEqual([late.body.id]);
    expect((await list('receivedFrom=2025-03-10T09:00:01Z&receivedTo=2025-04-01T00:00:00Z')).body.items).toHaveLength(
      0,
    );
    expect((await list('receivedTo=yesterday')).status).toBe(400);
    await env.request('PATCH', `/api/v1/appeals/${late.body.id}`, { as: 'admin', body: { status: 'closed' } });
  });

  it('shows a unit responsible only their own unit’s appeals', async () => {
    const res = await list('', 'unit_responsible');
    expect(res.body.items.map((a: { unitId: string }) => a.unitId)).toEqual([env.units.store.id, env.units.store.id]);
    expect((await list(`unitId=${env.units.other.id}`, 'unit_responsible')).body.items).toHaveLength(0);
    expect((await env.request('GET', `/api/v1/appeals/${ids.thanks}`, { as: 'unit_responsible' })).status).toBe(404);
  });

  it("names each appeal's customer in the list, to those who may read customers", async () => {
    const items = (await list('limit=50')).body.items as {
      id: string;
      customerId: string | null;
      customerName: string | null;
    }[];
    const fridge = items.find((a) => a.id === ids.fridge)!;
    expect(fridge.customerName).toBe('Иван Петров');
    const profile = await env.request('GET', `/api/v1/customers/${fridge.customerId}`, { as: 'agent' });
    expect(profile.body.name).toBe(fridge.customerName);
    // Unit staff may not read customers: the same rows carry no names for them.
    const theirs = (await list('limit=50', 'unit_responsible')).body.items as {
      customerId: string | null;
      customerName: string | null;
    }[];
    expect(theirs.some((a) => a.customerId !== null)).toBe(true);
    expect(theirs.every((a) => a.customerName === null)).toBe(true);
  });

  it('refuses bad filters naming the parameter', async () => {
    for (const [query, path] of [
      ['status=done', 'query.status.0'],
      ['limit=1000', 'query.limit'],
      ['unitId=abc', 'query.unitId.0'],
      ['sort=colour', 'query.sort'],
      ['cursor=garbage', 'query.cursor'],
      ['foo=1', 'query.foo'],
    ]) {
      const res = await list(query!);
      expect(res.status, query).toBe(400);
      expect(
        res.body.error.fields.map((f: { path: string }) => f.path),
        query,
      ).toContain(path);
    }
  });

  it('refuses a cursor made for another sort order', async () => {
    const page = await list('limit=2&sort=-createdAt');
    const res = await list(`limit=2&sort=-number&cursor=${page.body.nextCursor}`);
    expect(res.status).toBe(400);
  });
});
