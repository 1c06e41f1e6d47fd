// The deadline scan and escalation. Each test holds the services' clock still and sets deadlines relative to it,
// so no test races the wall clock.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeCtx, type Ctx } from '../../src/context.ts';
import type { Db } from '../../src/db/db.ts';
import { HANDLERS } from '../../src/jobs/handlers.ts';
import { runDueJobs } from '../../src/jobs/runner.ts';
import { scanSla } from '../../src/modules/sla/sla.scan.ts';
import { makeAppealInput, makeSubmissionInput } from '../support/factories.ts';
import { openSecondPool, startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
// A second connection pool to the same database: on PostgreSQL, a second Otklik process.
let other: { ctx: Ctx; db: Db | null };
beforeAll(async () => {
  env = await startTestEnv();
  const db = await openSecondPool(env.ctx);
  other = { ctx: db ? makeCtx(db, env.ctx.config) : env.ctx, db };
});
afterAll(async () => {
  await other.db?.close();
  await env.close();
});
afterEach(() => env.clock.release());

const email = (over: Record<string, unknown> = {}) =>
  makeAppealInput({
    channel: 'email',
    ownerId: env.users.agent.id,
    customer: { name: 'Анна', email: `a${Math.random()}@mail.ru` },
    ...over,
  });
const create = async (body: unknown, as: 'agent' | 'unit_responsible' = 'agent') => {
  const res = await env.request('POST', '/api/v1/appeals', { as, body });
  expect(res.status).toBe(201);
  return res.body as { id: string; number: number };
};
/**
 * Moves a target so that it is due `dueIn` ms after the clock's now (negative: overdue), its warning point
 * `warnIn`.
 */
const shift = (appealId: string, metric: string, dueIn: number, warnIn: number) => {
  const now = env.clock.now().getTime();
  return env.ctx.db.query(
    'UPDATE appeal_sla_targets SET due_at = $3, warn_at = $4 WHERE appeal_id = $1 AND metric = $2',
    [appealId, metric, new Date(now + dueIn), new Date(now + warnIn)],
  );
};
const HOUR = 3_600_000;
const alertsOf = (ids: string[]) =>
  env.ctx.db.query<{ appealId: string; kind: string; metric: string }>(
    'SELECT appeal_id AS "appealId", kind, metric FROM sla_alerts WHERE appeal_id = ANY($1::uuid[]) ORDER BY id',
    [ids],
  );
const notificationsOf = (ids: string[]) =>
  env.ctx.db.query<{ userId: string; kind: string; appealId: string }>(
    `SELECT user_id AS "userId", kind, appeal_id AS "appealId"
     FROM notifications
     WHERE appeal_id = ANY($1::uuid[])
     ORDER BY created_at, id`,
    [ids],
  );

describe('the deadline scan', () => {
  it('writes each breach once even when two scans run at the same time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push((await create(email())).id);
    }
    const now = env.clock.freeze();
    for (const id of ids) {
      await shift(id, 'first_response', -HOUR, -2 * HOUR);
    }
    const results = await Promise.all([
      scanSla(env.ctx, now, { batchSize: 3 }),
      scanSla(other.ctx, now, { batchSize: 3 }),
      scanSla(env.ctx, now, { batchSize: 5 }),
    ]);
    expect(results.reduce((n, r) => n + r.breaches, 0)).toBeGreaterThanOrEqual(12);
    const alerts = (await alertsOf(ids)).filter((a) => a.metric === 'first_response');
    expect(alerts).toHaveLength(12);
    expect(new Set(alerts.map((a) => a.appealId)).size).toBe(12);
    expect(alerts.every((a) => a.kind === 'breach')).toBe(true);
    // Each breach told the owner and the supervisor once; no unit, so no unit responsible.
    const told = await notificationsOf(ids);
    expect(told.filter((n) => n.userId === env.users.agent.id)).toHaveLength(12);
    expect(told.filter((n) => n.userId === env.users.supervisor.id)).toHaveLength(12);
    expect(told).toHaveLength(24);
    expect(told.every((n) => n.kind === 'sla_breach')).toBe(true);
    // Nothing new on the next scans.
    await Promise.all([scanSla(env.ctx, now), scanSla(other.ctx, now)]);
    expect(await alertsOf(ids)).toHaveLength(12);
    expect(await notificationsOf(ids)).toHaveLength(24);
    const shown = await env.request('GET', `/api/v1/appeals/${ids[0]}`, { as: 'agent' });
    expect(shown.body.sla.targets[0]).toMatchObject({ metric: 'first_response', state: 'breached' });
    expect(shown.body.sla.targets[0].breachedAt).toBe(now.toISOString());
  });

  it('warns once at the warning point and tells only the owner', async () => {
    const { id } = await create(email());
    const now = env.clock.freeze();
    await shift(id, 'first_response', HOUR, -60_000);
    await Promise.all([scanSla(env.ctx, now), scanSla(other.ctx, now)]);
    await scanSla(env.ctx, now);
    expect(await alertsOf([id])).toEqual([{ appealId: id, kind: 'warning', metric: 'first_response' }]);
    expect(await notificationsOf([id])).toEqual([{ userId: env.users.agent.id, kind: 'sla_warning', appealId: id }]);
    expect((await env.request('GET', `/api/v1/appeals/${id}`, { as: 'agent' })).body.sla.state).toBe('warning');
    // When the deadline passes, the breach follows, also once.
    env.clock.advance(HOUR + 1);
    await scanSla(env.ctx);
    await scanSla(env.ctx);
    expect((await alertsOf([id])).map((a) => a.kind)).toEqual(['warning', 'breach']);
  });

  it("tells the owner, the unit's responsible and the supervisors of a breach, in the app and by mail", async () => {
    const { id, number } = await create(makeSubmissionInput(env.units.store.id, { ownerId: env.users.agent.id }));
    env.clock.freeze();
    await shift(id, 'completion_report', -60_000, -HOUR);
    await scanSla(env.ctx);
    const told = await notificationsOf([id]);
    expect(told.map((n) => n.userId).sort()).toEqual(
      [env.users.agent.id, env.users.supervisor.id, env.users.unit_responsible.id].sort(),
    );
    for (const role of ['agent', 'supervisor', 'unit_responsible'] as const) {
      const mine = await env.request('GET', '/api/v1/notifications?unread=true', { as: role });
      expect(mine.body.items.find((n: { appealId: string }) => n.appealId === id)).toMatchObject({
        kind: 'sla_breach',
        readAt: null,
        payload: { metric: 'completion_report', appealNumber: number },
      });
    }
    const outbox = await env.ctx.db.query<{ payload: { to: string; template: string; appealId: string } }>(
      `SELECT payload FROM outbox WHERE payload->>'appealId' = $1`,
      [id],
    );
    expect(outbox.map((o) => o.payload.to).sort()).toEqual(
      [env.users.agent.email, env.users.supervisor.email, env.users.unit_responsible.email].sort(),
    );
    expect(outbox.every((o) => o.payload.template === 'sla_breach')).toBe(true);
  });

  it('leaves met and paused targets alone', async () => {
    const met = await create(email());
    await env.request('POST', `/api/v1/appeals/${met.id}/messages`, {
      as: 'agent',
      body: { direction: 'outbound', body: 'Здравствуйте!' },
    });
    const paused = await create(email());
    await env.request('PATCH', `/api/v1/appeals/${paused.id}`, { as: 'agent', body: { status: 'pending_customer' } });
    env.clock.freeze();
    await shift(met.id, 'first_response', -HOUR, -2 * HOUR);
    await env.ctx.db.query('UPDATE appeal_sla_targets SET warn_at = $2 WHERE appeal_id = $1', [
      paused.id,
      new Date(env.clock.now().getTime() - 2 * HOUR),
    ]);
    await scanSla(env.ctx);
    expect(await alertsOf([met.id, paused.id])).toEqual([]);
  });
});

