import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAppealInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
let seq = 0;

beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const phone = () => `+7 903 ${String(5_000_000 + ++seq).slice(-7)}`;

async function customer(body: Record<string, unknown>): Promise<string> {
  const res = await env.request('POST', '/api/v1/customers', { as: 'agent', body });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function appealOf(customerId: string, kind = 'incident'): Promise<string> {
  const res = await env.request('POST', '/api/v1/appeals', {
    as: 'agent',
    body: makeAppealInput({ kind, customer: { id: customerId } }),
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('merging two customers', () => {
  it('previews what moves, what is filled and what conflicts, changing nothing', async () => {
    const shared = 'noemail@mail.ru';
    const merged = await customer({
      name: 'Иван Петров',
      phones: [phone()],
      emails: ['ivan@example.ru', shared],
      birthday: '1980-02-03',
      consents: { sms: true, email: false },
      tags: ['vip'],
    });
    const survivor = await customer({
      name: 'Петров Иван Сергеевич',
      emails: [shared],
      companyName: 'ООО Ромашка',
      consents: { email: true },
    });
    await appealOf(merged);
    await appealOf(merged);
    await appealOf(merged, 'thanks');

    const res = await env.request('GET', `/api/v1/customers/${merged}/merge-preview?into=${survivor}`, { as: 'agent' });
    expect(res.status).toBe(200);
    expect(res.body.appeals).toEqual({ total: 3, byKind: { incident: 2, thanks: 1 } });
    expect(res.body.identities.map((i: { value: string; outcome: string }) => [i.value, i.outcome])).toEqual([
      [expect.stringMatching(/^\+7903/), 'moves'],
      ['ivan@example.ru', 'moves'],
      [shared, 'already_there'],
    ]);
    expect(res.body.fills).toEqual(
      expect.arrayContaining([
        { field: 'birthday', value: '1980-02-03' },
        { field: 'consents.sms', value: true },
        { field: 'tags', value: ['vip'] },
      ]),
    );
    expect(res.body.conflicts).toEqual(
      expect.arrayContaining([
        { field: 'name', kept: 'Петров Иван Сергеевич', dropped: 'Иван Петров' },
        { field: 'consents.email', kept: true, dropped: false },
      ]),
    );
    // Nothing moved.
    const after = await env.request('GET', `/api/v1/customers/${merged}`, { as: 'agent' });
    expect(after.body.mergedInto).toBeNull();
    expect(after.body.appeals.total).toBe(3);
  });

  it('moves appeals (with history), identities and empty fields in one go, leaving a tombstone', async () => {
    const mergedPhone = phone();
    const merged = await customer({
      name: 'Анна Смирнова',
      phones: [mergedPhone],
      emails: ['anna@example.ru'],
      birthday: '1991-05-06',
      consents: { sms: true },
    });
    const survivor = await customer({ name: 'Анна С.', phones: [phone()] });
    const a1 = await appealOf(merged);
    const a2 = await appealOf(merged, 'question');
    const own = await appealOf(survivor);

    const res = await env.request('POST', `/api/v1/customers/${merged}/merge`, {
      as: 'agent',
      body: { into: survivor },
    });
    expect(res.status).toBe(200);
    expect(res.body.appeals.total).toBe(2);
    expect(res.body.customer.id).toBe(survivor);
    expect(res.body.customer.name).toBe('Анна С.');
    expect(res.body.customer.birthday).toBe('1991-05-06');
    expect(res.body.customer.consents).toEqual({ sms: true });
    expect(res.body.customer.phones).toHaveLength(2);
    expect(res.body.customer.emails.map((e: { value: string }) => e.value)).toEqual(['anna@example.ru']);

    for (const id of [a1, a2]) {
      expect((await env.request('GET', `/api/v1/appeals/${id}`, { as: 'agent' })).body.customerId).toBe(survivor);
      const history = await env.request('GET', `/api/v1/appeals/${id}/history`, { as: 'agent' });
      const event = history.body.items.find((e: { field: string | null }) => e.field === 'customerId');
      expect(event).toMatchObject({
        action: 'updated',
        actorId: env.users.agent.id,
        oldValue: merged,
        newValue: survivor,
      });
    }
    expect(
      (await env.request('GET', `/api/v1/appeals/${own}/history`, { as: 'agent' })).body.items.some(
        (e: { field: string | null }) => e.field === 'customerId',
      ),
    ).toBe(false);

    // The tombstone says where the customer went; the survivor has every appeal.
    const tomb = await env.request('GET', `/api/v1/customers/${merged}`, { as: 'agent' });
    expect(tomb.status).toBe(200);
    expect(tomb.body.mergedInto).toBe(survivor);
    expect(tomb.body.phones).toEqual([]);
    expect((await env.request('GET', `/api/v1/customers/${survivor}`, { as: 'agent' })).body.appeals.total).toBe(3);

    // Search hides the tombstone; finding by the old phone or e-mail gives the survivor.
    const search = await env.request('GET', `/api/v1/customers?q=${encodeURIComponent('Анна')}`, { as: 'agent' });
    expect(search.body.items.map((c: { id: string }) => c.id)).toEqual([survivor]);
    const byPhone = await env.request('GET', `/api/v1/customers?phone=${encodeURIComponent(mergedPhone)}`, {
      as: 'agent',
    });
    expect(byPhone.body.items.map((c: { id: string }) => c.id)).toEqual([survivor]);
    const byEmail = await env.request('POST', '/api/v1/appeals', {
      as: 'agent',
      body: makeAppealInput({ customer: { email: 'Anna@Example.ru' } }),
    });
    expect(byEmail.body.customerId).toBe(survivor);
    const byOldPhone = await env.request('POST', '/api/v1/appeals', {
      as: 'agent',
      body: makeAppealInput({ customer: { phone: mergedPhone } }),
    });
    expect(byOldPhone.body.customerId).toBe(survivor);
    // An old link to the merged customer files the appeal under the survivor.
    const byOldId = await env.request('POST', '/api/v1/appeals', {
      as: 'agent',
      body: makeAppealInput({ customer: { id: merged } }),
    });
    expect(byOldId.body.customerId).toBe(survivor);
  });

  it('re-points older tombstones when their survivor is merged in turn', async () => {
    const first = await customer({ name: 'Первый' });
    const second = await customer({ name: 'Второй' });
    const third = await customer({ name: 'Третий' });
    expect(
      (await env.request('POST', `/api/v1/customers/${first}/merge`, { as: 'agent', body: { into: second } })).status,
    ).toBe(200);
    expect(
      (await env.request('POST', `/api/v1/customers/${second}/merge`, { as: 'agent', body: { into: third } })).status,
    ).toBe(200);
    expect((await env.request('GET', `/api/v1/customers/${first}`, { as: 'agent' })).body.mergedInto).toBe(third);
  });

  it('refuses bad merges with the field named, and changes nothing', async () => {
    const customerX = await customer({ name: 'Икс', phones: [phone()] });
    const customerY = await customer({ name: 'Игрек' });
    const ax = await appealOf(customerX);
    const merge = (id: string, body: unknown, as: 'agent' | 'unit_responsible' | 'analyst' = 'agent') =>
      env.request('POST', `/api/v1/customers/${id}/merge`, { as, body });

    const self = await merge(customerX, { into: customerX });
    expect(self.status).toBe(400);
    expect(self.body.error.fields[0]).toMatchObject({ path: 'into', code: 'same_customer' });

    const unknownInto = await merge(customerX, { into: '00000000-0000-4000-8000-000000000000' });
    expect(unknownInto.status).toBe(400);
    expect(unknownInto.body.error.fields[0]).toMatchObject({ path: 'into', code: 'unknown_customer' });

    expect((await merge('00000000-0000-4000-8000-000000000000', { into: customerY })).status).toBe(404);
    expect((await merge(customerX, { into: 'not-a-uuid' })).status).toBe(400);
    expect((await merge(customerX, {})).status).toBe(400);
    expect((await merge(customerX, { into: customerY, extra: 1 })).status).toBe(400);
    expect((await env.request('GET', `/api/v1/customers/${customerX}/merge-preview`, { as: 'agent' })).status).toBe(
      400,
    );

    // Unit staff and analysts may not merge, nor preview.
    expect((await merge(customerX, { into: customerY }, 'unit_responsible')).status).toBe(403);
    expect((await merge(customerX, { into: customerY }, 'analyst')).status).toBe(403);
    expect(
      (
        await env.request('GET', `/api/v1/customers/${customerX}/merge-preview?into=${customerY}`, {
          as: 'unit_responsible',
        })
      ).status,
    ).toBe(403);

    // Into a tombstone, or a tombstone again.
    const other = await customer({ name: 'Зет' });
    expect((await merge(customerY, { into: other })).status).toBe(200);
    const intoTomb = await merge(customerX, { into: customerY });
    expect(intoTomb.status).toBe(400);
    expect(intoTomb.body.error.fields[0]).toMatchObject({ path: 'into', code: 'merged_customer' });
    const again = await merge(customerY, { into: customerX });
    expect(again.status).toBe(409);
    expect(again.body.error.fields[0]).toMatchObject({ path: 'id', code: 'already_merged' });
    // A tombstone cannot be edited, nor put on an appeal.
    expect(
      (await env.request('PATCH', `/api/v1/customers/${customerY}`, { as: 'agent', body: { name: 'Новое' } })).status,
    ).toBe(409);
    const relink = await env.request('PATCH', `/api/v1/appeals/${ax}`, {
      as: 'agent',
      body: { customerId: customerY },
    });
    expect(relink.status).toBe(400);
    expect(relink.body.error.fields[0]).toMatchObject({ path: 'customerId', code: 'merged_customer' });

    // x is untouched by every refusal.
    const xNow = await env.request('GET', `/api/v1/customers/${customerX}`, { as: 'agent' });
    expect(xNow.body).toMatchObject({ mergedInto: null, appeals: { total: 1 } });
    expect(xNow.body.phones).toHaveLength(1);
    expect((await env.request('GET', `/api/v1/appeals/${ax}`, { as: 'agent' })).body.customerId).toBe(customerX);
  });
});
