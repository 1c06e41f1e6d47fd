// Queues through the API: their settings, their members with attestation, and who may own a queue's appeals.
// Routing appeals into queues: queue-routing.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/modules/auth/actor.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';
import { queuesKit } from './queues-kit.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const { makeQueue, putMember, agents, newAppeal, route } = queuesKit(() => env);

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
