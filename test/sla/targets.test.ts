import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneRow } from '../../src/db/rows.ts';
import * as appealsRepo from '../../src/modules/appeals/appeals.repo.ts';
import { onAppealChanged } from '../../src/modules/sla/sla.service.ts';
import { makeAppealInput, makeSubmissionInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
const policies: Record<string, { id: string; name: string }> = {};
const calendars: Record<string, { id: string; name: string }> = {};
beforeAll(async () => {
  env = await startTestEnv();
  for (const policy of (await env.request('GET', '/api/v1/sla/policies', { as: 'admin' })).body.items) {
    policies[policy.position] = policy;
  }
  for (const calendar of (await env.request('GET', '/api/v1/sla/calendars', { as: 'admin' })).body.items) {
    calendars[calendar.name] = calendar;
  }
});
afterAll(() => env.close());

type Target = {
  metric: string;
  state: string;
  dueAt: string | null;
  metAt: string | null;
  minutes: number;
  minutesLeft: number | null;
  calendarId: string;
  cycle: number;
};
/** The value, failing the test when it is missing. */
function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new Error(`missing: ${what}`);
  }
  return value;
}
/** The seeded policy at this position, and the seeded calendar of this name. */
const policyId = (position: number) => present(policies[position], `policy at ${position}`).id;
const calendarId = (name: string) => present(calendars[name], `calendar ${name}`).id;
const target = (appeal: { sla: { targets: Target[] } }, metric: string) =>
  present(
    appeal.sla.targets.find((candidate) => candidate.metric === metric),
    `${metric} target`,
  );
const create = async (body: unknown, as: 'agent' | 'unit_responsible' = 'agent') => {
  const res = await env.request('POST', '/api/v1/appeals', { as, body });
  expect(res.status).toBe(201);
  return res.body;
};
const get = async (id: string) => (await env.request('GET', `/api/v1/appeals/${id}`, { as: 'agent' })).body;
const patch = async (id: string, body: unknown) => {
  const res = await env.request('PATCH', `/api/v1/appeals/${id}`, { as: 'supervisor', body });
  expect(res.status).toBe(200);
  return res.body;
};
const say = async (id: string, direction: string, as: 'agent' | 'unit_responsible' = 'agent') =>
  expect(
    (await env.request('POST', `/api/v1/appeals/${id}/messages`, { as, body: { direction, body: 'Текст сообщения' } }))
      .status,
  ).toBe(201);
const email = (over: Record<string, unknown> = {}) =>
  makeAppealInput({ channel: 'email', customer: { name: 'Анна', email: `anna${Math.random()}@mail.ru` }, ...over });

