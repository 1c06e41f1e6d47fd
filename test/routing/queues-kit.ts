// Queues for the routing tests: a queue made fresh for each test, members with their attestation, and appeals
// routed into a queue through the API.
import { expect } from 'vitest';
import type { Role } from '../../src/modules/auth/actor.ts';
import { makeAppealInput } from '../support/factories.ts';
import type { TestEnv } from '../support/harness.ts';

/** `count` ids, as a tuple of that length so that a test can name each one. */
type Ids<Count extends number, Made extends string[] = []> = Made['length'] extends Count
  ? Made
  : Ids<Count, [...Made, string]>;

export function queuesKit(env: () => TestEnv) {
  let serial = 0;
  async function makeQueue(body: Record<string, unknown> = {}) {
    const res = await env().request('POST', '/api/v1/queues', {
      as: 'admin',
      body: { code: `q-${++serial}`, name: `Очередь ${serial}`, ...body },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  const putMember = (queueId: string, userId: string, body: Record<string, unknown> = {}, as: Role = 'admin') =>
    env().request('PUT', `/api/v1/queues/${queueId}/members/${userId}`, { as, body });

  /** New agents, members of the queue (when one is named) with this membership; their ids in id order. */
  async function agents<Count extends number>(
    queueId: string | null,
    count: Count,
    body: Record<string, unknown> = {},
  ): Promise<Ids<Count>> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const user = await env().makeUser('agent');
      if (queueId) {
        expect((await putMember(queueId, user.id, body)).status).toBe(201);
      }
      ids.push(user.id);
    }
    return ids.sort() as Ids<Count>;
  }
  async function newAppeal(): Promise<string> {
    const res = await env().request('POST', '/api/v1/appeals', { as: 'agent', body: makeAppealInput() });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  const route = (appealId: string, body: Record<string, unknown>, as: Role = 'agent') =>
    env().request('POST', `/api/v1/appeals/${appealId}/route`, { as, body });
  async function routeNew(queueId: string, as: Role = 'agent') {
    const res = await route(await newAppeal(), { queueId }, as);
    expect(res.status).toBe(200);
    return res.body;
  }
  return { makeQueue, putMember, agents, newAppeal, route, routeNew };
}
