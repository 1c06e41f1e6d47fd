// Routing rules as appeals are created: the fields they set, assignment, stop actions and loops, business hours,
// text and customer tags, notifications, template replies, sub-tasks, what they may not do, and their cost.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestEnv } from '../support/harness.ts';
import { rulesKit, useRulesWorld } from './rules-kit.ts';

const world = useRulesWorld();
const { addRule, create, history, traceOf, countQueries } = rulesKit(world);
let env: TestEnv;
let incidentCategory: string;
let queueId: string;
beforeAll(() => {
  ({ env, incidentCategory, queueId } = world());
});

describe('rules on create', () => {
  it('sets category, priority, queue and tags, and leaves the trace in the history', async () => {
    const rule = await addRule({
      conditions: { kinds: ['incident'], textContains: ['ХОЛОДИЛЬНИК'] },
      actions: [
        { type: 'set_category', categoryId: incidentCategory },
        { type: 'set_priority', priority: 'urgent' },
        { type: 'set_queue', queueId },
        { type: 'add_tags', tags: ['fridge'] },
      ],
    });
    const appeal = await create({ tags: ['first'] });
    expect(appeal).toMatchObject({
      categoryId: incidentCategory,
      priority: 'urgent',
      queueId,
      tags: ['first', 'fridge'],
      suggestion: null,
    });
    const events = await history(appeal.id);
    expect(events[0].action).toBe('created');
    expect(await traceOf(appeal.id)).toEqual([
      { ruleId: rule.id, ruleName: rule.name, action: 'set_category', detail: { from: null, to: incidentCategory } },
      { ruleId: rule.id, ruleName: rule.name, action: 'set_priority', detail: { from: 'normal', to: 'urgent' } },
      { ruleId: rule.id, ruleName: rule.name, action: 'set_queue', detail: { from: null, to: queueId } },
      { ruleId: rule.id, ruleName: rule.name, action: 'add_tags', detail: { tags: ['fridge'] } },
    ]);
    const read = await env.request('GET', `/api/v1/appeals/${appeal.id}`, { as: 'agent' });
    expect(read.body).toMatchObject({ priority: 'urgent', queueId });
  });

  it('leaves appeals the conditions do not cover alone', async () => {
    await addRule({ conditions: { channels: ['email'] }, actions: [{ type: 'set_priority', priority: 'urgent' }] });
    const appeal = await create();
    expect(appeal.priority).toBe('normal');
    expect(await traceOf(appeal.id)).toEqual([]);
  });

  it('assigns the appeal, which opens it', async () => {
    await addRule({ actions: [{ type: 'assign', userId: env.users.supervisor.id }] });
    expect(await create()).toMatchObject({ ownerId: env.users.supervisor.id, status: 'open' });
  });

  it('stops at a stop action', async () => {
    await addRule({ position: 1, actions: [{ type: 'add_tags', tags: ['one'] }, { type: 'stop' }] });
    await addRule({ position: 2, actions: [{ type: 'add_tags', tags: ['two'] }] });
    const appeal = await create();
    expect(appeal.tags).toEqual(['one']);
    expect((await traceOf(appeal.id)).map((t: { action: string }) => t.action)).toEqual(['add_tags', 'stop']);
  });

  it('stops a chain of rules that keeps feeding itself, with a trace', async () => {
    const first = await addRule({
      position: 1,
      conditions: { tags: ['c'] },
      actions: [{ type: 'set_priority', priority: 'urgent' }],
    });
    await addRule({ position: 2, conditions: { tags: ['b'] }, actions: [{ type: 'add_tags', tags: ['c'] }] });
    await addRule({ position: 3, conditions: { tags: ['a'] }, actions: [{ type: 'add_tags', tags: ['b'] }] });
    await addRule({ position: 4, conditions: { priorities: ['high'] }, actions: [{ type: 'add_tags', tags: ['a'] }] });
    const appeal = await create({ priority: 'high' });
    expect(appeal).toMatchObject({ priority: 'high', tags: ['a', 'b', 'c'] });
    expect((await traceOf(appeal.id)).at(-1)).toMatchObject({ ruleId: first.id, action: 'loop_stopped' });
  });

  it('checks business hours on the CS calendar at the time the appeal arrived', async () => {
    await addRule({ conditions: { businessHours: 'outside' }, actions: [{ type: 'add_tags', tags: ['after-hours'] }] });
    const saturday = await create({ receivedAt: '2025-03-01T10:00:00+03:00' });
    const tuesday = await create({ receivedAt: '2025-03-04T10:00:00+03:00' });
    expect(saturday.tags).toEqual(['after-hours']);
    expect(tuesday.tags).toEqual([]);
  });

  it('matches the text by a regular expression and the customer by a tag', async () => {
    await addRule({ conditions: { textMatches: 'заказ\\s+\\d+' }, actions: [{ type: 'add_tags', tags: ['order'] }] });
    await addRule({ conditions: { customerTags: ['vip'] }, actions: [{ type: 'set_priority', priority: 'high' }] });
    expect(await create()).toMatchObject({ tags: ['order'], priority: 'normal' });
    const vip = await env.request('POST', '/api/v1/customers', {
      as: 'agent',
      body: { name: 'Важный', emails: ['vip@example.ru'], tags: ['vip'] },
    });
    expect(vip.status).toBe(201);
    expect(await create({ customer: { id: vip.body.id } })).toMatchObject({ tags: ['order'], priority: 'high' });
    expect(await create({ customer: { email: 'vip@example.ru' } })).toMatchObject({
      priority: 'high',
      customerId: vip.body.id,
    });
  });

  it('notifies the users and roles it names', async () => {
    await addRule({ actions: [{ type: 'notify', roles: ['cs_head'], userIds: [env.users.supervisor.id] }] });
    const appeal = await create();
    for (const as of ['cs_head', 'supervisor'] as const) {
      const mine = await env.request('GET', '/api/v1/notifications', { as });
      expect(mine.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'rule_notification', appealId: appeal.id })]),
      );
    }
  });

  it('sends a template reply as an outbound message', async () => {
    await addRule({
      actions: [{ type: 'reply', body: 'Здравствуйте, {{customerName}}! Ваше обращение №{{number}} принято.' }],
    });
    const appeal = await create({ customer: { name: 'Анна Смирнова', phone: '+7 912 555 44 33' } });
    const messages = await env.request('GET', `/api/v1/appeals/${appeal.id}/messages`, { as: 'agent' });
    expect(messages.body.items).toMatchObject([
      {
        direction: 'outbound',
        channel: 'phone',
        body: `Здравствуйте, Анна Смирнова! Ваше обращение №${appeal.number} принято.`,
      },
    ]);
  });

  it('hands work to another team as a sub-task with its own due time, the owner unchanged', async () => {
    const queues = await env.request('GET', '/api/v1/queues', { as: 'admin' });
    const accounting = queues.body.items.find((q: { code: string }) => q.code === 'accounting');
    await addRule({
      actions: [
        { type: 'add_subtask', title: 'Проверить возврат денег', queueId: accounting.id, dueInWorkingMinutes: 240 },
      ],
    });
    const appeal = await create({ ownerId: env.users.agent.id });
    const subtasks = await env.request('GET', `/api/v1/appeals/${appeal.id}/subtasks`, { as: 'agent' });
    expect(subtasks.body.items).toMatchObject([
      { title: 'Проверить возврат денег', queueId: accounting.id, status: 'open' },
    ]);
    expect(subtasks.body.items[0].dueAt).not.toBeNull();
    expect((await env.request('GET', `/api/v1/appeals/${appeal.id}`, { as: 'agent' })).body.ownerId).toBe(
      env.users.agent.id,
    );
  });

  it('does not let a rule give a queue’s appeal to someone not certified for it', async () => {
    const queues = await env.request('GET', '/api/v1/queues', { as: 'admin' });
    const hotline = queues.body.items.find((q: { code: string }) => q.code === 'hotline');
    const outsider = await env.makeUser('agent');
    await addRule({
      actions: [
        { type: 'set_queue', queueId: hotline.id },
        { type: 'assign', userId: outsider.id },
      ],
    });
    const refused = await create();
    expect(refused).toMatchObject({ queueId: hotline.id, ownerId: null, status: 'new' });
    expect((await traceOf(refused.id)).map((t: { action: string }) => t.action)).toContain('assign_refused');
    await env.request('PUT', `/api/v1/queues/${hotline.id}/members/${outsider.id}`, {
      as: 'admin',
      body: { attestation: 'certified' },
    });
    const assigned = await create();
    expect(assigned).toMatchObject({ queueId: hotline.id, ownerId: outsider.id, status: 'open' });
  });

  it('does not let a rule put a category of another kind on an appeal', async () => {
    const categories = await env.request('GET', '/api/v1/categories', { as: 'admin' });
    const thanks = categories.body.items.find((c: { code: string }) => c.code === 'thanks_staff');
    await addRule({ actions: [{ type: 'set_category', categoryId: thanks.id }] });
    const incident = await create({ kind: 'incident' });
    expect(incident.categoryId).toBeNull();
    expect((await traceOf(incident.id)).map((t: { action: string }) => t.action)).toContain('category_refused');
    const praise = await create({ kind: 'thanks' });
    expect(praise.categoryId).toBe(thanks.id);
  });

  it('refuses a sub-task action without a queue or a person, and with an unknown queue', async () => {
    const bare = await env.request('POST', '/api/v1/routing/rules', {
      as: 'admin',
      body: { name: 'bare', actions: [{ type: 'add_subtask', title: 'x' }] },
    });
    expect(bare.status).toBe(400);
    const unknown = await env.request('POST', '/api/v1/routing/rules', {
      as: 'admin',
      body: {
        name: 'unknown',
        actions: [{ type: 'add_subtask', title: 'x', queueId: '00000000-0000-4000-8000-000000000000' }],
      },
    });
    expect(unknown.body.error.fields).toMatchObject([{ path: 'actions.0.queueId', code: 'unknown_reference' }]);
  });

  it('writes a plain create in exactly one statement, and one with field-changing rules too', async () => {
    await create(); // warms the caches
    const plain = await countQueries(() => create());
    expect(plain).toEqual({ queries: 1, transactions: 0 });
    await addRule({
      actions: [
        { type: 'set_priority', priority: 'high' },
        { type: 'add_tags', tags: ['x'] },
      ],
    });
    await create(); // reloads the rules once
    let appeal = { id: '', priority: '' };
    const ruled = await countQueries(async () => {
      appeal = await create();
    });
    expect(ruled).toEqual({ queries: 1, transactions: 0 });
    expect(appeal.priority).toBe('high');
    expect(await traceOf(appeal.id)).toHaveLength(2);
  });
});
