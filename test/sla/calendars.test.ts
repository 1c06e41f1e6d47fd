import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const iv = (start: string, end: string) => ({ start, end });
const days = (...intervals: { start: string; end: string }[]) => Array.from({ length: 7 }, () => intervals);
const post = (body: unknown, as: 'admin' | 'agent' | 'cs_head' = 'admin') =>
  env.request('POST', '/api/v1/sla/calendars', { as, body });
const fields = (res: { body: { error: { fields: { path: string; code: string }[] } } }) =>
  res.body.error.fields.map((f) => `${f.path}:${f.code}`);

describe('calendars', () => {
  it('comes with the seeded store, office and round-the-clock calendars', async () => {
    const res = await env.request('GET', '/api/v1/sla/calendars', { as: 'agent' });
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.items.map((c: { name: string }) => [c.name, c]));
    expect(byName['Магазины 10:00–22:00']).toMatchObject({
      timeZone: 'Europe/Moscow',
      unitTypes: ['store'],
      isDefault: false,
    });
    expect(byName['Круглосуточно']).toMatchObject({ unitTypes: ['call_centre'], week: days(iv('00:00', '24:00')) });
    const office = byName['Офис 09:00–18:00 пн–пт'];
    expect(office).toMatchObject({ isDefault: true, isCustomerService: true });
    expect(office.week[5]).toEqual([]);
    expect(office.exceptions).toContainEqual({ date: '2026-01-07', intervals: [], name: 'Рождество Христово' });
  });

  it('creates a calendar with night shifts, a holiday, a shortened day and an extra working Saturday', async () => {
    const week = [
      [iv('08:00', '20:00')],
      [iv('08:00', '20:00')],
      [iv('08:00', '20:00')],
      [iv('08:00', '20:00')],
      [iv('20:00', '08:00')],
      [],
      [],
    ];
    const res = await post({
      name: 'Сервисный центр, смены',
      timeZone: 'Asia/Novosibirsk',
      week,
      exceptions: [
        { date: '2025-05-09', intervals: [], name: 'День Победы' },
        { date: '2025-12-31', intervals: [iv('08:00', '15:00')], name: 'Сокращённый день' },
        { date: '2025-11-01', intervals: [iv('10:00', '14:00'), iv('15:00', '19:00')], name: 'Рабочая суббота' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ timeZone: 'Asia/Novosibirsk', isDefault: false, unitTypes: [] });
    expect(res.body.week[4]).toEqual([iv('20:00', '08:00')]);
    expect(res.body.exceptions).toHaveLength(3);
    const got = await env.request('GET', `/api/v1/sla/calendars/${res.body.id}`, { as: 'agent' });
    expect(got.body).toEqual(res.body);
  });

  it('refuses overlapping intervals, naming the interval', async () => {
    const res = await post({
      name: 'Перекрытие',
      timeZone: 'Europe/Moscow',
      week: days(iv('09:00', '13:00'), iv('12:00', '18:00')),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(fields(res)).toContain('week.0.1:overlapping_intervals');
  });

  it("refuses a night shift that runs into the next day's hours, and an empty or malformed interval", async () => {
    const week = [
      [iv('22:00', '11:00')],
      [iv('10:00', '18:00')],
      [iv('10:00', '10:00')],
      [iv('25:00', '26:00')],
      [],
      [],
      [],
    ];
    const res = await post({ name: 'Ошибки', timeZone: 'Europe/Moscow', week });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(
      expect.arrayContaining([
        'week.1.0:overlapping_intervals',
        'week.2.0:empty_interval',
        'week.3.0.start:invalid_time',
        'week.3.0.end:invalid_time',
      ]),
    );
  });

  it('refuses an unknown time zone, a bad date and a week of the wrong length', async () => {
    const zone = await post({ name: 'Зона', timeZone: 'Europe/Atlantis', week: days(iv('09:00', '18:00')) });
    expect(zone.status).toBe(400);
    expect(fields(zone)).toEqual(['timeZone:unknown_time_zone']);
    const date = await post({
      name: 'Дата',
      timeZone: 'Europe/Moscow',
      week: days(iv('09:00', '18:00')),
      exceptions: [{ date: '2025-02-30', intervals: [] }],
    });
    expect(fields(date)).toEqual(['exceptions.0.date:invalid_date']);
    const short = await post({ name: 'Неделя', timeZone: 'Europe/Moscow', week: [[iv('09:00', '18:00')]] });
    expect(short.status).toBe(400);
    expect(fields(short)[0]).toMatch(/^week:/);
  });

  it('refuses a calendar without any working time', async () => {
    const res = await post({ name: 'Никогда', timeZone: 'Europe/Moscow', week: days() });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(['week:no_working_time']);
  });

  it('refuses a second calendar with the same name', async () => {
    const res = await post({ name: 'круглосуточно', timeZone: 'UTC', week: days(iv('00:00', '24:00')) });
    expect(res.status).toBe(409);
    expect(fields(res)).toEqual(['name:taken']);
  });

  it('lets only administrators and the CS head change calendars', async () => {
    const body = { name: 'Агентский', timeZone: 'Europe/Moscow', week: days(iv('09:00', '18:00')) };
    expect((await post(body, 'agent')).status).toBe(403);
    expect((await post(body, 'cs_head')).status).toBe(201);
  });

  it('updates a calendar, validating the result, and deletes one nobody uses', async () => {
    const created = await post({ name: 'Временный', timeZone: 'Europe/Moscow', week: days(iv('09:00', '18:00')) });
    const bad = await env.request('PATCH', `/api/v1/sla/calendars/${created.body.id}`, {
      as: 'admin',
      body: { timeZone: 'Mars/Olympus' },
    });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['timeZone:unknown_time_zone']);
    const good = await env.request('PATCH', `/api/v1/sla/calendars/${created.body.id}`, {
      as: 'admin',
      body: { week: days(iv('10:00', '19:00')) },
    });
    expect(good.status).toBe(200);
    expect(good.body.week[0]).toEqual([iv('10:00', '19:00')]);
    expect((await env.request('DELETE', `/api/v1/sla/calendars/${created.body.id}`, { as: 'admin' })).status).toBe(204);
    expect((await env.request('GET', `/api/v1/sla/calendars/${created.body.id}`, { as: 'admin' })).status).toBe(404);
  });

  it('refuses to delete the default calendar', async () => {
    const settings = await env.request('GET', '/api/v1/sla/settings', { as: 'admin' });
    const res = await env.request('DELETE', `/api/v1/sla/calendars/${settings.body.defaultCalendarId}`, {
      as: 'admin',
    });
    expect(res.status).toBe(409);
  });
});

describe('unit calendars', () => {
  it("gives a unit its type's calendar, its own when assigned, and refuses to delete a calendar in use", async () => {
    const storeCalendar = (await env.request('GET', '/api/v1/sla/calendars', { as: 'admin' })).body.items.find(
      (c: { name: string }) => c.name === 'Магазины 10:00–22:00',
    );
    const byType = await env.request('GET', `/api/v1/units/${env.units.store.id}/calendar`, { as: 'agent' });
    expect(byType.body).toEqual({
      unitId: env.units.store.id,
      calendarId: null,
      effectiveCalendarId: storeCalendar.id,
      source: 'unit_type',
    });

    const own = await post({
      name: 'Тверская 09:00–23:00',
      timeZone: 'Europe/Moscow',
      week: days(iv('09:00', '23:00')),
    });
    expect(
      (
        await env.request('PUT', `/api/v1/units/${env.units.store.id}/calendar`, {
          as: 'agent',
          body: { calendarId: own.body.id },
        })
      ).status,
    ).toBe(403);
    const set = await env.request('PUT', `/api/v1/units/${env.units.store.id}/calendar`, {
      as: 'admin',
      body: { calendarId: own.body.id },
    });
    expect(set.body).toMatchObject({ calendarId: own.body.id, effectiveCalendarId: own.body.id, source: 'unit' });
    expect((await env.request('DELETE', `/api/v1/sla/calendars/${own.body.id}`, { as: 'admin' })).status).toBe(409);

    // A store submission now counts on the store's own hours: 22:30 is still open, so 3 h end at 11:30 the next day.
    const appeal = await env.request('POST', '/api/v1/appeals', {
      as: 'unit_responsible',
      body: {
        kind: 'incident',
        channel: 'store_submission',
        unitId: env.units.store.id,
        subject: 'Жалоба',
        sequenceNumber: 'ТВ-1',
        description: 'Покупатель недоволен',
        receivedAt: '2025-03-07T22:30:00+03:00',
        customer: { name: 'Иван Петров', phone: '+79161112233' },
      },
    });
    expect(appeal.body.sla.targets[0]).toMatchObject({
      metric: 'transfer',
      dueAt: '2025-03-08T08:30:00.000Z',
      calendarId: own.body.id,
    });

    const back = await env.request('PUT', `/api/v1/units/${env.units.store.id}/calendar`, {
      as: 'admin',
      body: { calendarId: null },
    });
    expect(back.body).toMatchObject({ calendarId: null, source: 'unit_type' });
    const unknown = await env.request('PUT', `/api/v1/units/${env.units.store.id}/calendar`, {
      as: 'admin',
      body: { calendarId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.status).toBe(400);
    expect(fields(unknown)).toEqual(['calendarId:unknown_calendar']);
  });

  it('moves a unit type to the calendar that claims it', async () => {
    const other = await env.request('POST', '/api/v1/units', {
      as: 'admin',
      body: { type: 'office', name: 'Бухгалтерия' },
    });
    const before = await env.request('GET', `/api/v1/units/${other.body.id}/calendar`, { as: 'admin' });
    expect(before.body.source).toBe('unit_type');
    const claim = await post({
      name: 'Офисы Екатеринбурга',
      timeZone: 'Asia/Yekaterinburg',
      week: days(iv('09:00', '18:00')),
      unitTypes: ['office'],
    });
    expect(claim.status).toBe(201);
    const after = await env.request('GET', `/api/v1/units/${other.body.id}/calendar`, { as: 'admin' });
    expect(after.body).toMatchObject({ effectiveCalendarId: claim.body.id, source: 'unit_type' });
    const office = (await env.request('GET', '/api/v1/sla/calendars', { as: 'admin' })).body.items.find(
      (c: { name: string }) => c.name === 'Офис 09:00–18:00 пн–пт',
    );
    expect(office.unitTypes).not.toContain('office');
  });

  it('chooses the default and Customer Service calendars', async () => {
    const cs = await post({ name: 'CS 08:00–20:00', timeZone: 'Europe/Moscow', week: days(iv('08:00', '20:00')) });
    const res = await env.request('PATCH', '/api/v1/sla/settings', { as: 'admin', body: { csCalendarId: cs.body.id } });
    expect(res.status).toBe(200);
    expect(res.body.csCalendarId).toBe(cs.body.id);
    const appeal = await env.request('POST', '/api/v1/appeals', {
      as: 'agent',
      body: {
        kind: 'question',
        channel: 'email',
        subject: 'Вопрос',
        customer: { name: 'Ольга', email: 'olga@mail.ru' },
      },
    });
    expect(appeal.body.sla.targets[0]).toMatchObject({ metric: 'first_response', calendarId: cs.body.id });
    const bad = await env.request('PATCH', '/api/v1/sla/settings', {
      as: 'admin',
      body: { defaultCalendarId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(fields(bad)).toEqual(['defaultCalendarId:unknown_calendar']);
  });
});
