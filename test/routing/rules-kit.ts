// The world of the routing-rule tests: two incident categories and a queue to point rules at, a fresh set of
// rules in each test (the rules are deleted after it), appeals created through the API and the rules' trace in
// their history, and a count of the statements an action costs.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Queryable } from '../../src/db/db.ts';
import { makeAppealInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

export interface RulesWorld {
  env: TestEnv;
  incidentCategory: string;
  otherIncidentCategory: string;
  queueId: string;
}

/** Registers the file's hooks: the world before all its tests, and no rules left after each. */
export function useRulesWorld(): () => RulesWorld {
  let world: RulesWorld | undefined;
  const current = () => world ?? expect.unreachable('the rules world starts in beforeAll');
  beforeAll(async () => {
    const env = await startTestEnv();
    const categories = await env.request('GET', '/api/v1/categories', { as: 'agent' });
    const incident = categories.body.items.filter((category: { kinds: string[] }) =>
      category.kinds.includes('incident'),
    );
    const queue = await env.request('POST', '/api/v1/queues', {
      as: 'admin',
      body: { code: 'rules-q', name: 'Очередь правил', requireAttestation: false },
    });
    world = { env, incidentCategory: incident[0].id, otherIncidentCategory: incident[1].id, queueId: queue.body.id };
  });
  afterAll(() => world?.env.close());
  afterEach(async () => {
    const { env } = current();
    const rules = await env.request('GET', '/api/v1/routing/rules', { as: 'admin' });
    for (const rule of rules.body.items) {
      await env.request('DELETE', `/api/v1/routing/rules/${rule.id}`, { as: 'admin' });
    }
  });
  return current;
}

export function rulesKit(world: () => RulesWorld) {
  let serial = 0;
  const addRule = async (body: Record<string, unknown>) => {
    const res = await world().env.request('POST', '/api/v1/routing/rules', {
      as: 'admin',
      body: { name: `rule ${++serial}`, ...body },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await world().env.request('POST', '/api/v1/appeals', {
      as: 'agent',
      body: makeAppealInput(overrides),
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const history = async (id: string) =>
    (await world().env.request('GET', `/api/v1/appeals/${id}/history`, { as: 'agent' })).body.items;
  const traceOf = async (id: string) =>
    (await history(id))
      .filter((event: { action: string }) => event.action === 'rule_applied')
      .map((event: { newValue: unknown }) => event.newValue);

  /** Counts the statements and transactions the app sends while `run` runs. */
  async function countQueries(run: () => Promise<unknown>): Promise<{ queries: number; transactions: number }> {
    const { env } = world();
    const db = env.ctx.db;
    const counts = { queries: 0, transactions: 0 };
    const counted = (inner: Queryable): Queryable =>
      ({
        query: (...args: Parameters<Queryable['query']>) => {
          counts.queries++;
          return inner.query(...args);
        },
        exec: (sql) => {
          counts.queries++;
          return inner.exec(sql);
        },
      }) as Queryable;
    env.ctx.db = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === 'query') {
          return counted(target).query;
        }
        if (prop === 'transaction') {
          return (fn: (tx: Queryable) => Promise<unknown>) => {
            counts.transactions++;
            return target.transaction((tx) => fn(counted(tx)));
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    try {
      await run();
    } finally {
      env.ctx.db = db;
    }
    return counts;
  }

  return { addRule, create, history, traceOf, countQueries };
}