describe('escalation', () => {
  const policy = async (name: string, tag: string, onBreach: Record<string, unknown>) => {
    const res = await env.request('POST', '/api/v1/sla/policies', {
      as: 'admin',
      body: {
        name,
        position: 1,
        conditions: { tags: [tag] },
        targets: [{ metric: 'first_response', minutes: 60 }],
        calendarSource: 'cs',
        escalation: { onBreach },
      },
    });
    expect(res.status).toBe(201);
  };
  // Started on a past Monday at 10:00 Moscow: the 60 working minutes ran out at 11:00, as a recomputation agrees.
  const rewind = (id: string) =>
    env.ctx.db.query(
      `UPDATE appeal_sla_targets
       SET started_at = '2025-03-03T10:00+03:00', due_at = '2025-03-03T11:00+03:00', warn_at = '2025-03-03T10:48+03:00'
       WHERE appeal_id = $1 AND metric = 'first_response'`,
      [id],
    );
  const breachNow = async (id: string) => {
    await rewind(id);
    const now = env.clock.freeze();
    const scan = await scanSla(env.ctx, now);
    expect(scan.escalations).toBeGreaterThanOrEqual(1);
    await runDueJobs(env.ctx, now, { handlers: HANDLERS });
    await runDueJobs(other.ctx, now, { handlers: HANDLERS });
    return (await env.request('GET', `/api/v1/appeals/${id}`, { as: 'agent' })).body;
  };

  it('raises the priority, reassigns and tags by rule, once, recorded as done by the system', async () => {
    await policy('Эскалация к руководителю', 'escalate-me', {
      priority: 'raise',
      ownerId: env.users.supervisor.id,
      addTags: ['escalated'],
    });
    const { id } = await create(email({ tags: ['escalate-me'] }));
    const after = await breachNow(id);
    expect(after).toMatchObject({ priority: 'high', ownerId: env.users.supervisor.id });
    expect(after.tags.sort()).toEqual(['escalate-me', 'escalated']);
    // The escalation ran once: a second run finds nothing to do and the priority stays one step up.
    await runDueJobs(env.ctx, new Date(env.clock.now().getTime() + HOUR), { handlers: HANDLERS });
    expect((await env.request('GET', `/api/v1/appeals/${id}`, { as: 'agent' })).body.priority).toBe('high');
    const history = (await env.request('GET', `/api/v1/appeals/${id}/history`, { as: 'agent' })).body.items;
    const escalated = history.find((e: { action: string }) => e.action === 'sla_escalated');
    expect(escalated).toMatchObject({ actorId: null, newValue: { kind: 'breach', metric: 'first_response' } });
    expect(history.filter((e: { field: string | null }) => e.field === 'priority')).toMatchObject([
      { actorId: null, oldValue: 'normal', newValue: 'high' },
    ]);
    expect(history.filter((e: { action: string }) => e.action === 'sla_escalated')).toHaveLength(1);
  });

  it('unsets the owner and sets a priority by rule, never lowering it', async () => {
    await policy('Снять ответственного', 'unassign-me', { priority: 'high', ownerId: null });
    const normal = await create(email({ tags: ['unassign-me'] }));
    expect(await breachNow(normal.id)).toMatchObject({ priority: 'high', ownerId: null });
    const urgent = await create(email({ tags: ['unassign-me'], priority: 'urgent' }));
    expect(await breachNow(urgent.id)).toMatchObject({ priority: 'urgent', ownerId: null });
  });

  it('skips the escalation when the target was met before the job ran', async () => {
    await policy('Поздняя эскалация', 'late-escalation', { priority: 'urgent' });
    const { id } = await create(email({ tags: ['late-escalation'] }));
    await rewind(id);
    const now = env.clock.freeze();
    await scanSla(env.ctx, now);
    await env.request('POST', `/api/v1/appeals/${id}/messages`, {
      as: 'agent',
      body: { direction: 'outbound', body: 'Ответ' },
    });
    await runDueJobs(env.ctx, now, { handlers: HANDLERS });
    expect((await env.request('GET', `/api/v1/appeals/${id}`, { as: 'agent' })).body.priority).toBe('normal');
  });
});
