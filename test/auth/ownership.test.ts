// Who may take an appeal: an agent takes an unassigned one or hands back their own, never one a colleague holds;
// a supervisor reassigns anything. And what an analyst reads: merge previews and the escalations inbox.
import { afterAll, describe, expect, it } from 'vitest';
import { makeAppealInput } from '../support/factories.ts';
import { startTestEnv } from '../support/harness.ts';

const env = await startTestEnv();
afterAll(() => env.close());

const newAppeal = async () =>
  (await env.request('POST', '/api/v1/appeals', { as: 'admin', body: makeAppealInput({ unitId: env.units.store.id }) }))
    .body.id as string;

describe('taking an appeal', () => {
  it('lets an agent take an unassigned appeal and refuses a colleague who tries to take it', async () => {
    const first = await env.makeUser('agent');
    const second = await env.makeUser('agent');
    const id = await newAppeal();
    const taken = await env.request('POST', `/api/v1/appeals/${id}/assign`, {
      token: first.token,
      body: { ownerId: first.id },
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body.ownerId).toBe(first.id);

    for (const [method, url, body] of [
      ['POST', `/api/v1/appeals/${id}/assign`, { ownerId: second.id }],
      ['PATCH', `/api/v1/appeals/${id}`, { ownerId: second.id }],
      ['POST', `/api/v1/appeals/${id}/assign`, { ownerId: null }],
    ] as const) {
      const refused = await env.request(method, url, { token: second.token, body });
      expect(refused.status, `${method} ${JSON.stringify(body)}`).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    const appeal = await env.request('GET', `/api/v1/appeals/${id}`, { token: second.token });
    expect(appeal.body.ownerId).toBe(first.id);
  });

  it('lets the holder hand an appeal back, and a supervisor reassign a held one', async () => {
    const agent = await env.makeUser('agent');
    const supervisor = await env.makeUser('supervisor');
    const id = await newAppeal();
    await env.request('POST', `/api/v1/appeals/${id}/assign`, { token: agent.token, body: { ownerId: agent.id } });
    const back = await env.request('POST', `/api/v1/appeals/${id}/assign`, {
      token: agent.token,
      body: { ownerId: null },
    });
    expect(back.status).toBe(200);
    expect(back.body.ownerId).toBeNull();

    await env.request('POST', `/api/v1/appeals/${id}/assign`, { token: agent.token, body: { ownerId: agent.id } });
    const reassigned = await env.request('POST', `/api/v1/appeals/${id}/assign`, {
      token: supervisor.token,
      body: { ownerId: supervisor.id },
    });
    expect(reassigned.status, JSON.stringify(reassigned.body)).toBe(200);
    expect(reassigned.body.ownerId).toBe(supervisor.id);
  });
});

describe('what an analyst reads', () => {
  it('reads a merge preview and the escalations inbox, and may not merge', async () => {
    const customer = async (name: string) =>
      (await env.request('POST', '/api/v1/customers', { as: 'agent', body: { name, emails: [`${name}@example.ru`] } }))
        .body.id as string;
    const [merged, survivor] = [await customer('olga'), await customer('olga2')];
    const preview = await env.request('GET', `/api/v1/customers/${merged}/merge-preview?into=${survivor}`, {
      as: 'analyst',
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const merge = await env.request('POST', `/api/v1/customers/${merged}/merge`, {
      as: 'analyst',
      body: { into: survivor },
    });
    expect(merge.status).toBe(403);
    const inbox = await env.request('GET', '/api/v1/escalations', { as: 'analyst' });
    expect(inbox.status, JSON.stringify(inbox.body)).toBe(200);
  });
});
