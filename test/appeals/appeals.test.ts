import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAppealInput, makeSubmissionInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';
import { queryOne } from '../../src/db/rows.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const create = (
  body: unknown,
  as: 'agent' | 'admin' | 'unit_responsible' | 'supervisor' = 'agent',
  headers?: Record<string, string>,
) => env.request('POST', '/api/v1/appeals', { as, body, ...(headers ? { headers } : {}) });

describe('creating appeals', () => {
  it('creates an appeal with a sequential number, a new customer and a created event', async () => {
    const first = await create(makeAppealInput());
    const second = await create(makeAppealInput());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'incident', channel: 'phone', status: 'new', priority: 'normal' });
    expect(second.body.number).toBe(first.body.number + 1);
    const history = await env.request('GET', `/api/v1/appeals/${first.body.id}/history`, { as: 'agent' });
    expect(history.body.items).toMatchObject([{ action: 'created', actorId: env.users.agent.id }]);
  });

  it('links an existing customer by phone instead of duplicating them', async () => {
    const first = await create(makeAppealInput({ customer: { name: 'Мария Сидорова', phone: '8 (903) 111-22-33' } }));
    const second = await create(makeAppealInput({ customer: { phone: '+7 903 111 22 33', email: 'Maria@Mail.ru' } }));
    expect(second.body.customerId).toBe(first.body.customerId);
    const customer = await env.request('GET', `/api/v1/customers/${first.body.customerId}`, { as: 'agent' });
    expect(customer.body).toMatchObject({
      name: 'Мария Сидорова',
      phones: [{ value: '+79031112233', placeholder: false }],
      emails: [{ value: 'maria@mail.ru', placeholder: false }],
      appeals: { total: 2, incidents: 2 },
    });
  });

  it('never matches customers by a placeholder e-mail', async () => {
    const first = await create(makeAppealInput({ customer: { name: 'Первый', email: 'noemail@mail.ru' } }));
    const second = await create(makeAppealInput({ customer: { name: 'Второй', email: 'noemail@mail.ru' } }));
    expect(first.body.customerId).not.toBe(second.body.customerId);
    const customer = await env.request('GET', `/api/v1/customers/${first.body.customerId}`, { as: 'agent' });
    expect(customer.body.emails).toEqual([{ value: 'noemail@mail.ru', placeholder: true }]);
  });

  it('accepts an existing customer by id, a category of the right kind and a past receivedAt', async () => {
    const categories = await env.request('GET', '/api/v1/categories', { as: 'agent' });
    const thanks = categories.body.items.find((c: { code: string }) => c.code === 'thanks_staff');
    const customer = await env.request('POST', '/api/v1/customers', {
      as: 'agent',
      body: { name: 'Ольга', emails: ['olga@yandex.ru'] },
    });
    const res = await create(
      makeAppealInput({
        kind: 'thanks',
        categoryId: thanks.id,
        customer: { id: customer.body.id },
        receivedAt: '2025-03-01T09:30:00+03:00',
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      customerId: customer.body.id,
      categoryId: thanks.id,
      receivedAt: '2025-03-01T06:30:00.000Z',
    });
  });

  it('names every invalid field and stores nothing', async () => {
    const before = await queryOne<{ n: number }>(env.ctx.db, 'SELECT count(*)::int AS n FROM appeals');
    const res = await create({
      kind: 'complaint',
      channel: 'pigeon',
      subject: '',
      customer: { email: 'not-an-email' },
      colour: 'red',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const paths = res.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['kind', 'channel', 'subject', 'colour']));
    const after = await queryOne<{ n: number }>(env.ctx.db, 'SELECT count(*)::int AS n FROM appeals');
    expect(after.n).toBe(before.n);
  });

  it('refuses an unknown unit, a category of another kind and a future receivedAt together', async () => {
    const categories = await env.request('GET', '/api/v1/categories', { as: 'agent' });
    const thanks = categories.body.items.find((c: { code: string }) => c.code === 'thanks_staff');
    const res = await create(
      makeAppealInput({
        unitId: '00000000-0000-4000-8000-000000000000',
        categoryId: thanks.id,
        receivedAt: '2999-01-01T00:00:00Z',
        customer: { phone: '12' },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`).sort()).toEqual([
      'categoryId:category_kind_mismatch',
      'customer.phone:invalid_phone',
      'receivedAt:in_the_future',
      'unitId:unknown_unit',
    ]);
  });

  it('returns the first answer to a retried request with the same Idempotency-Key', async () => {
    const body = makeAppealInput();
    const headers = { 'idempotency-key': 'retry-42' };
    const [a, b] = await Promise.all([create(body, 'agent', headers), create(body, 'agent', headers)]);
    const third = await create(body, 'agent', headers);
    expect([a.status, b.status, third.status]).toEqual([201, 201, 201]);
    expect(new Set([a.body.id, b.body.id, third.body.id]).size).toBe(1);
    expect(third.headers['idempotent-replayed']).toBe('true');
    const rows = await env.ctx.db.query('SELECT id FROM appeals WHERE subject = $1', [body.subject]);
    expect(rows).toHaveLength(1);
  });

  it('refuses the same Idempotency-Key for a different request', async () => {
    const headers = { 'idempotency-key': 'retry-43' };
    expect((await create(makeAppealInput(), 'agent', headers)).status).toBe(201);
    const res = await create(makeAppealInput(), 'agent', headers);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('idempotency_conflict');
  });

  it('validates custom fields against the definitions for the kind', async () => {
    const def = await env.request('POST', '/api/v1/custom-fields', {
      as: 'admin',
      body: {
        kind: 'question',
        key: 'orderNumber',
        labelRu: 'Номер заказа',
        labelEn: 'Order number',
        type: 'string',
        required: true,
      },
    });
    expect(def.status).toBe(201);
    const missing = await create(makeAppealInput({ kind: 'question' }));
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toMatchObject([{ path: 'customFields.orderNumber', code: 'required' }]);
    const ok = await create(makeAppealInput({ kind: 'question', customFields: { orderNumber: 'ЗК-1001' } }));
    expect(ok.status).toBe(201);
    expect(ok.body.customFields).toEqual({ orderNumber: 'ЗК-1001' });
  });
});

describe('store submissions', () => {
  it('rejects a submission missing the store rules with 422 naming each rule, stores nothing, counts it', async () => {
    const res = await create(
      makeSubmissionInput(env.units.store.id, {
        description: '',
        sequenceNumber: undefined,
        customer: { name: '???', phone: '+79161234567' },
      }),
      'unit_responsible',
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('submission_rejected');
    const codes = res.body.error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'description:comment_required',
        'sequenceNumber:sequence_number_required',
        'customer.name:customer_name_illegible',
      ]),
    );
    const stored = await env.ctx.db.query('SELECT 1 FROM appeals WHERE subject = $1', [res.body.subject ?? '']);
    expect(stored).toHaveLength(0);
    const customers = await env.ctx.db.query(`SELECT 1 FROM customer_identities WHERE value = '+79161234567'`);
    expect(customers).toHaveLength(0);
    const rejections = await queryOne<{ n: number }>(
      env.ctx.db,
      'SELECT count(*)::int AS n FROM submission_rejections WHERE unit_id = $1',
      [env.units.store.id],
    );
    expect(rejections.n).toBe(1);
  });

  it('accepts the fixed submission, defaulting to the responsible user’s only unit', async () => {
    const res = await create(makeSubmissionInput(env.units.store.id, { unitId: undefined }), 'unit_responsible');
    expect(res.status).toBe(201);
    expect(res.body.unitId).toBe(env.units.store.id);
  });

  it('refuses a submission for a unit the user does not belong to', async () => {
    const res = await create(makeSubmissionInput(env.units.other.id), 'unit_responsible');
    expect(res.status).toBe(403);
  });
});

describe('reading, changing and assigning', () => {
  it('records every changed field in the history and stamps resolution', async () => {
    const { body: appeal } = await create(makeAppealInput());
    const res = await env.request('PATCH', `/api/v1/appeals/${appeal.id}`, {
      as: 'agent',
      body: { priority: 'high', status: 'resolved', tags: ['vip', 'vip'] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ priority: 'high', status: 'resolved', tags: ['vip'] });
    expect(res.body.resolvedAt).not.toBeNull();
    const history = await env.request('GET', `/api/v1/appeals/${appeal.id}/history`, { as: 'agent' });
    const changes = history.body.items
      .filter((e: { action: string }) => e.action === 'updated')
      .map((e: { field: string; oldValue: unknown; newValue: unknown }) => [e.field, e.oldValue, e.newValue]);
    expect(changes).toEqual(
      expect.arrayContaining([
        ['priority', 'normal', 'high'],
        ['status', 'new', 'resolved'],
        ['tags', [], ['vip']],
      ]),
    );
  });

  it('reopening clears the resolution time', async () => {
    const { body: appeal } = await create(makeAppealInput());
    await env.request('PATCH', `/api/v1/appeals/${appeal.id}`, { as: 'agent', body: { status: 'resolved' } });
    const res = await env.request('PATCH', `/api/v1/appeals/${appeal.id}`, { as: 'agent', body: { status: 'open' } });
    expect(res.body.resolvedAt).toBeNull();
  });

  it('refuses an empty or unknown change and leaves the appeal alone', async () => {
    const { body: appeal } = await create(makeAppealInput());
    expect((await env.request('PATCH', `/api/v1/appeals/${appeal.id}`, { as: 'agent', body: {} })).status).toBe(400);
    const bad = await env.request('PATCH', `/api/v1/appeals/${appeal.id}`, {
      as: 'agent',
      body: { status: 'done', priority: 'high' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('status');
    const now = await env.request('GET', `/api/v1/appeals/${appeal.id}`, { as: 'agent' });
    expect(now.body.priority).toBe('normal');
  });

  it('lets an agent take an appeal, which opens it, but not give it to someone else', async () => {
    const { body: appeal } = await create(makeAppealInput());
    const take = await env.request('POST', `/api/v1/appeals/${appeal.id}/assign`, {
      as: 'agent',
      body: { ownerId: env.users.agent.id },
    });
    expect(take.body).toMatchObject({ ownerId: env.users.agent.id, status: 'open' });
    const give = await env.request('POST', `/api/v1/appeals/${appeal.id}/assign`, {
      as: 'agent',
      body: { ownerId: env.users.supervisor.id },
    });
    expect(give.status).toBe(403);
    const sup = await env.request('POST', `/api/v1/appeals/${appeal.id}/assign`, {
      as: 'supervisor',
      body: { ownerId: env.users.supervisor.id },
    });
    expect(sup.body.ownerId).toBe(env.users.supervisor.id);
  });

  it('refuses an analyst as owner', async () => {
    const { body: appeal } = await create(makeAppealInput());
    const res = await env.request('POST', `/api/v1/appeals/${appeal.id}/assign`, {
      as: 'supervisor',
      body: { ownerId: env.users.analyst.id },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toMatchObject([{ path: 'ownerId', code: 'not_an_agent' }]);
  });

  it('keeps the thread: a reply opens a new appeal, the customer’s answer reopens a pending one', async () => {
    const { body: appeal } = await create(makeAppealInput());
    const reply = await env.request('POST', `/api/v1/appeals/${appeal.id}/messages`, {
      as: 'agent',
      body: { direction: 'outbound', body: 'Здравствуйте! Уже разбираемся.' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ direction: 'outbound', channel: 'phone', authorId: env.users.agent.id });
    expect((await env.request('GET', `/api/v1/appeals/${appeal.id}`, { as: 'agent' })).body.status).toBe('open');
    await env.request('PATCH', `/api/v1/appeals/${appeal.id}`, { as: 'agent', body: { status: 'pending_customer' } });
    await env.request('POST', `/api/v1/appeals/${appeal.id}/messages`, {
      as: 'agent',
      body: { direction: 'inbound', body: 'Спасибо, жду.' },
    });
    await env.request('POST', `/api/v1/appeals/${appeal.id}/messages`, {
      as: 'agent',
      body: { direction: 'note', body: 'Позвонить в магазин' },
    });
    const thread = await env.request('GET', `/api/v1/appeals/${appeal.id}/messages`, { as: 'agent' });
    expect(thread.body.items.map((m: { direction: string; channel: string }) => `${m.direction}/${m.channel}`)).toEqual(
      ['outbound/phone', 'inbound/phone', 'note/internal'],
    );
    expect((await env.request('GET', `/api/v1/appeals/${appeal.id}`, { as: 'agent' })).body.status).toBe('open');
  });

  it('answers 404 for an unknown appeal and 400 for a malformed id', async () => {
    expect(
      (await env.request('GET', '/api/v1/appeals/00000000-0000-4000-8000-000000000000', { as: 'agent' })).status,
    ).toBe(404);
    const bad = await env.request('GET', '/api/v1/appeals/42', { as: 'agent' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('params.id');
  });
});

describe('concurrency', () => {
  it('creates one customer when several appeals from the same new phone arrive at once', async () => {
    const phone = '+7 999 765 43 21';
    const results = await Promise.all(
      Array.from({ length: 8 }, () => create(makeAppealInput({ customer: { name: 'Пётр', phone } }))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(results.map((r) => r.body.customerId)).size).toBe(1);
  });
});
