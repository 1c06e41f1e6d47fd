// Routing appeals into queues: round robin and least loaded, members away or not certified, nobody eligible,
// manual queues, the history, concurrent routings and the appeals list by queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/harness.ts';
import { queuesKit } from './queues-kit.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const { makeQueue, putMember, agents, newAppeal, route, routeNew } = queuesKit(() => env);

describe('routing appeals', () => {
  it('takes three members in turn over six round-robin routings, whoever routes', async () => {
    const queueId = await makeQueue({ assignment: 'round_robin' });
    const members = await agents(queueId, 3);
    const picks: string[] = [];
    for (let i = 0; i < 6; i++) {
      const routed = await routeNew(queueId, i % 2 ? 'agent' : 'supervisor');
      expect(routed.appeal).toMatchObject({ queueId, ownerId: routed.assignedTo, status: 'open' });
      expect(routed.reason).toBeNull();
      picks.push(routed.assignedTo);
    }
    expect(picks).toEqual([...members, ...members]);
    const list = await env.request('GET', `/api/v1/queues/${queueId}/members`, { as: 'admin' });
    expect(list.body.items.every((m: { lastAssignedAt: string | null }) => m.lastAssignedAt !== null)).toBe(true);
  });

  it('gives the appeal to the least-loaded member, ties to the one assigned longest ago', async () => {
    const queueId = await makeQueue({ assignment: 'least_loaded' });
    const [ann, ben, cat] = await agents(queueId, 3);
    // Loads outside the queue: Ann has 2 open appeals, Cat has 1, Ben none.
    for (const owner of [ann, ann, cat]) {
      expect(
        (
          await env.request('POST', `/api/v1/appeals/${await newAppeal()}/assign`, {
            as: 'admin',
            body: { ownerId: owner },
          })
        ).status,
      ).toBe(200);
    }
    expect((await routeNew(queueId)).assignedTo).toBe(ben);
    expect((await routeNew(queueId)).assignedTo).toBe(cat); // Ben and Cat at 1; Cat never assigned by the queue
    expect((await routeNew(queueId)).assignedTo).toBe(ben); // Ann 2, Ben 1, Cat 2
  });

  it('skips members who are away or not certified today', async () => {
    const queueId = await makeQueue({ assignment: 'round_robin' });
    const [away, training, lapsed, ready] = await agents(null, 4);
    await putMember(queueId, away, { available: false });
    await putMember(queueId, training, { attestation: 'in_training' });
    await putMember(queueId, lapsed, { attestedUntil: '2021-01-31' });
    await putMember(queueId, ready, {});
    for (let i = 0; i < 3; i++) {
      expect((await routeNew(queueId)).assignedTo).toBe(ready);
    }
  });

  it('assigns members in training when the queue does not require attestation', async () => {
    const queueId = await makeQueue({ assignment: 'round_robin', requireAttestation: false });
    const [trainee] = await agents(queueId, 1, { attestation: 'in_training' });
    expect((await routeNew(queueId)).assignedTo).toBe(trainee);
  });

  it('leaves the appeal in the queue unassigned when nobody is eligible, and says why', async () => {
    const queueId = await makeQueue({ assignment: 'least_loaded' });
    await agents(queueId, 2, { available: false });
    const appealId = await newAppeal();
    expect(
      (
        await env.request('POST', `/api/v1/appeals/${appealId}/assign`, {
          as: 'agent',
          body: { ownerId: env.users.agent.id },
        })
      ).status,
    ).toBe(200);
    const res = await route(appealId, { queueId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      assignedTo: null,
      reason: 'no_available_attested_member',
      appeal: { queueId, ownerId: null },
    });
  });

  it('does not assign on a manual queue or when asked not to, and records the routing', async () => {
    const manual = await makeQueue();
    await agents(manual, 1);
    const appealId = await newAppeal();
    const res = await route(appealId, { queueId: manual });
    expect(res.body).toMatchObject({
      assignedTo: null,
      reason: 'manual_queue',
      appeal: { queueId: manual, ownerId: null, status: 'new' },
    });
    const automatic = await makeQueue({ assignment: 'round_robin' });
    await agents(automatic, 1);
    const moved = await route(appealId, { queueId: automatic, assign: false });
    expect(moved.body).toMatchObject({
      assignedTo: null,
      reason: 'not_requested',
      appeal: { queueId: automatic, ownerId: null },
    });
    const history = await env.request('GET', `/api/v1/appeals/${appealId}/history`, { as: 'agent' });
    expect(history.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'updated', field: 'queueId', oldValue: null, newValue: manual }),
        expect.objectContaining({ action: 'updated', field: 'queueId', oldValue: manual, newValue: automatic }),
        expect.objectContaining({
          action: 'routed',
          newValue: { queueId: automatic, strategy: 'round_robin', assignedTo: null, reason: 'not_requested' },
        }),
      ]),
    );
  });

  it('records the assignment in the history', async () => {
    const queueId = await makeQueue({ assignment: 'round_robin' });
    const [member] = await agents(queueId, 1);
    const { appeal } = await routeNew(queueId);
    const history = await env.request('GET', `/api/v1/appeals/${appeal.id}/history`, { as: 'agent' });
    expect(history.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'updated', field: 'ownerId', newValue: member, actorId: env.users.agent.id }),
        expect.objectContaining({
          action: 'routed',
          newValue: { queueId, strategy: 'round_robin', assignedTo: member, reason: null },
        }),
      ]),
    );
  });

  it('refuses unknown and closed queues, and appeals one cannot see', async () => {
    const appealId = await newAppeal();
    const unknown = await route(appealId, { queueId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toMatchObject([{ path: 'queueId', code: 'unknown_queue' }]);
    const closed = await makeQueue();
    await env.request('PATCH', `/api/v1/queues/${closed}`, { as: 'admin', body: { active: false } });
    expect((await route(appealId, { queueId: closed })).body.error.fields).toMatchObject([
      { path: 'queueId', code: 'inactive_queue' },
    ]);
    expect((await route(appealId, { queueId: closed }, 'analyst')).status).toBe(403);
    expect((await route('00000000-0000-4000-8000-000000000000', { queueId: closed })).status).toBe(404);
    const after = await env.request('GET', `/api/v1/appeals/${appealId}`, { as: 'agent' });
    expect(after.body.queueId).toBeNull();
  });

  it('never gives two concurrent round-robin routings the same member', async () => {
    const queueId = await makeQueue({ assignment: 'round_robin' });
    const members = await agents(queueId, 4);
    const appeals = await Promise.all([0, 1, 2, 3].map(() => newAppeal()));
    const routed = await Promise.all(appeals.map((id) => route(id, { queueId })));
    expect(routed.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(routed.map((r) => r.body.assignedTo).sort()).toEqual(members);
  });

  it('filters the appeals list by queue', async () => {
    const [q1, q2, q3] = [await makeQueue(), await makeQueue(), await makeQueue()];
    const [a1, a2, a3] = [await newAppeal(), await newAppeal(), await newAppeal()];
    await route(a1, { queueId: q1 });
    await route(a2, { queueId: q2 });
    await route(a3, { queueId: q3 });
    const one = await env.request('GET', `/api/v1/appeals?queueId=${q1}`, { as: 'agent' });
    expect(one.body.items.map((a: { id: string }) => a.id)).toEqual([a1]);
    const two = await env.request('GET', `/api/v1/appeals?queueId=${q1},${q2}`, { as: 'agent' });
    expect(two.body.items.map((a: { id: string }) => a.id).sort()).toEqual([a1, a2].sort());
    const bad = await env.request('GET', '/api/v1/appeals?queueId=nope', { as: 'agent' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toMatch(/^query\.queueId/);
  });
});
