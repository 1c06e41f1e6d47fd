// Escalations through HTTP: an agent asks with a reason, a supervisor decides, the history keeps both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAppealInput, type TestUser } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
let colleague: TestUser;
beforeAll(async () => {
  env = await startTestEnv();
  colleague = await env.makeUser('agent');
});
afterAll(() => env.close());

async function ownedAppeal(): Promise<string> {
  const created = await env.request('POST', '/api/v1/appeals', { as: 'agent', body: makeAppealInput() });
  await env.request('POST', `/api/v1/appeals/${created.body.id}/assign`, {
    as: 'agent',
    body: { ownerId: env.users.agent.id },
  });
  return created.body.id;
}

const escalate = (appealId: string, reason = 'Клиент требует руководителя') =>
  env.request('POST', `/api/v1/appeals/${appealId}/escalations`, { as: 'agent', body: { reason } });

const decide = (id: string, body: unknown, as: 'agent' | 'supervisor' = 'supervisor') =>
  env.request('POST', `/api/v1/escalations/${id}/decision`, { as, body });

const kindsOf = async (userId: string) =>
  (await env.ctx.db.query<{ kind: string }>('SELECT kind FROM notifications WHERE user_id = $1', [userId])).map(
    (r) => r.kind,
  );

describe('escalations', () => {
  it('goes from request to approval with a new owner and priority, all in the history', async () => {
    const appealId = await ownedAppeal();
    const asked = await escalate(appealId);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      appealId,
      status: 'pending',
      requestedBy: env.users.agent.id,
      reason: 'Клиент требует руководителя',
    });
    expect(await kindsOf(env.users.supervisor.id)).toContain('escalation_requested');
    expect(await kindsOf(env.users.cs_head.id)).toContain('escalation_requested');

    const inbox = await env.request('GET', '/api/v1/escalations?status=pending', { as: 'supervisor' });
    expect(inbox.body.items.map((e: { id: string }) => e.id)).toContain(asked.body.id);
    // Every role that reads appeals reads the inbox (within its units); only a supervisor decides.
    expect((await env.request('GET', '/api/v1/escalations', { as: 'analyst' })).status).toBe(200);

    expect((await decide(asked.body.id, { decision: 'approved' }, 'agent')).status).toBe(403);
    const approved = await decide(asked.body.id, {
      decision: 'approved',
      note: 'Передаю опытному коллеге',
      ownerId: colleague.id,
      priority: 'urgent',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedBy: env.users.supervisor.id,
      decisionNote: 'Передаю опытному коллеге',
    });
    expect(await kindsOf(env.users.agent.id)).toContain('escalation_decided');

    const appeal = await env.request('GET', `/api/v1/appeals/${appealId}`, { as: 'agent' });
    expect(appeal.body).toMatchObject({ ownerId: colleague.id, priority: 'urgent' });
    const history = (await env.request('GET', `/api/v1/appeals/${appealId}/history`, { as: 'agent' })).body.items as {
      action: string;
      field: string | null;
    }[];
    const actions = history.map((e) => (e.action === 'updated' ? `updated:${e.field}` : e.action));
    expect(actions).toEqual(
      expect.arrayContaining(['escalation_requested', 'escalation_decided', 'updated:ownerId', 'updated:priority']),
    );
    expect(actions.indexOf('escalation_requested')).toBeLessThan(actions.indexOf('escalation_decided'));

    expect((await decide(asked.body.id, { decision: 'rejected' })).status).toBe(409);
    const all = await env.request('GET', `/api/v1/appeals/${appealId}/escalations`, { as: 'agent' });
    expect(all.body.items).toMatchObject([{ id: asked.body.id, status: 'approved' }]);
  });

  it('refuses a second pending request for the same appeal', async () => {
    const appealId = await ownedAppeal();
    expect((await escalate(appealId)).status).toBe(201);
    const again = await escalate(appealId, 'Ещё раз');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
  });

  it('rejects with a note, leaves the appeal as it was and lets the agent ask again', async () => {
    const appealId = await ownedAppeal();
    const asked = await escalate(appealId);
    const withChange = await decide(asked.body.id, { decision: 'rejected', ownerId: colleague.id });
    expect(withChange.status).toBe(400);
    expect(withChange.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['ownerId']);
    const rejected = await decide(asked.body.id, { decision: 'rejected', note: 'Решите сами' });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: 'Решите сами' });
    const appeal = await env.request('GET', `/api/v1/appeals/${appealId}`, { as: 'agent' });
    expect(appeal.body).toMatchObject({ ownerId: env.users.agent.id, priority: 'normal' });
    expect((await escalate(appealId, 'Снова нужна помощь')).status).toBe(201);
  });

  it('asks for a reason and keeps unit staff and unknown appeals out', async () => {
    const appealId = await ownedAppeal();
    const empty = await escalate(appealId, '   ');
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['reason']);
    const staff = await env.request('POST', `/api/v1/appeals/${appealId}/escalations`, {
      as: 'unit_responsible',
      body: { reason: 'Помогите' },
    });
    expect(staff.status).toBe(403);
    expect((await escalate('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
