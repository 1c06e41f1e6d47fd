// Sub-tasks through HTTP: work handed to another team or person while the appeal's owner stays its owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne } from '../../src/db/rows.ts';
import { HANDLERS } from '../../src/jobs/handlers.ts';
import { ensureRecurring } from '../../src/jobs/jobs.service.ts';
import { runDueJobs } from '../../src/jobs/runner.ts';
import { createSubtask } from '../../src/modules/subtasks/subtasks.service.ts';
import { scanLateSubtasks } from '../../src/modules/subtasks/subtasks.scan.ts';
import { makeAppealInput, type TestUser } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
let helper: TestUser;
let queueId: string;
beforeAll(async () => {
  env = await startTestEnv();
  helper = await env.makeUser('agent');
  queueId = (await queryOne<{ id: string }>(env.ctx.db, `SELECT id FROM queues WHERE code = 'development'`)).id;
});
afterAll(() => env.close());

/** An appeal in the Tverskaya store owned by the test agent. */
async function ownedAppeal(): Promise<string> {
  const created = await env.request('POST', '/api/v1/appeals', {
    as: 'agent',
    body: makeAppealInput({ unitId: env.units.store.id }),
  });
  expect(created.status).toBe(201);
  const assigned = await env.request('POST', `/api/v1/appeals/${created.body.id}/assign`, {
    as: 'agent',
    body: { ownerId: env.users.agent.id },
  });
  expect(assigned.status).toBe(200);
  return created.body.id;
}

const notificationsOf = async (userId: string, kind: string) =>
  env.ctx.db.query<{ payload: { subtaskId: string } }>(
    'SELECT payload FROM notifications WHERE user_id = $1 AND kind = $2',
    [userId, kind],
  );

const historyOf = async (appealId: string) =>
  (await env.request('GET', `/api/v1/appeals/${appealId}/history`, { as: 'agent' })).body.items as {
    action: string;
    newValue: Record<string, unknown>;
  }[];

