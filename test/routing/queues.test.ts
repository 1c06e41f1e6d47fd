import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/modules/auth/actor.ts';
import { makeAppealInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

let serial = 0;
async function makeQueue(body: Record<string, unknown> = {}) {
  const res = await env.request('POST', '/api/v1/queues', {
    as: 'admin',
    body: { code: `q-${++serial}`, name: `Очередь ${serial}`, ...body },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const putMember = (queueId: string, userId: string, body: Record<string, unknown> = {}, as: Role = 'admin') =>
  env.request('PUT', `/api/v1/queues/${queueId}/members/${userId}`, { as, body });
/** `count` ids, as a tuple of that length so that a test can name each one. */
type Ids<Count extends number, Made extends string[] = []> = Made['length'] extends Count
  ? Made
  : Ids<Count, [...Made, string]>;

async function agents<Count extends number>(
  queueId: string | null,
  count: Count,
  body: Record<string, unknown> = {},
): Promise<Ids<Count>> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const user = await env.makeUser('agent');
    if (queueId) {
      expect((await putMember(queueId, user.id, body)).status).toBe(201);
    }
    ids.push(user.id);
  }
  return ids.sort() as Ids<Count>;
}
async function newAppeal(): Promise<string> {
  const res = await env.request('POST', '/api/v1/appeals', { as: 'agent', body: makeAppealInput() });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const route = (appealId: string, body: Record<string, unknown>, as: Role = 'agent') =>
  env.request('POST', `/api/v1/appeals/${appealId}/route`, { as, body });
async function routeNew(queueId: string, as: Role = 'agent') {
  const res = await route(await newAppeal(), { queueId }, as);
  expect(res.status).toBe(200);
  return res.body;
}

describe('queues', () => {
  it('lists the seeded queues', async () => {
    const res = await env.request('GET', '/api/v1/queues', { as: 'agent' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((q: { code: string }) => q.code)).toEqual(
      expect.arrayContaining(['hotline', 'buffer', 'development', 'accounting', 'vip', 'field']),
    );
  });

  it('creates a queue with defaults, reads and changes it', async () => {
    const created = await env.request('POST', '/api/v1/queues', {
      as: 'admin',
      body: { code: 'returns', name: ' Возвраты ', unitId: env.units.store.id },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'returns',
      name: 'Возвраты',
      unitId: env.units.store.id,
      assignment: 'manual',
      requireAttestation: true,
      unattested: 'forbid',
      active: true,
    });
    const got = await env.request('GET', `/api/v1/queues/${created.body.id}`, { as: 'supervisor' });
    expect(got.body).toEqual(created.body);
    const patched = await env.request('PATCH', `/api/v1/queues/${created.body.id}`, {
      as: 'cs_head',
      body: { assignment: 'round_robin', unattested: 'supervisor_review', unitId: null, active: false },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      assignment: 'round_robin',
      unattested: 'supervisor_review',
      unitId: null,
      active: false,
    });
    const active = await env.request('GET', '/api/v1/queues?active=true', { as: 'agent' });
    expect(active.body.items.map((q: { id: string }) => q.id)).not.toContain(created.body.id);
  });

  it('names each invalid field and creates nothing', async () => {
    const res = await env.request('POST', '/api/v1/queues', {
      as: 'admin',
      body: { code: 'Bad Code', name: '', assignment: 'random', colour: 'red' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['code', 'name', 'assignment', 'colour']),
    );
    const unknownUnit = await env.request('POST', '/api/v1/queues', {
      as: 'admin',
      body: { code: 'x1', name: 'X', unitId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.error.fields).toMatchObject([{ path: 'unitId', code: 'unknown_unit' }]);
    const empty = await env.request('PATCH', `/api/v1/queues/${await makeQueue()}`, { as: 'admin', body: {} });
    expect(empty.status).toBe(400);
  });

  it('refuses a second queue with the same code', async () => {
    const res = await env.request('POST', '/api/v1/queues', {
      as: 'admin',
      body: { code: 'hotline', name: 'Ещё одна линия' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.fields).toMatchObject([{ path: 'code', code: 'duplicate' }]);
    const patch = await env.request('PATCH', `/api/v1/queues/${await makeQueue()}`, {
      as: 'admin',
      body: { code: 'vip' },
    });
    expect(patch.status).toBe(409);
  });

  it('answers 404 for an unknown queue', async () => {
    const res = await env.request('GET', '/api/v1/queues/00000000-0000-4000-8000-000000000000', { as: 'admin' });
    expect(res.status).toBe(404);
  });

  it('lets only settings writers change queues and members', async () => {
    const queueId = await makeQueue();
    for (const role of ['agent', 'supervisor', 'analyst'] as const) {
      expect(
        (await env.request('POST', '/api/v1/queues', { as: role, body: { code: `by-${role}`, name: 'X' } })).status,
      ).toBe(403);
      expect((await env.request('PATCH', `/api/v1/queues/${queueId}`, { as: role, body: { name: 'X' } })).status).toBe(
        403,
      );
      expect((await putMember(queueId, env.users.agent.id, {}, role)).status).toBe(403);
      expect(
        (await env.request('DELETE', `/api/v1/queues/${queueId}/members/${env.users.agent.id}`, { as: role })).status,
      ).toBe(403);
    }
    expect((await env.request('GET', `/api/v1/queues/${queueId}/members`, { as: 'agent' })).status).toBe(200);
    expect((await env.request('GET', '/api/v1/queues')).status).toBe(401);
  });

  it('accepts an Idempotency-Key on create', async () => {
    const body = { code: 'idem', name: 'Idem' };
    const headers = { 'idempotency-key': 'queue-idem-1' };
    const first = await env.request('POST', '/api/v1/queues', { as: 'admin', body, headers });
    const again = await env.request('POST', '/api/v1/queues', { as: 'admin', body, headers });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
  });
});

describe('queue members and attestation', () => {
  it('adds a member, replaces their attestation and removes them', async () => {
    const queueId = await makeQueue();
    const [userId] = await agents(null, 1);
    const added = await putMember(queueId, userId, { attestation: 'in_training' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      userId,
      attestation: 'in_training',
      effectiveAttestation: 'in_training',
      available: true,
      openCount: 0,
      lastAssignedAt: null,
    });
    const replaced = await putMember(queueId, userId, {
      attestation: 'certified',
      attestedFrom: '2025-01-01',
      attestedUntil: '2099-12-31',
      available: false,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      attestation: 'certified',
      effectiveAttestation: 'certified',
      attestedFrom: '2025-01-01',
      attestedUntil: '2099-12-31',
      available: false,
    });
    const list = await env.request('GET', `/api/v1/queues/${queueId}/members`, { as: 'agent' });
    expect(list.body.items).toHaveLength(1);
    expect((await env.request('DELETE', `/api/v1/queues/${queueId}/members/${userId}`, { as: 'admin' })).status).toBe(
      204,
    );
    expect((await env.request('DELETE', `/api/v1/queues/${queueId}/members/${userId}`, { as: 'admin' })).status).toBe(
      404,
    );
  });

  it('reads an attestation past its last day as expired and one not yet begun as pending', async () => {
    const queueId = await makeQueue();
    const [lapsed, future, open] = await agents(null, 3);
    await putMember(queueId, lapsed, { attestedFrom: '2020-01-01', attestedUntil: '2020-12-31' });
    await putMember(queueId, future, { attestedFrom: '2099-01-01' });
    await putMember(queueId, open, {});
    const list = await env.request('GET', `/api/v1/queues/${queueId}/members`, { as: 'admin' });
    const byUser = Object.fromEntries(
      list.body.items.map((m: { userId: string; effectiveAttestation: string }) => [m.userId, m.effectiveAttestation]),
    );
    expect(byUser).toEqual({ [lapsed]: 'expired', [future]: 'pending', [open]: 'certified' });
    expect(list.body.items.find((m: { userId: string }) => m.userId === lapsed).attestation).toBe('certified');
  });

  it('names bad member input', async () => {
    const queueId = await makeQueue();
    const bad = await putMember(queueId, env.users.agent.id, { attestation: 'guru', attestedFrom: '2026-13-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['attestation', 'attestedFrom']),
    );
    const backwards = await putMember(queueId, env.users.agent.id, {
      attestedFrom: '2026-06-01',
      attestedUntil: '2026-05-31',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toMatchObject([{ path: 'attestedUntil' }]);
    const unknown = await putMember(queueId, '00000000-0000-4000-8000-000000000000');
    expect(unknown.body.error.fields).toMatchObject([{ path: 'params.userId', code: 'unknown_user' }]);
    const analyst = await putMember(queueId, env.users.analyst.id);
    expect(analyst.body.error.fields).toMatchObject([{ path: 'params.userId', code: 'not_an_agent' }]);
    expect((await putMember('00000000-0000-4000-8000-000000000000', env.users.agent.id)).status).toBe(404);
  });
});

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

describe("owning a queue's appeals requires attestation", () => {
  async function setup(unattested: 'forbid' | 'supervisor_review') {
    const queueId = await makeQueue({ unattested });
    const trainee = await env.makeUser('agent');
    const certified = await env.makeUser('agent');
    await putMember(queueId, trainee.id, { attestation: 'in_training' });
    await putMember(queueId, certified.id, {});
    const appealId = await newAppeal();
    expect((await route(appealId, { queueId })).status).toBe(200);
    return { queueId, trainee, certified, appealId };
  }
  const assign = (appealId: string, ownerId: string, opts: { as?: Role; token?: string }) =>
    env.request('POST', `/api/v1/appeals/${appealId}/assign`, { ...opts, body: { ownerId } });

  it('refuses an uncertified owner when the queue forbids it, whoever assigns', async () => {
    const { trainee, certified, appealId } = await setup('forbid');
    const bySupervisor = await assign(appealId, trainee.id, { as: 'supervisor' });
    expect(bySupervisor.status).toBe(400);
    expect(bySupervisor.body.error.fields).toMatchObject([{ path: 'ownerId', code: 'not_attested' }]);
    expect((await assign(appealId, trainee.id, { token: trainee.token })).status).toBe(400);
    const viaPatch = await env.request('PATCH', `/api/v1/appeals/${appealId}`, {
      as: 'admin',
      body: { ownerId: trainee.id },
    });
    expect(viaPatch.body.error.fields).toMatchObject([{ path: 'ownerId', code: 'not_attested' }]);
    const outsider = await env.makeUser('agent');
    expect((await assign(appealId, outsider.id, { as: 'admin' })).body.error.fields).toMatchObject([
      { path: 'ownerId', code: 'not_attested' },
    ]);
    expect((await assign(appealId, certified.id, { token: certified.token })).status).toBe(200);
  });

  it('refuses an owner whose certification has lapsed', async () => {
    const { queueId, certified, appealId } = await setup('forbid');
    await putMember(queueId, certified.id, { attestedUntil: '2024-12-31' });
    expect((await assign(appealId, certified.id, { as: 'admin' })).body.error.fields).toMatchObject([
      { path: 'ownerId', code: 'not_attested' },
    ]);
  });

  it('lets only a supervisor assign an uncertified owner under supervisor review', async () => {
    const { trainee, appealId } = await setup('supervisor_review');
    const self = await assign(appealId, trainee.id, { token: trainee.token });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/not certified/);
    const bySupervisor = await assign(appealId, trainee.id, { as: 'supervisor' });
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.body.ownerId).toBe(trainee.id);
  });

  it('checks the owner when an owned appeal moves to another queue', async () => {
    const { certified, appealId } = await setup('forbid');
    expect((await assign(appealId, certified.id, { token: certified.token })).status).toBe(200);
    const other = await makeQueue(); // certified there by nobody
    const moved = await route(appealId, { queueId: other, assign: false });
    expect(moved.status).toBe(400);
    expect(moved.body.error.fields).toMatchObject([{ path: 'ownerId', code: 'not_attested' }]);
  });

  it('lets anyone own appeals of a queue that does not require attestation', async () => {
    const queueId = await makeQueue({ requireAttestation: false });
    const appealId = await newAppeal();
    await route(appealId, { queueId });
    const outsider = await env.makeUser('agent');
    expect((await assign(appealId, outsider.id, { token: outsider.token })).status).toBe(200);
  });
});
