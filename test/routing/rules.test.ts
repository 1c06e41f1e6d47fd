// Routing rules through the API: their CRUD, rules on an appeal's update, and the dry run. Rules on create:
// rules-on-create.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { queryOne } from '../../src/db/rows.ts';
import type { TestEnv } from '../support/harness.ts';
import { rulesKit, useRulesWorld } from './rules-kit.ts';

const world = useRulesWorld();
const { addRule, create, history, traceOf } = rulesKit(world);
let env: TestEnv;
let otherIncidentCategory: string;
beforeAll(() => {
  ({ env, otherIncidentCategory } = world());
});

describe('routing rules CRUD', () => {
  it('creates, lists, reads, changes and deletes a rule', async () => {
    const body = {
      name: 'Холодильники',
      position: 5,
      conditions: { textContains: ['холодильник'] },
      actions: [{ type: 'set_priority', priority: 'high' }],
    };
    const headers = { 'idempotency-key': 'rule-1' };
    const created = await env.request('POST', '/api/v1/routing/rules', { as: 'admin', body, headers });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, active: true, events: ['create'] });
    const replay = await env.request('POST', '/api/v1/routing/rules', { as: 'admin', body, headers });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(created.body.id);
    const list = await env.request('GET', '/api/v1/routing/rules', { as: 'agent' });
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    const patched = await env.request('PATCH', `/api/v1/routing/rules/${created.body.id}`, {
      as: 'cs_head',
      body: { active: false, events: ['create', 'update'] },
    });
    expect(patched.body).toMatchObject({ active: false, events: ['create', 'update'], name: 'Холодильники' });
    expect((await env.request('GET', `/api/v1/routing/rules/${created.body.id}`, { as: 'analyst' })).body.active).toBe(
      false,
    );
    expect((await env.request('DELETE', `/api/v1/routing/rules/${created.body.id}`, { as: 'admin' })).status).toBe(204);
    expect((await env.request('GET', `/api/v1/routing/rules/${created.body.id}`, { as: 'admin' })).status).toBe(404);
  });

  it('refuses a broken regular expression on conditions.textMatches', async () => {
    const res = await env.request('POST', '/api/v1/routing/rules', {
      as: 'admin',
      body: { name: 'bad', conditions: { textMatches: '([a-' }, actions: [{ type: 'stop' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('conditions.textMatches');
  });

  it('refuses unknown actions, unknown condition keys, empty actions and unknown references', async () => {
    const post = (body: unknown) => env.request('POST', '/api/v1/routing/rules', { as: 'admin', body });
    expect((await post({ name: 'a', actions: [{ type: 'explode' }] })).status).toBe(400);
    expect((await post({ name: 'b', conditions: { colour: ['red'] }, actions: [{ type: 'stop' }] })).status).toBe(400);
    expect((await post({ name: 'c', actions: [] })).status).toBe(400);
    expect((await post({ name: 'd', actions: [{ type: 'notify' }] })).status).toBe(400);
    const unknown = await post({
      name: 'e',
      actions: [{ type: 'set_category', categoryId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toMatchObject([{ path: 'actions.0.categoryId', code: 'unknown_reference' }]);
    expect(
      (await post({ name: 'f', conditions: { textMatches: 'x'.repeat(201) }, actions: [{ type: 'stop' }] })).status,
    ).toBe(400);
  });

  it('refuses a second rule with the same name', async () => {
    await addRule({ name: 'twice', actions: [{ type: 'stop' }] });
    const res = await env.request('POST', '/api/v1/routing/rules', {
      as: 'admin',
      body: { name: 'twice', actions: [{ type: 'stop' }] },
    });
    expect(res.status).toBe(409);
  });

  it('lets only settings writers change rules', async () => {
    const body = { name: 'roles', actions: [{ type: 'stop' }] };
    for (const as of ['agent', 'supervisor', 'analyst', 'unit_responsible'] as const) {
      expect((await env.request('POST', '/api/v1/routing/rules', { as, body })).status).toBe(403);
    }
    const rule = await addRule({ actions: [{ type: 'stop' }] });
    expect(
      (await env.request('PATCH', `/api/v1/routing/rules/${rule.id}`, { as: 'agent', body: { active: false } })).status,
    ).toBe(403);
    expect((await env.request('DELETE', `/api/v1/routing/rules/${rule.id}`, { as: 'supervisor' })).status).toBe(403);
    expect((await env.request('GET', '/api/v1/routing/rules')).status).toBe(401);
  });
});

describe('rules on update', () => {
  it('fire after a status change, in the same transaction, with the trace', async () => {
    const rule = await addRule({
      events: ['update'],
      conditions: { priorities: ['normal'] },
      actions: [{ type: 'add_tags', tags: ['touched'] }],
    });
    const appeal = await create();
    expect(appeal.tags).toEqual([]);
    const res = await env.request('PATCH', `/api/v1/appeals/${appeal.id}`, {
      as: 'agent',
      body: { status: 'pending_customer' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'pending_customer', tags: ['touched'] });
    expect(await traceOf(appeal.id)).toEqual([
      { ruleId: rule.id, ruleName: rule.name, action: 'add_tags', detail: { tags: ['touched'] } },
    ]);
  });

  it('fire on a category change and do not re-trigger on their own changes', async () => {
    await addRule({
      events: ['update'],
      conditions: { categoryIds: [otherIncidentCategory] },
      actions: [{ type: 'set_priority', priority: 'urgent' }],
    });
    const appeal = await create();
    const res = await env.request('PATCH', `/api/v1/appeals/${appeal.id}`, {
      as: 'agent',
      body: { categoryId: otherIncidentCategory },
    });
    expect(res.body).toMatchObject({ categoryId: otherIncidentCategory, priority: 'urgent' });
    const events = await history(appeal.id);
    expect(events.filter((e: { action: string }) => e.action === 'rule_applied')).toHaveLength(1);
    expect(events.filter((e: { field: string }) => e.field === 'priority')).toHaveLength(1);
  });

  it('do not run on create', async () => {
    await addRule({ events: ['update'], actions: [{ type: 'add_tags', tags: ['u'] }] });
    expect((await create()).tags).toEqual([]);
  });
});

describe('dry run', () => {
  it('shows what the rules would do without writing anything', async () => {
    const rule = await addRule({
      conditions: { channels: ['email'] },
      actions: [
        { type: 'set_priority', priority: 'high' },
        { type: 'notify', roles: ['supervisor'] },
      ],
    });
    const appealCount = async () =>
      (await queryOne<{ n: number }>(env.ctx.db, 'SELECT count(*)::int AS n FROM appeals')).n;
    const before = await appealCount();
    const res = await env.request('POST', '/api/v1/routing/rules/dry-run', {
      as: 'agent',
      body: { kind: 'incident', channel: 'email', subject: 'Тест' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      changes: { priority: 'high' },
      loopStopped: false,
      effects: [{ type: 'notify', ruleId: rule.id, roles: ['supervisor'] }],
      trace: [
        { ruleId: rule.id, action: 'set_priority' },
        { ruleId: rule.id, action: 'notify' },
      ],
    });
    expect(await appealCount()).toBe(before);
  });

  it('takes the time for the business-hours condition', async () => {
    await addRule({ conditions: { businessHours: 'inside' }, actions: [{ type: 'add_tags', tags: ['day'] }] });
    const dry = (at: string) =>
      env.request('POST', '/api/v1/routing/rules/dry-run', {
        as: 'admin',
        body: { kind: 'incident', channel: 'email', at },
      });
    expect((await dry('2025-03-04T12:00:00+03:00')).body.changes).toEqual({ tags: ['day'] });
    expect((await dry('2025-03-04T20:00:00+03:00')).body.changes).toEqual({});
  });
});
