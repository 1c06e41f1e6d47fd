// Every operation of the OpenAPI document under a few hundred hostile requests (fixed seed): bad bodies aimed by
// each slot's schema, bad query strings, bad path parameters and broken payloads. No answer may be a 5xx, a 400
// must carry an error code, and a refused write must leave the database as it was (test/support/fuzz/).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { badQueryValueFor, hostileString } from '../support/fuzz/bad-values.ts';
import { fingerprint, fingerprintQuery } from '../support/fuzz/fingerprint.ts';
import { badBodies, sampleBody } from '../support/fuzz/mutate.ts';
import { operationName, operationsOf, type Operation } from '../support/fuzz/operations.ts';
import { startTestEnv } from '../support/harness.ts';
import { createWorld } from '../support/world.ts';

const SEED = Number(process.env.OTKLIK_FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.OTKLIK_FUZZ_RUNS ?? 200);
/** Operations that are not request/answer: the event stream stays open; logout ends the fuzzer's own session. */
const SKIPPED = new Set(['GET /api/v1/events', 'POST /api/v1/auth/logout']);

interface HostileRequest {
  url: string;
  payload?: string | Buffer;
  contentType?: string;
  change: string;
}

const env = await startTestEnv();
const world = await createWorld(env);
const operations = operationsOf(env.app.swagger() as never).filter(
  (operation) => !SKIPPED.has(operationName(operation)),
);
const fingerprintSql = await fingerprintQuery(env.ctx.db);
const counts = { requests: 0, operations: 0, serverErrors: 0, partialWrites: 0 };

afterAll(async () => {
  console.log(
    `fuzz: ${counts.requests} requests over ${counts.operations} operations, ` +
      `${counts.serverErrors} answers ≥ 500, ${counts.partialWrites} partial writes (seed ${SEED})`,
  );
  await env.close();
});

/** encodeURIComponent, with lone surrogates (which it refuses) sent as the bytes a broken client would send. */
const escape = (text: string) =>
  encodeURIComponent(text.replace(/\p{Surrogate}/gu, '\ufffd')).replaceAll('%EF%BF%BD', '%ED%A0%80');

const encode = (query: Record<string, string | string[]>) =>
  Object.entries(query)
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((item) => [name, item] as const))
    .map(([name, value]) => `${escape(name)}=${escape(value)}`)
    .join('&');

function hostileQueries(operation: Operation, url: string): fc.Arbitrary<HostileRequest> | null {
  const parameters = operation.parameters.filter((parameter) => parameter.in === 'query');
  if (parameters.length === 0) {
    return null;
  }
  const oneParameter = fc
    .constantFrom(...parameters)
    .chain((parameter) =>
      badQueryValueFor(parameter.name, parameter.schema).map((value) => [parameter.name, value] as const),
    );
  const encoded = fc.array(oneParameter, { minLength: 1, maxLength: 3 }).map((pairs) => {
    const query = Object.fromEntries(pairs);
    return { url: `${url}?${encode(query)}`, change: `query ${JSON.stringify(query).slice(0, 160)}` };
  });
  const broken = fc
    .tuple(fc.constantFrom(...parameters), fc.constantFrom('%', '%ZZ', '%FF%FE', '%C0%80', '%E2%82', '%00'))
    .map(([parameter, raw]) => ({ url: `${url}?${parameter.name}=${raw}`, change: `raw query ${raw}` }));
  return fc.oneof({ weight: 5, arbitrary: encoded }, broken);
}

function hostilePaths(operation: Operation): fc.Arbitrary<HostileRequest> | null {
  const placeholders = operation.path.match(/\{[a-zA-Z]+\}/g) ?? [];
  if (placeholders.length === 0) {
    return null;
  }
  return fc.tuple(fc.constantFrom(...placeholders), hostileString).map(([placeholder, value]) => ({
    url: world.fill(operation.path.replace(placeholder, escape(value) || '%20')),
    change: `path ${placeholder} = ${JSON.stringify(value)}`,
  }));
}

function hostileBodies(operation: Operation, url: string): fc.Arbitrary<HostileRequest> | null {
  if (!operation.body) {
    return null;
  }
  const base = sampleBody(operation.body, world.bodyIds);
  const json = badBodies(operation.body, base).map(({ body, change }) => ({
    url,
    payload: JSON.stringify(body) ?? 'null',
    change: `body ${change}`,
  }));
  const raw = fc
    .constantFrom(
      '{"a":',
      '{"text":"\u0000"}',
      `{"n":1e400}`,
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      Buffer.from('{"name":"a\u0000b"}'),
      '[',
      '',
      '{"__proto__":{"admin":true}}',
      JSON.stringify(base).replace(/"([^"]*)"/, '"$1\\u0000"'),
    )
    .map((payload) => ({ url, payload, change: `raw body ${JSON.stringify(String(payload)).slice(0, 80)}` }));
  const wrongType = fc.constant({
    url,
    payload: JSON.stringify(base),
    contentType: 'text/plain',
    change: 'text/plain body',
  });
  return fc.oneof({ weight: 12, arbitrary: json }, { weight: 2, arbitrary: raw }, wrongType);
}

function hostileRequests(operation: Operation): fc.Arbitrary<HostileRequest> {
  const url = world.fill(operation.path);
  const kinds = [hostileBodies(operation, url), hostileQueries(operation, url), hostilePaths(operation)].filter(
    (kind): kind is fc.Arbitrary<HostileRequest> => kind !== null,
  );
  if (kinds.length === 0) {
    return fc.constant({ url: `${url}?x=${encodeURIComponent('\u0000')}`, change: 'unknown query' });
  }
  return fc.oneof(...kinds);
}

describe('the API under hostile input', () => {
  for (const operation of operations) {
    const writes = operation.method !== 'GET';
    it(`${operationName(operation)} answers below 500 and writes nothing it refuses`, async () => {
      counts.operations += 1;
      // A fresh administrator per operation: a fuzzed PATCH /users/me must not lock out the next operation.
      const admin = await env.makeUser('admin', [env.units.store.id, env.units.other.id]);
      await fc.assert(
        fc.asyncProperty(hostileRequests(operation), async (request) => {
          counts.requests += 1;
          const before = writes ? await fingerprint(env.ctx.db, fingerprintSql) : null;
          const headers: Record<string, string> = {};
          if (request.payload !== undefined) {
            headers['content-type'] = request.contentType ?? 'application/json';
          }
          const answer = await env.request(operation.method, request.url, {
            token: admin.token,
            headers,
            ...(request.payload !== undefined ? { payload: request.payload } : {}),
          });
          const answered = `${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
          const what = `${operation.method} ${request.url.slice(0, 200)} — ${request.change} → ${answered}`;
          if (answer.status >= 500) {
            counts.serverErrors += 1;
          }
          expect(answer.status, what).toBeLessThan(500);
          if (answer.status === 400) {
            expect(answer.body?.error?.code, what).toEqual(expect.any(String));
          }
          if (before !== null && answer.status >= 400) {
            const after = await fingerprint(env.ctx.db, fingerprintSql);
            if (after !== before) {
              counts.partialWrites += 1;
            }
            expect(after, `a refused request changed the database: ${what}`).toBe(before);
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