describe('creating sub-tasks', () => {
  it('hands work to a queue and to a person with a due time in working minutes; the owner stays', async () => {
    const appealId = await ownedAppeal();
    const before = Date.now();
    const toQueue = await env.request('POST', `/api/v1/appeals/${appealId}/subtasks`, {
      as: 'agent',
      body: { title: 'Проверить оплату', queueId, dueInWorkingMinutes: 120 },
    });
    expect(toQueue.status).toBe(201);
    expect(toQueue.body).toMatchObject({
      appealId,
      queueId,
      assigneeId: null,
      status: 'open',
      dueMinutes: 120,
      late: false,
    });
    expect(Date.parse(toQueue.body.dueAt)).toBeGreaterThan(before);
    const toPerson = await env.request('POST', `/api/v1/appeals/${appealId}/subtasks`, {
      as: 'agent',
      body: {
        title: 'Позвонить в магазин',
        description: 'Уточнить дату доставки',
        assigneeId: helper.id,
        dueAt: '2099-01-01T10:00:00Z',
      },
    });
    expect(toPerson.status).toBe(201);
    expect(toPerson.body).toMatchObject({
      assigneeId: helper.id,
      queueId: null,
      dueAt: '2099-01-01T10:00:00.000Z',
      dueMinutes: null,
    });
    expect(await notificationsOf(helper.id, 'subtask_assigned')).toHaveLength(1);

    const appeal = await env.request('GET', `/api/v1/appeals/${appealId}`, { as: 'agent' });
    expect(appeal.body.ownerId).toBe(env.users.agent.id);
    const list = await env.request('GET', `/api/v1/appeals/${appealId}/subtasks`, { as: 'agent' });
    expect(list.body.items.map((s: { title: string }) => s.title)).toEqual(['Проверить оплату', 'Позвонить в магазин']);
    expect((await historyOf(appealId)).filter((e) => e.action === 'subtask_added')).toHaveLength(2);
  });

  it('counts working minutes on the office calendar: a Friday-evening start rolls over to Monday', async () => {
    const appealId = await ownedAppeal();
    // Friday 27 November 2026, 17:30 in Moscow; the office closes at 18:00 and opens on Monday at 09:00.
    const friday = new Date('2026-11-27T17:30:00+03:00');
    const { body } = await createSubtask(env.ctx, env.users.agent.actor, {
      appealId,
      input: { title: 'Согласовать возврат', queueId, dueInWorkingMinutes: 60 },
      now: friday,
    });
    expect(body.dueAt).toBe(new Date('2026-11-30T09:30:00+03:00').toISOString());
  });

  it('names the fields of bad input and stores nothing', async () => {
    const appealId = await ownedAppeal();
    const post = (body: unknown) => env.request('POST', `/api/v1/appeals/${appealId}/subtasks`, { as: 'agent', body });
    const neither = await post({ title: 'Без исполнителя' });
    expect(neither.status).toBe(400);
    expect(neither.body.error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['queueId', 'assigneeId']),
    );
    const negative = await post({ title: 'Отрицательный срок', queueId, dueInWorkingMinutes: -5 });
    expect(negative.status).toBe(400);
    expect(negative.body.error.fields.map((f: { path: string }) => f.path)).toContain('dueInWorkingMinutes');
    const unknown = await post({
      title: 'Неизвестные',
      queueId: '00000000-0000-4000-8000-000000000000',
      assigneeId: '00000000-0000-4000-8000-000000000001',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`).sort()).toEqual([
      'assigneeId:unknown_user',
      'queueId:unknown_queue',
    ]);
    const analyst = await post({ title: 'Не положено', assigneeId: env.users.analyst.id });
    expect(analyst.body.error.fields).toMatchObject([{ path: 'assigneeId', code: 'not_an_assignee' }]);
    const list = await env.request('GET', `/api/v1/appeals/${appealId}/subtasks`, { as: 'agent' });
    expect(list.body.items).toEqual([]);
  });
});

describe('working sub-tasks', () => {
  it('moves through its statuses with history, and tells the owner when it is done', async () => {
    const appealId = await ownedAppeal();
    const created = await env.request('POST', `/api/v1/appeals/${appealId}/subtasks`, {
      as: 'agent',
      body: { title: 'Заменить товар', assigneeId: helper.id },
    });
    const patch = (body: unknown) =>
      env.request('PATCH', `/api/v1/subtasks/${created.body.id}`, { token: helper.token, body });
    expect((await patch({ status: 'in_progress' })).body).toMatchObject({ status: 'in_progress', doneAt: null });
    const done = await patch({ status: 'done' });
    expect(done.status).toBe(200);
    expect(done.body.doneAt).not.toBeNull();

    const owned = await notificationsOf(env.users.agent.id, 'subtask_done');
    expect(owned.map((n) => n.payload.subtaskId)).toEqual([created.body.id]);
    const statuses = (await historyOf(appealId))
      .filter((e) => e.action === 'subtask_status')
      .map((e) => e.newValue.status);
    expect(statuses).toEqual(['in_progress', 'done']);
    const appeal = await env.request('GET', `/api/v1/appeals/${appealId}`, { as: 'agent' });
    expect(appeal.body.ownerId).toBe(env.users.agent.id);

    const mine = await env.request('GET', '/api/v1/subtasks?assigneeId=me&status=done', { token: helper.token });
    expect(mine.body.items.map((s: { id: string }) => s.id)).toContain(created.body.id);
  });

  it('tells the owner once about a late sub-task, however often the scan runs', async () => {
    const appealId = await ownedAppeal();
    const created = await env.request('POST', `/api/v1/appeals/${appealId}/subtasks`, {
      as: 'agent',
      body: { title: 'Выезд мастера', queueId, dueInWorkingMinutes: 30 },
    });
    const later = new Date(Date.parse(created.body.dueAt) + 60_000);
    const first = await scanLateSubtasks(env.ctx, later);
    const second = await scanLateSubtasks(env.ctx, new Date(later.getTime() + 3_600_000));
    expect(first.late).toBeGreaterThanOrEqual(1);
    expect(second.late).toBe(0);
    const late = await notificationsOf(env.users.agent.id, 'subtask_late');
    expect(late.filter((n) => n.payload.subtaskId === created.body.id)).toHaveLength(1);
  });

  it('runs the late scan as the recurring subtasks.scan job', async () => {
    const appealId = await ownedAppeal();
    const created = await env.request('POST', `/api/v1/appeals/${appealId}/subtasks`, {
      as: 'agent',
      body: { title: 'Отчёт', queueId, dueAt: '2020-01-01T00:00:00Z' },
    });
    expect(created.body.late).toBe(true);
    await ensureRecurring(env.ctx.db, 'subtasks.scan', 60_000);
    // A minute ahead: the job's run_at is the database server's clock, which may run a little ahead of ours.
    const run = await runDueJobs(env.ctx, new Date(Date.now() + 60_000), { handlers: HANDLERS });
    expect(run.failed).toBe(0);
    const late = await notificationsOf(env.users.agent.id, 'subtask_late');
    expect(late.map((n) => n.payload.subtaskId)).toContain(created.body.id);
  });

  it('lets a unit responsible move their own sub-task along, but hides it from another unit', async () => {
    const appealId = await ownedAppeal();
    const responsible = env.users.unit_responsible;
    const created = await env.request('POST', `/api/v1/appeals/${appealId}/subtasks`, {
      as: 'agent',
      body: { title: 'Акт проверки', assigneeId: responsible.id },
    });
    expect(created.status).toBe(201);
    const url = `/api/v1/subtasks/${created.body.id}`;
    expect((await env.request('PATCH', url, { as: 'unit_responsible', body: { status: 'done' } })).status).toBe(200);
    expect((await env.request('PATCH', url, { as: 'unit_responsible', body: { title: 'Другое' } })).status).toBe(403);

    const stranger = await env.makeUser('unit_responsible', [env.units.other.id]);
    expect((await env.request('GET', `/api/v1/appeals/${appealId}/subtasks`, { token: stranger.token })).status).toBe(
      404,
    );
    expect((await env.request('PATCH', url, { token: stranger.token, body: { status: 'open' } })).status).toBe(404);
    const theirs = await env.request('GET', '/api/v1/subtasks', { token: stranger.token });
    expect(theirs.body.items).toEqual([]);
  });

  it('refuses to leave a sub-task with neither a queue nor a person', async () => {
    const appealId = await ownedAppeal();
    const created = await env.request('POST', `/api/v1/appeals/${appealId}/subtasks`, {
      as: 'agent',
      body: { title: 'Звонок', assigneeId: helper.id },
    });
    const res = await env.request('PATCH', `/api/v1/subtasks/${created.body.id}`, {
      as: 'agent',
      body: { assigneeId: null },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toMatchObject([{ path: 'assigneeId', code: 'queue_or_assignee_required' }]);
  });
});
