// Units, users, customers and the category taxonomy: managing the register's reference data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

describe('units', () => {
  it('creates a unit tree and refuses a cycle', async () => {
    const region = await env.request('POST', '/api/v1/units', {
      as: 'admin',
      body: { type: 'office', name: 'Регион Урал', timeZone: 'Asia/Yekaterinburg' },
    });
    const store = await env.request('POST', '/api/v1/units', {
      as: 'cs_head',
      body: {
        type: 'store',
        name: 'Магазин в Екатеринбурге',
        code: 'EKB-01',
        parentId: region.body.id,
        contacts: { emails: ['ekb01@shop.ru'], phones: ['+7 343 000-00-00'] },
      },
    });
    expect(store.status).toBe(201);
    expect(store.body).toMatchObject({
      parentId: region.body.id,
      timeZone: 'Europe/Moscow',
      contacts: { emails: ['ekb01@shop.ru'] },
    });
    const cycle = await env.request('PATCH', `/api/v1/units/${region.body.id}`, {
      as: 'admin',
      body: { parentId: store.body.id },
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.fields).toMatchObject([{ path: 'parentId', code: 'cycle' }]);
    const moved = await env.request('PATCH', `/api/v1/units/${store.body.id}`, {
      as: 'admin',
      body: { timeZone: 'Asia/Yekaterinburg', active: false },
    });
    expect(moved.body).toMatchObject({ timeZone: 'Asia/Yekaterinburg', active: false });
  });

  it('refuses an unknown time zone, type or parent naming the field', async () => {
    const res = await env.request('POST', '/api/v1/units', {
      as: 'admin',
      body: { type: 'shop', name: 'X', timeZone: 'Mars/Olympus' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`).sort()).toEqual([
      'timeZone:unknown_time_zone',
      'type:invalid_value',
    ]);
    const parent = await env.request('POST', '/api/v1/units', {
      as: 'admin',
      body: { type: 'store', name: 'X', parentId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(parent.body.error.fields).toMatchObject([{ path: 'parentId', code: 'unknown_unit' }]);
  });

  it('lists appeals of a unit and its children together', async () => {
    const parent = await env.request('POST', '/api/v1/units', {
      as: 'admin',
      body: { type: 'office', name: 'Регион Сибирь' },
    });
    const child = await env.request('POST', '/api/v1/units', {
      as: 'admin',
      body: { type: 'store', name: 'Новосибирск', parentId: parent.body.id },
    });
    await env.request('POST', '/api/v1/appeals', {
      as: 'agent',
      body: { kind: 'thanks', channel: 'phone', subject: 'Спасибо', customer: { name: 'А' }, unitId: child.body.id },
    });
    const direct = await env.request('GET', `/api/v1/appeals?unitId=${parent.body.id}`, { as: 'agent' });
    const tree = await env.request('GET', `/api/v1/appeals?unitId=${parent.body.id}&includeSubunits=true`, {
      as: 'agent',
    });
    expect([direct.body.items.length, tree.body.items.length]).toEqual([0, 1]);
  });
});

describe('users', () => {
  it('creates a user who can log in, with units, and changes their role', async () => {
    const created = await env.request('POST', '/api/v1/users', {
      as: 'admin',
      body: {
        email: 'Manager@Shop.RU',
        name: 'Анна Смирнова',
        role: 'unit_responsible',
        password: TEST_PASSWORD,
        unitIds: [env.units.store.id],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'manager@shop.ru', unitIds: [env.units.store.id], locale: 'ru' });
    const login = await env.request('POST', '/api/v1/auth/login', {
      body: { email: 'manager@shop.ru', password: TEST_PASSWORD },
    });
    expect(login.body.unitIds).toEqual([env.units.store.id]);
    const unit = await env.request('GET', `/api/v1/units/${env.units.store.id}`, { as: 'agent' });
    expect(unit.body.responsibleUserIds).toContain(created.body.id);
    const changed = await env.request('PATCH', `/api/v1/users/${created.body.id}`, {
      as: 'admin',
      body: { role: 'agent', unitIds: [] },
    });
    expect(changed.body).toMatchObject({ role: 'agent', unitIds: [] });
  });

  it('refuses a duplicate e-mail, a short password and unknown units', async () => {
    const dup = await env.request('POST', '/api/v1/users', {
      as: 'admin',
      body: { email: env.users.agent.email, name: 'X', role: 'agent' },
    });
    expect(dup.status).toBe(409);
    const weak = await env.request('POST', '/api/v1/users', {
      as: 'admin',
      body: { email: 'x@y.ru', name: 'X', role: 'agent', password: 'short' },
    });
    expect(weak.body.error.fields[0].path).toBe('password');
    const units = await env.request('POST', '/api/v1/users', {
      as: 'admin',
      body: { email: 'z@y.ru', name: 'X', role: 'agent', unitIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(units.body.error.fields).toMatchObject([{ path: 'unitIds', code: 'unknown_unit' }]);
  });

  it('never demotes the last administrator', async () => {
    const res = await env.request('PATCH', `/api/v1/users/${env.users.admin.id}`, {
      as: 'admin',
      body: { role: 'agent' },
    });
    expect(res.status).toBe(409);
  });

  it('lets a user change their language and password, checking the current one', async () => {
    const user = await env.makeUser('agent');
    expect(
      (await env.request('PATCH', '/api/v1/users/me', { token: user.token, body: { locale: 'en' } })).body.locale,
    ).toBe('en');
    const wrong = await env.request('PATCH', '/api/v1/users/me', {
      token: user.token,
      body: { currentPassword: 'nope', newPassword: 'a new long password' },
    });
    expect(wrong.body.error.fields).toMatchObject([{ path: 'currentPassword', code: 'wrong_password' }]);
    const ok = await env.request('PATCH', '/api/v1/users/me', {
      token: user.token,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'a new long password' },
    });
    expect(ok.status).toBe(200);
    expect(
      (
        await env.request('POST', '/api/v1/auth/login', {
          body: { email: user.email, password: 'a new long password' },
        })
      ).status,
    ).toBe(200);
  });
});

describe('customers', () => {
  it('creates, finds by phone in any format and by name, and edits a customer', async () => {
    const created = await env.request('POST', '/api/v1/customers', {
      as: 'agent',
      body: {
        name: 'Сергей Кузнецов',
        phones: ['8 (912) 000-11-22'],
        emails: ['S.Kuz@mail.ru'],
        companyName: 'ООО Ромашка',
        companyCode: '7701234567',
        birthday: '1985-04-12',
        consents: { email: true },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      phones: [{ value: '+79120001122' }],
      emails: [{ value: 's.kuz@mail.ru' }],
      birthday: '1985-04-12',
    });
    const byPhone = await env.request('GET', `/api/v1/customers?phone=${encodeURIComponent('+7 912 000 11 22')}`, {
      as: 'agent',
    });
    expect(byPhone.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    const byName = await env.request('GET', `/api/v1/customers?q=${encodeURIComponent('кузн')}`, { as: 'agent' });
    expect(byName.body.items.map((c: { id: string }) => c.id)).toContain(created.body.id);
    const edited = await env.request('PATCH', `/api/v1/customers/${created.body.id}`, {
      as: 'agent',
      body: { emails: [], tags: ['vip'] },
    });
    expect(edited.body).toMatchObject({ emails: [], tags: ['vip'] });
  });

  it('refuses a phone that belongs to someone else, and bad contact details by index', async () => {
    await env.request('POST', '/api/v1/customers', { as: 'agent', body: { phones: ['+7 900 555-44-33'] } });
    const taken = await env.request('POST', '/api/v1/customers', { as: 'agent', body: { phones: ['89005554433'] } });
    expect(taken.status).toBe(409);
    const bad = await env.request('POST', '/api/v1/customers', {
      as: 'agent',
      body: { phones: ['+7 900 111-22-33', 'abc'], emails: ['nope'], companyCode: '12' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toContain('companyCode');
    const service = await env.request('POST', '/api/v1/customers', {
      as: 'agent',
      body: { phones: ['+7 900 111-22-33', 'abc'], emails: ['nope'] },
    });
    expect(service.body.error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`)).toEqual([
      'phones.1:invalid_phone',
      'emails.0:invalid_email',
    ]);
  });

  it('pages through customers with a cursor', async () => {
    for (let i = 0; i < 5; i++) {
      await env.request('POST', '/api/v1/customers', { as: 'agent', body: { name: `Страничный ${i}` } });
    }
    const first = await env.request('GET', `/api/v1/customers?q=${encodeURIComponent('Страничный')}&limit=2`, {
      as: 'agent',
    });
    const second = await env.request(
      'GET',
      `/api/v1/customers?q=${encodeURIComponent('Страничный')}&limit=2&cursor=${first.body.nextCursor}`,
      { as: 'agent' },
    );
    expect([...first.body.items, ...second.body.items].map((c: { name: string }) => c.name)).toEqual([
      'Страничный 4',
      'Страничный 3',
      'Страничный 2',
      'Страничный 1',
    ]);
  });
});

describe('categories', () => {
  it('seeds the seed practice’s taxonomy with causes of long service', async () => {
    const res = await env.request('GET', '/api/v1/categories', { as: 'analyst' });
    const codes = res.body.items.map((c: { code: string }) => c.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'promo_terms_claim',
        'poor_consultation',
        'product_quality_conflict',
        'quality_certificate_request',
        'poor_service',
        'long_service',
        'long_service.checkout_queue',
        'thanks_staff',
      ]),
    );
    const longService = res.body.items.find((c: { code: string }) => c.code === 'long_service');
    expect(
      res.body.items.filter((c: { parentId: string }) => c.parentId === longService.id).length,
    ).toBeGreaterThanOrEqual(5);
  });

  it('adds a subcategory and retires a category', async () => {
    const parent = (await env.request('GET', '/api/v1/categories', { as: 'admin' })).body.items.find(
      (c: { code: string }) => c.code === 'delivery',
    );
    const sub = await env.request('POST', '/api/v1/categories', {
      as: 'admin',
      body: {
        code: 'delivery.late',
        nameRu: 'Опоздание доставки',
        nameEn: 'Late delivery',
        kinds: ['incident'],
        parentId: parent.id,
      },
    });
    expect(sub.status).toBe(201);
    const retired = await env.request('PATCH', `/api/v1/categories/${sub.body.id}`, {
      as: 'admin',
      body: { active: false },
    });
    expect(retired.body.active).toBe(false);
    const use = await env.request('POST', '/api/v1/appeals', {
      as: 'agent',
      body: { kind: 'incident', channel: 'phone', subject: 'x', customer: { name: 'Б' }, categoryId: sub.body.id },
    });
    expect(use.body.error.fields).toMatchObject([{ path: 'categoryId', code: 'unknown_category' }]);
  });

  it('refuses a taken code and a bad one', async () => {
    expect(
      (
        await env.request('POST', '/api/v1/categories', {
          as: 'admin',
          body: { code: 'delivery', nameRu: 'x', nameEn: 'x', kinds: ['incident'] },
        })
      ).status,
    ).toBe(409);
    const bad = await env.request('POST', '/api/v1/categories', {
      as: 'admin',
      body: { code: 'Bad Code', nameRu: 'x', nameEn: 'x', kinds: [] },
    });
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['code', 'kinds']);
  });
});

describe('retried creates', () => {
  it.each([
    ['/api/v1/customers', () => ({ name: 'Повторный клиент' })],
    ['/api/v1/units', () => ({ type: 'store', name: 'Повторный магазин' })],
    ['/api/v1/users', () => ({ email: 'retry@shop.ru', name: 'Повтор', role: 'agent', password: TEST_PASSWORD })],
    ['/api/v1/categories', () => ({ code: 'retry_category', nameRu: 'Повтор', nameEn: 'Retry', kinds: ['wish'] })],
    [
      '/api/v1/custom-fields',
      () => ({ kind: 'review', key: 'retryField', labelRu: 'Повтор', labelEn: 'Retry', type: 'string' }),
    ],
  ])('%s returns the first answer to a request retried with the same Idempotency-Key', async (url, body) => {
    const headers = { 'idempotency-key': `retry ${url}` };
    const first = await env.request('POST', url, { as: 'admin', body: body(), headers });
    const again = await env.request('POST', url, { as: 'admin', body: body(), headers });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });
});