describe('targets of a new appeal', () => {
  it("counts a store submission's transfer in its hours: 21:30 Friday + 3 working h = 12:30 Saturday", async () => {
    const appeal = await create(
      makeSubmissionInput(env.units.store.id, { receivedAt: '2025-03-07T21:30:00+03:00' }),
      'unit_responsible',
    );
    expect(appeal.sla.policyId).toBe(policyId(20));
    expect(appeal.sla.targets.map((t: Target) => t.metric)).toEqual(['transfer', 'resolution', 'completion_report']);
    const transfer = target(appeal, 'transfer');
    expect(transfer).toMatchObject({
      minutes: 180,
      dueAt: '2025-03-08T09:30:00.000Z',
      calendarId: calendarId('Магазины 10:00–22:00'),
    });
    // Registered long after: the transfer was met late.
    expect(transfer.state).toBe('breached');
    expect(target(appeal, 'completion_report')).toMatchObject({
      minutes: 180,
      metAt: null,
      calendarId: calendarId('Магазины 10:00–22:00'),
    });
    expect(target(appeal, 'resolution').calendarId).toBe(calendarId('Офис 09:00–18:00 пн–пт'));
  });

  it("gives a customer's e-mail a first response within 120 working minutes of Customer Service", async () => {
    const appeal = await create(email());
    expect(appeal.sla.policyId).toBe(policyId(40));
    const first = target(appeal, 'first_response');
    expect(first).toMatchObject({
      minutes: 120,
      state: 'ok',
      metAt: null,
      calendarId: calendarId('Офис 09:00–18:00 пн–пт'),
    });
    expect(first.minutesLeft).toBeGreaterThanOrEqual(119);
    expect(first.minutesLeft).toBeLessThanOrEqual(120);
    expect(appeal.sla.nextDueAt).toBe(first.dueAt);
    // The same answer when read again, and in lists.
    expect(target(await get(appeal.id), 'first_response').dueAt).toBe(first.dueAt);
    const listed = (
      await env.request('GET', `/api/v1/appeals?q=${encodeURIComponent(`#${appeal.number}`)}`, { as: 'agent' })
    ).body.items[0];
    expect(target(listed, 'first_response').dueAt).toBe(first.dueAt);
  });

  it('registers a phone call at once on the round-the-clock calendar of the call centre', async () => {
    const unit = await env.request('POST', '/api/v1/units', {
      as: 'admin',
      body: { type: 'call_centre', name: 'Колл-центр' },
    });
    const appeal = await create(makeAppealInput({ channel: 'phone', unitId: unit.body.id }));
    expect(target(appeal, 'transfer')).toMatchObject({
      minutes: 0,
      calendarId: calendarId('Круглосуточно'),
      state: 'met',
    });
  });

  it('gives no targets when no policy applies', async () => {
    const appeal = await create(makeAppealInput({ kind: 'thanks', channel: 'chat' }));
    expect(appeal.sla).toBeNull();
  });
});

describe('meeting targets', () => {
  it('meets the first response with the first reply; the customer writing again starts a next response', async () => {
    const appeal = await create(email());
    await say(appeal.id, 'note');
    expect(target(await get(appeal.id), 'first_response').state).toBe('ok');
    await say(appeal.id, 'outbound');
    const answered = await get(appeal.id);
    expect(target(answered, 'first_response').state).toBe('met');
    expect(answered.sla.targets.map((t: Target) => t.metric)).not.toContain('next_response');
    await say(appeal.id, 'inbound');
    const waiting = target(await get(appeal.id), 'next_response');
    expect(waiting).toMatchObject({ cycle: 1, state: 'ok', minutes: 120, metAt: null });
    await say(appeal.id, 'inbound');
    expect(target(await get(appeal.id), 'next_response').cycle).toBe(1);
    await say(appeal.id, 'outbound');
    await say(appeal.id, 'inbound');
    expect(target(await get(appeal.id), 'next_response')).toMatchObject({ cycle: 2, state: 'ok' });
  });

  it("takes a note by the store's responsible as the store's completion report", async () => {
    const appeal = await create(makeSubmissionInput(env.units.store.id), 'unit_responsible');
    await say(appeal.id, 'note', 'agent');
    expect(target(await get(appeal.id), 'completion_report').metAt).toBeNull();
    await say(appeal.id, 'note', 'unit_responsible');
    expect(target(await get(appeal.id), 'completion_report').state).toBe('met');
  });

  it('stops every clock when the appeal is resolved', async () => {
    const appeal = await create(email());
    const resolved = await patch(appeal.id, { status: 'resolved' });
    expect(resolved.sla.targets.map((t: Target) => t.state)).toEqual(['met', 'met']);
    expect(resolved.sla.state).toBe('met');
  });
});

describe('pausing while waiting on the customer', () => {
  it('shows the clock paused with the time left frozen, and running again when the customer answers', async () => {
    const appeal = await create(email());
    const paused = await patch(appeal.id, { status: 'pending_customer' });
    expect(paused.sla.state).toBe('paused');
    expect(target(paused, 'first_response')).toMatchObject({ state: 'paused', dueAt: null });
    expect(target(paused, 'first_response').minutesLeft).toBeGreaterThanOrEqual(119);
    await say(appeal.id, 'inbound');
    const resumed = await get(appeal.id);
    expect(resumed.status).toBe('open');
    expect(target(resumed, 'first_response').state).toBe('ok');
    expect(target(resumed, 'first_response').dueAt).not.toBeNull();
  });

  it('moves the deadline by the working time the clock stood still', async () => {
    const appeal = await create(email());
    await env.ctx.db.query(
      `UPDATE appeal_sla_targets SET started_at = $2, due_at = $3, warn_at = $4
       WHERE appeal_id = $1 AND metric = 'first_response'`,
      [appeal.id, '2025-03-03T10:00:00+03:00', '2025-03-03T12:00:00+03:00', '2025-03-03T11:36:00+03:00'],
    );
    const open = present(await appealsRepo.findById(env.ctx.db, appeal.id), 'the appeal');
    const waiting = { ...open, status: 'pending_customer' };
    await env.ctx.db.transaction((tx) => onAppealChanged(tx, open, waiting, new Date('2025-03-03T10:30:00+03:00')));
    await env.ctx.db.transaction((tx) => onAppealChanged(tx, waiting, open, new Date('2025-03-04T10:00:00+03:00')));
    const row = oneRow(
      await env.ctx.db.query<{ dueAt: Date; pausedMinutes: number; pauses: unknown[] }>(
        `SELECT due_at AS "dueAt", paused_minutes::float8 AS "pausedMinutes", pauses
         FROM appeal_sla_targets
         WHERE appeal_id = $1 AND metric = 'first_response'`,
        [appeal.id],
      ),
    );
    // Paused 10:30 Monday – 10:00 Tuesday: 510 working minutes; 90 of 120 were left.
    expect(row.dueAt.toISOString()).toBe('2025-03-04T08:30:00.000Z');
    expect(row.pausedMinutes).toBe(510);
    expect(row.pauses).toHaveLength(1);
  });
});

describe('re-classification and recomputation', () => {
  it('re-plans an appeal whose unit changes: the store policy replaces the e-mail one', async () => {
    const appeal = await create(email());
    const moved = await patch(appeal.id, { unitId: env.units.store.id });
    expect(moved.sla.policyId).toBe(policyId(20));
    expect(moved.sla.targets.map((t: Target) => t.metric)).toEqual(['transfer', 'resolution', 'completion_report']);
    expect(target(moved, 'transfer').state).toBe('met');
  });

  it('applies a changed policy to new appeals at once and to open ones on request', async () => {
    const tag = 'recompute-check';
    const policy = await env.request('POST', '/api/v1/sla/policies', {
      as: 'admin',
      body: {
        name: 'Проверка пересчёта',
        position: 1,
        conditions: { tags: [tag] },
        targets: [{ metric: 'first_response', minutes: 120 }],
        calendarSource: 'cs',
      },
    });
    expect(policy.status).toBe(201);
    const before = await create(email({ tags: [tag] }));
    expect(target(before, 'first_response').minutes).toBe(120);
    expect(
      (
        await env.request('PATCH', `/api/v1/sla/policies/${policy.body.id}`, {
          as: 'admin',
          body: { targets: [{ metric: 'first_response', minutes: 60 }] },
        })
      ).status,
    ).toBe(200);
    expect(target(await create(email({ tags: [tag] })), 'first_response').minutes).toBe(60);
    expect(target(await get(before.id), 'first_response').minutes).toBe(120);

    expect((await env.request('POST', '/api/v1/sla/recompute', { as: 'agent', body: {} })).status).toBe(403);
    const res = await env.request('POST', '/api/v1/sla/recompute', {
      as: 'admin',
      body: { policyIds: [policy.body.id] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ appeals: 2, targetsChanged: 1, jobId: null });
    expect(target(await get(before.id), 'first_response').minutes).toBe(60);
  });

  it("recomputes open appeals on a unit's new calendar", async () => {
    const unit = await env.request('POST', '/api/v1/units', {
      as: 'admin',
      body: { type: 'store', name: 'Магазин в Самаре' },
    });
    const appeal = await create(makeSubmissionInput(unit.body.id, { receivedAt: '2025-03-07T21:30:00+03:00' }));
    expect(target(appeal, 'transfer').dueAt).toBe('2025-03-08T09:30:00.000Z');
    const samara = await env.request('POST', '/api/v1/sla/calendars', {
      as: 'admin',
      body: {
        name: 'Самара 10:00–22:00',
        timeZone: 'Europe/Samara',
        week: Array.from({ length: 7 }, () => [{ start: '10:00', end: '22:00' }]),
      },
    });
    expect(
      (
        await env.request('PUT', `/api/v1/units/${unit.body.id}/calendar`, {
          as: 'admin',
          body: { calendarId: samara.body.id },
        })
      ).status,
    ).toBe(200);
    expect(target(await get(appeal.id), 'transfer').dueAt).toBe('2025-03-08T09:30:00.000Z');
    const res = await env.request('POST', '/api/v1/sla/recompute', { as: 'admin', body: { unitIds: [unit.body.id] } });
    expect(res.body.appeals).toBe(1);
    // 21:30 Moscow is 22:30 in Samara, after closing: the three hours run 10:00–13:00 Samara time on Saturday.
    expect(target(await get(appeal.id), 'transfer').dueAt).toBe('2025-03-08T09:00:00.000Z');
  });

  it('can queue a recomputation as a background job', async () => {
    const res = await env.request('POST', '/api/v1/sla/recompute', { as: 'admin', body: { background: true } });
    expect(res.status).toBe(200);
    expect(res.body.jobId).toEqual(expect.any(Number));
  });
});

describe('SLA filters on the appeals list', () => {
  it('finds appeals by SLA state and by due time', async () => {
    const late = await create(email());
    const close = await create(email());
    const waiting = await create(email());
    const fine = await create(email());
    const setFirstResponse = (appealId: string, dueIn: string, warnIn: string) =>
      env.ctx.db.query(
        `UPDATE appeal_sla_targets SET due_at = now() + $2::interval, warn_at = now() + $3::interval
         WHERE appeal_id = $1 AND metric = 'first_response'`,
        [appealId, dueIn, warnIn],
      );
    await setFirstResponse(late.id, '-1 hour', '-2 hours');
    await setFirstResponse(close.id, '10 minutes', '-1 minute');
    await patch(waiting.id, { status: 'pending_customer' });
    const ids = async (query: string) =>
      (await env.request('GET', `/api/v1/appeals?limit=100&${query}`, { as: 'agent' })).body.items.map(
        (a: { id: string }) => a.id,
      );

    const breached = await ids('slaState=breached');
    expect(breached).toContain(late.id);
    expect(breached).not.toContain(close.id);
    expect(await ids('slaState=warning')).toEqual(expect.arrayContaining([close.id]));
    expect(await ids('slaState=warning')).not.toContain(late.id);
    expect(await ids('slaState=paused')).toContain(waiting.id);
    const ok = await ids('slaState=ok');
    expect(ok).toContain(fine.id);
    expect(ok).not.toContain(late.id);
    expect(await ids('slaState=warning,breached')).toEqual(expect.arrayContaining([late.id, close.id]));
    const soon = await ids(`dueBefore=${encodeURIComponent(new Date(Date.now() + 30 * 60_000).toISOString())}`);
    expect(soon).toEqual(expect.arrayContaining([late.id, close.id]));
    expect(soon).not.toContain(waiting.id);
    expect(soon).not.toContain(fine.id);
    // The state shown on each appeal agrees with the filter.
    expect((await get(late.id)).sla.state).toBe('breached');
    expect((await get(close.id)).sla.state).toBe('warning');
    expect((await get(fine.id)).sla.state).toBe('ok');
  });

  it('refuses an unknown SLA state', async () => {
    const res = await env.request('GET', '/api/v1/appeals?slaState=late', { as: 'agent' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toMatch(/^query\.slaState/);
  });
});

describe('a configuration changed by another process', () => {
  it('re-plans the deadlines of an appeal whose plan came from a stale copy', async () => {
    const before = await env.request('POST', '/api/v1/appeals', {
      as: 'agent',
      body: makeAppealInput({ channel: 'email' }),
    });
    expect(before.body.sla.targets.length).toBeGreaterThan(0);
    // Another process switches every policy off; this one still holds the old copy of the configuration.
    await env.ctx.db.query('UPDATE sla_policies SET active = false');
    await env.ctx.db.query('UPDATE sla_settings SET version = version + 1');
    const input = makeAppealInput({ channel: 'email' });
    const res = await env.request('POST', '/api/v1/appeals', { as: 'agent', body: input });
    expect(res.status).toBe(201);
    expect(res.body.sla?.targets ?? []).toEqual([]);
    expect(await env.ctx.db.query('SELECT 1 FROM appeal_sla_targets WHERE appeal_id = $1', [res.body.id])).toHaveLength(
      0,
    );
    expect(await env.ctx.db.query('SELECT 1 FROM appeals WHERE subject = $1', [input.subject])).toHaveLength(1);
    await env.ctx.db.query('UPDATE sla_policies SET active = true');
    await env.ctx.db.query('UPDATE sla_settings SET version = version + 1');
  });
});
