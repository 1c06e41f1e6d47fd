import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const fieldsOf = (body: { error: { fields: { path: string }[] } }) => body.error.fields.map((f) => f.path);

describe('saved views', () => {
  it('creates, lists, renames, changes and deletes a view of its owner', async () => {
    const query = { status: ['new', 'open'], q: 'возврат', sort: '-createdAt' };
    const created = await env.request('POST', '/api/v1/views', {
      as: 'agent',
      body: { name: ' Мои возвраты ', query },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Мои возвраты', query, position: 0 });
    const second = await env.request('POST', '/api/v1/views', {
      as: 'agent',
      body: { name: 'Срочные', query: { priority: 'urgent' } },
    });
    expect(second.body.position).toBe(1);

    const list = await env.request('GET', '/api/v1/views', { as: 'agent' });
    expect(list.status).toBe(200);
    expect(list.body.items.map((v: { name: string }) => v.name)).toEqual(['Мои возвраты', 'Срочные']);

    const renamed = await env.request('PATCH', `/api/v1/views/${created.body.id}`, {
      as: 'agent',
      body: { name: 'Возвраты' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: created.body.id, name: 'Возвраты', query });
    const requery = await env.request('PATCH', `/api/v1/views/${created.body.id}`, {
      as: 'agent',
      body: { query: { kind: 'complaint' } },
    });
    expect(requery.body).toMatchObject({ name: 'Возвраты', query: { kind: 'complaint' } });
    // Renaming to its own name is no conflict.
    expect(
      (await env.request('PATCH', `/api/v1/views/${created.body.id}`, { as: 'agent', body: { name: 'Возвраты' } }))
        .status,
    ).toBe(200);

    expect((await env.request('DELETE', `/api/v1/views/${created.body.id}`, { as: 'agent' })).status).toBe(204);
    expect((await env.request('DELETE', `/api/v1/views/${created.body.id}`, { as: 'agent' })).status).toBe(404);
    const after = await env.request('GET', '/api/v1/views', { as: 'agent' });
    expect(after.body.items.map((v: { id: string }) => v.id)).toEqual([second.body.id]);
  });

  it('refuses a duplicate name with 409 naming name, on create and on rename', async () => {
    await env.request('POST', '/api/v1/views', { as: 'supervisor', body: { name: 'A', query: {} } });
    const second = await env.request('POST', '/api/v1/views', { as: 'supervisor', body: { name: 'B', query: {} } });
    const dup = await env.request('POST', '/api/v1/views', {
      as: 'supervisor',
      body: { name: 'A', query: { q: 'x' } },
    });
    expect(dup.status).toBe(409);
    expect(fieldsOf(dup.body)).toEqual(['name']);
    const rename = await env.request('PATCH', `/api/v1/views/${second.body.id}`, {
      as: 'supervisor',
      body: { name: 'A' },
    });
    expect(rename.status).toBe(409);
    expect(fieldsOf(rename.body)).toEqual(['name']);
    // Another user may use the same name.
    expect((await env.request('POST', '/api/v1/views', { as: 'analyst', body: { name: 'A', query: {} } })).status).toBe(
      201,
    );
  });

  it('refuses bad input with 400 naming the field', async () => {
    const bad = async (body: unknown, field: string) => {
      const res = await env.request('POST', '/api/v1/views', { as: 'cs_head', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        fieldsOf(res.body).some((p) => p.startsWith(field)),
        JSON.stringify(res.body),
      ).toBe(true);
    };
    await bad({ name: '', query: {} }, 'name');
    await bad({ name: '   ', query: {} }, 'name');
    await bad({ name: 'x'.repeat(101), query: {} }, 'name');
    await bad({ query: {} }, 'name');
    await bad({ name: 'n' }, 'query');
    await bad({ name: 'n', query: [] }, 'query');
    await bad({ name: 'n', query: 'status=new' }, 'query');
    await bad({ name: 'n', query: { status: { nested: 'x' } } }, 'query');
    await bad({ name: 'n', query: { page: 2 } }, 'query');
    await bad({ name: 'n', query: { status: ['new', 1] } }, 'query');
    await bad({ name: 'n', query: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, 'v'])) }, 'query');
    await bad({ name: 'n', query: { q: 'я'.repeat(1100) } }, 'query');
    await bad({ name: 'n', query: {}, extra: true }, 'extra');
    const ok = await env.request('POST', '/api/v1/views', {
      as: 'cs_head',
      body: { name: 'n', query: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, 'v'])) },
    });
    expect(ok.status).toBe(201);
    const patch = await env.request('PATCH', `/api/v1/views/${ok.body.id}`, {
      as: 'cs_head',
      body: { query: { a: [[]] } },
    });
    expect(patch.status).toBe(400);
    expect(fieldsOf(patch.body).some((p) => p.startsWith('query'))).toBe(true);
    expect((await env.request('PATCH', '/api/v1/views/not-a-uuid', { as: 'cs_head', body: {} })).status).toBe(400);
    expect((await env.request('GET', '/api/v1/views')).status).toBe(401);
  });

  it("hides another user's views: 404 on change or delete, absent from their list", async () => {
    const mine = await env.request('POST', '/api/v1/views', {
      as: 'admin',
      body: { name: 'Секрет', query: { q: 'x' } },
    });
    expect(mine.status).toBe(201);
    const other = await env.makeUser('agent');
    const as = { token: other.token };
    expect(
      (await env.request('PATCH', `/api/v1/views/${mine.body.id}`, { ...as, body: { name: 'Чужое' } })).status,
    ).toBe(404);
    expect((await env.request('DELETE', `/api/v1/views/${mine.body.id}`, as)).status).toBe(404);
    expect((await env.request('GET', '/api/v1/views', as)).body.items).toEqual([]);
    const still = await env.request('GET', '/api/v1/views', { as: 'admin' });
    expect(still.body.items).toEqual([expect.objectContaining({ id: mine.body.id, name: 'Секрет' })]);
  });

  it('keeps at most 50 views per user', async () => {
    const user = await env.makeUser('unit_responsible', [env.units.store.id]);
    for (let i = 0; i < 50; i++) {
      expect(
        (await env.request('POST', '/api/v1/views', { token: user.token, body: { name: `v${i}`, query: {} } })).status,
      ).toBe(201);
    }
    const over = await env.request('POST', '/api/v1/views', { token: user.token, body: { name: 'v50', query: {} } });
    expect(over.status).toBe(409);
    expect(over.body.error.fields[0].code).toBe('too_many_views');
    const first = (await env.request('GET', '/api/v1/views', { token: user.token })).body.items[0];
    expect((await env.request('DELETE', `/api/v1/views/${first.id}`, { token: user.token })).status).toBe(204);
    expect(
      (await env.request('POST', '/api/v1/views', { token: user.token, body: { name: 'v50', query: {} } })).status,
    ).toBe(201);
  });
});
