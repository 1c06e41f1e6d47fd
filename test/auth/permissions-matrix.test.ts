// The authorisation matrix: every operation of the OpenAPI document, called by every role (a fresh user of each,
// the store's responsible bound to the store, with two units in the organisation). A role is refused with 403 exactly
// when GRANTS (src/modules/auth/actor.ts, the source of the README's roles table) does not give it the permission the
// operation publishes as x-permission; a role that holds it is never refused. A new route is covered by itself.
import { describe, expect, it } from 'vitest';
import { GRANTS, ROLES, type Permission, type Role } from '../../src/modules/auth/actor.ts';
import { sampleBody } from '../support/fuzz/mutate.ts';
import { operationName, operationsOf, type Operation } from '../support/fuzz/operations.ts';
import { startTestEnv } from '../support/harness.ts';
import { createWorld } from '../support/world.ts';

/** Open streams and the caller's own session end are not request/answer. */
const SKIPPED = new Set(['GET /api/v1/events', 'POST /api/v1/auth/logout']);
/**
 * Refusals that come from the data, not the role, for a role that holds the permission: the service's own rule
 * (tested in its domain's tests). The refusal must give this reason, so a role gate cannot hide behind it.
 */
const DATA_RULES: Record<string, Partial<Record<Role, RegExp>>> = {
  'POST /api/v1/appeals/{id}/messages': { unit_responsible: /internal notes only/i },
  'PATCH /api/v1/subtasks/{id}': { unit_responsible: /only the assignee/i },
};
/** Least privileged first, so a role's successful write (taking an appeal) never stands in a later role's way. */
const ROLE_ORDER: Role[] = ['analyst', 'unit_responsible', 'agent', 'supervisor', 'cs_head', 'admin'];

const env = await startTestEnv();
const world = await createWorld(env);
const operations = operationsOf(env.app.swagger() as never).filter(
  (operation) => !SKIPPED.has(operationName(operation)),
);

/** The operation's URL with this world's ids and every required query parameter. */
function urlOf(operation: Operation): string {
  const query = operation.parameters
    .filter((parameter) => parameter.in === 'query' && parameter.required)
    .map((parameter) => {
      const value = world.bodyIds[parameter.name] ?? sampleBody(parameter.schema, {});
      return `${parameter.name}=${encodeURIComponent(String(value))}`;
    });
  return world.fill(operation.path) + (query.length ? `?${query.join('&')}` : '');
}

async function callAs(role: Role, operation: Operation) {
  const user = await env.makeUser(role, role === 'unit_responsible' ? [env.units.store.id] : []);
  // People named in the body are the caller: whether one may act for another is the service's rule, not the role's.
  const ids = { ...world.bodyIds, ownerId: user.id, assigneeId: user.id, userId: user.id };
  const body = operation.body ? sampleBody(operation.body, ids) : undefined;
  return env.request(operation.method, urlOf(operation), {
    token: user.token,
    ...(body !== undefined ? { body } : {}),
  });
}

describe('every operation declares who may call it', () => {
  it('publishes a permission on each /api/v1 operation', () => {
    const undeclared = operations
      .filter((operation) => operation.path.startsWith('/api/v1/') && !operation.extensions['x-permission'])
      .map(operationName);
    expect(undeclared).toEqual([]);
    expect(operations.length).toBeGreaterThan(100);
  });
});

describe('the authorisation matrix', () => {
  for (const operation of operations) {
    const permission = operation.extensions['x-permission'] as Permission | 'signed_in' | 'public';
    if (permission === 'public') {
      continue;
    }
    it(`${operationName(operation)} (${permission}): refused exactly for the roles without it`, async () => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const role of ROLE_ORDER) {
        const answer = await callAs(role, operation);
        const granted = permission === 'signed_in' || GRANTS[role].has(permission);
        const dataRule = DATA_RULES[operationName(operation)]?.[role];
        const refusal =
          answer.status === 403 ? `refused${dataRule?.test(answer.body.error.message) ? ' by data' : ''}` : '';
        expected.push(`${role}: ${granted ? (dataRule ? 'refused by data' : 'allowed') : 'refused'}`);
        outcomes.push(`${role}: ${refusal || 'allowed'}`);
        expect(answer.status, `${role}: ${JSON.stringify(answer.body)}`).not.toBe(401);
        expect(answer.status, `${role}: ${JSON.stringify(answer.body)}`).toBeLessThan(500);
      }
      expect(outcomes).toEqual(expected);
    });
  }
});

describe('unit scope', () => {
  it('refuses a store user who asks for another unit, the same way in analytics and in survey indices', async () => {
    const storeUser = env.users.unit_responsible;
    const other = env.units.other.id;
    for (const url of [
      `/api/v1/analytics/dashboard?unitId=${other}`,
      `/api/v1/surveys/indices?unitId=${other}`,
      `/api/v1/surveys/responses?unitId=${other}`,
    ]) {
      const answer = await env.request('GET', url, { token: storeUser.token });
      expect(answer.status, url).toBe(403);
    }
    const own = await env.request('GET', `/api/v1/analytics/dashboard?unitId=${env.units.store.id}`, {
      token: storeUser.token,
    });
    expect(own.status).toBe(200);
  });
});

it('covers every role', () => {
  expect([...ROLE_ORDER].sort()).toEqual([...ROLES].sort());
});
