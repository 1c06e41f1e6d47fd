import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAppealInput, makeSubmissionInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const post = (body: unknown, as: 'admin' | 'agent' | 'supervisor' = 'admin') =>
  env.request('POST', '/api/v1/sla/policies', { as, body });
const fields = (res: { body: { error: { fields: { path: string; code: string }[] } } }) =>
  res.body.error.fields.map((f) => `${f.path}:${f.code}`);
const policyOf = async (body: unknown) => {
  const res = await env.request('POST', '/api/v1/appeals', { as: 'agent', body });
  expect(res.status).toBe(201);
  return res.body.sla?.policyId ?? null;
};

describe('SLA policies', () => {
  it("comes with seed 000's default policy set, in position order", async () => {
    const res = await env.request('GET', '/api/v1/sla/policies', { as: 'agent' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { position: number }) => p.position)).toEqual([10, 20, 30, 40, 100]);
    const store = res.body.items[1];
    expect(store).toMatchObject({
      conditions: { unitTypes: ['store'], kinds: ['incident'], channels: ['store_submission', 'email', 'edms'] },
      targets: [
        { metric: 'transfer', minutes: 180, calendar: 'unit' },
        { metric: 'completion_report', minutes: 180, calendar: 'unit' },
        { metric: 'resolution', minutes: 1620, calendar: 'cs' },
      ],
      pauseStatuses: ['pending_customer'],
      warnAtPercent: 80,
      active: true,
    });
    expect(res.body.items[0].targets[0]).toEqual({ metric: 'transfer', minutes: 0, calendar: 'unit' });
    expect(res.body.items[3].targets[0]).toEqual({ metric: 'first_response', minutes: 120 });
  });

  it('creates a policy with defaults for what is not given', async () => {
    const res = await post({
      name: 'VIP',
      conditions: { customerTags: ['vip'] },
      targets: [{ metric: 'first_response', minutes: 30 }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      position: 100,
      active: true,
      calendarSource: 'unit',
      pauseStatuses: ['pending_customer'],
      warnAtPercent: 80,
      escalation: {},
      notify: { onWarning: ['owner'], onBreach: ['owner', 'unit_responsible', 'supervisors'] },
    });
    expect((await env.request('GET', `/api/v1/sla/policies/${res.body.id}`, { as: 'agent' })).body).toEqual(res.body);
  });

  it('names every invalid field of a policy at once', async () => {
    const res = await post({
      name: 'Ошибки',
      conditions: {
        unitIds: ['00000000-0000-4000-8000-000000000000'],
        categoryIds: ['00000000-0000-4000-8000-000000000001'],
      },
      targets: [
        { metric: 'resolution', minutes: 60 },
        { metric: 'resolution', minutes: 90 },
      ],
      pauseStatuses: ['pending_customer', 'closed'],
      escalation: { onBreach: { ownerId: env.users.analyst.id } },
    });
    expect(res.status).toBe(400);
    expect(fields(res).sort()).toEqual([
      'conditions.categoryIds.0:unknown_category',
      'conditions.unitIds.0:unknown_unit',
      'escalation.onBreach.ownerId:not_an_agent',
      'pauseStatuses.1:invalid_value',
      'targets.1.metric:duplicate_metric',
    ]);
  });

  it('refuses shapes it does not know: negative minutes, unknown metrics and conditions', async () => {
    const res = await post({
      name: 'Форма',
      conditions: { colour: ['red'] },
      targets: [{ metric: 'lunch', minutes: -5 }],
    });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(
      expect.arrayContaining([
        'conditions.colour:unknown_field',
        'targets.0.metric:invalid_value',
        'targets.0.minutes:too_small',
      ]),
    );
  });

  it('lets an agent read policies but not change them', async () => {
    const [first] = (await env.request('GET', '/api/v1/sla/policies', { as: 'agent' })).body.items;
    expect((await post({ name: 'Агент', targets: [{ metric: 'resolution', minutes: 60 }] }, 'agent')).status).toBe(403);
    expect(
      (await env.request('PATCH', `/api/v1/sla/policies/${first.id}`, { as: 'agent', body: { active: false } })).status,
    ).toBe(403);
    expect(
      (await env.request('PATCH', `/api/v1/sla/policies/${first.id}`, { as: 'supervisor', body: { active: false } }))
        .status,
    ).toBe(403);
    expect((await env.request('DELETE', `/api/v1/sla/policies/${first.id}`, { as: 'agent' })).status).toBe(403);
  });

  it('gives each new appeal the first matching policy by position', async () => {
    const all = (await env.request('GET', '/api/v1/sla/policies', { as: 'admin' })).body.items;
    const emailPolicy = all.find((p: { position: number }) => p.position === 40).id;
    const storePolicy = all.find((p: { position: number }) => p.position === 20).id;
    const catchAll = all.find((p: { position: number }) => p.position === 100).id;
    const email = (over: Record<string, unknown> = {}) =>
      makeAppealInput({ channel: 'email', customer: { name: 'Анна', email: `a${Math.random()}@mail.ru` }, ...over });

    expect(await policyOf(email())).toBe(emailPolicy);
    expect(await policyOf(makeSubmissionInput(env.units.store.id, { channel: 'email' }))).toBe(storePolicy);
    expect(await policyOf(makeAppealInput({ channel: 'chat' }))).toBe(catchAll);

    const urgent = await post({
      name: 'Срочные',
      position: 5,
      conditions: { priorities: ['urgent'] },
      targets: [{ metric: 'first_response', minutes: 15 }],
      calendarSource: 'cs',
    });
    expect(await policyOf(email({ priority: 'urgent' }))).toBe(urgent.body.id);
    expect(await policyOf(email({ priority: 'high' }))).toBe(emailPolicy);

    const categories = (await env.request('GET', '/api/v1/categories', { as: 'admin' })).body.items;
    const longService = categories.find((c: { code: string }) => c.code === 'long_service');
    const queue = categories.find((c: { code: string }) => c.code === 'long_service.checkout_queue');
    const slow = await post({
      name: 'Долгое обслуживание',
      position: 6,
      conditions: { categoryIds: [longService.id] },
      targets: [{ metric: 'resolution', minutes: 480 }],
    });
    expect(await policyOf(email({ categoryId: queue.id }))).toBe(slow.body.id);

    const vip = await post({
      name: 'VIP-клиенты',
      position: 7,
      conditions: { customerTags: ['vip'] },
      targets: [{ metric: 'first_response', minutes: 30 }],
    });
    const customer = await env.request('POST', '/api/v1/customers', {
      as: 'agent',
      body: { name: 'Важный клиент', emails: ['vip@mail.ru'], tags: ['vip'] },
    });
    expect(customer.status).toBe(201);
    expect(await policyOf(email({ customer: { id: customer.body.id } }))).toBe(vip.body.id);

    // Moved behind the e-mail policy, the urgent one no longer applies to urgent e-mails.
    expect(
      (await env.request('PATCH', `/api/v1/sla/policies/${urgent.body.id}`, { as: 'admin', body: { position: 50 } }))
        .status,
    ).toBe(200);
    expect(await policyOf(email({ priority: 'urgent' }))).toBe(emailPolicy);
    expect(
      (await env.request('PATCH', `/api/v1/sla/policies/${emailPolicy}`, { as: 'admin', body: { active: false } }))
        .status,
    ).toBe(200);
    expect(await policyOf(email({ priority: 'urgent' }))).toBe(urgent.body.id);
    expect((await env.request('DELETE', `/api/v1/sla/policies/${urgent.body.id}`, { as: 'admin' })).status).toBe(204);
    expect(await policyOf(email({ priority: 'urgent' }))).toBe(catchAll);
  });

  it('refuses a second policy of the same name', async () => {
    await post({ name: 'Дубль', targets: [{ metric: 'resolution', minutes: 60 }], active: false });
    const res = await post({ name: 'дубль', targets: [{ metric: 'resolution', minutes: 60 }], active: false });
    expect(res.status).toBe(409);
    expect(fields(res)).toEqual(['name:taken']);
  });
});
