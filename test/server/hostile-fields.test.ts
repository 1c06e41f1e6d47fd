// Every text field and every date field of every operation, taken from the OpenAPI document (so a new route is
// covered without a new test): a NUL in a text, or a date outside 1900–9999, is refused with a 400 that names that
// very field, and nothing is written.
import { afterAll, describe, expect, it } from 'vitest';
import { changesSoFar, installChangeCounter } from '../support/fuzz/fingerprint.ts';
import { sampleBody, slotsOf, type Slot } from '../support/fuzz/mutate.ts';
import { operationName, operationsOf, type Operation, type Schema } from '../support/fuzz/operations.ts';
import { startTestEnv } from '../support/harness.ts';
import { createWorld } from '../support/world.ts';

const env = await startTestEnv();
const world = await createWorld(env);
const admin = await env.makeUser('admin', [env.units.store.id, env.units.other.id]);
const operations = operationsOf(env.app.swagger() as never).filter(
  (operation) => operationName(operation) !== 'GET /api/v1/events',
);
await installChangeCounter(env.ctx.db);

afterAll(() => env.close());

const isDate = (schema: Schema) => schema.format === 'date-time' || schema.format === 'date';
const isText = (schema: Schema) => schema.type === 'string' && !schema.enum && !isDate(schema);
const OUT_OF_RANGE: Record<string, string> = { 'date-time': '0000-01-01T00:00:00Z', date: '0000-01-01' };

function setAt(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  path.slice(0, -1).forEach((key) => {
    node = node[key] as Record<string | number, unknown>;
  });
  node[path.at(-1) as string | number] = value;
  return copy;
}

interface Case {
  name: string;
  url: string;
  body?: unknown;
  /** The field path the answer must name. */
  field: string;
}

function casesOf(operation: Operation): Case[] {
  const url = world.fill(operation.path);
  const cases: Case[] = [];
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'query')) {
    const bad = isDate(parameter.schema) ? OUT_OF_RANGE[String(parameter.schema.format)] : 'a\u0000b';
    if (isDate(parameter.schema) || isText(parameter.schema)) {
      cases.push({
        name: `query ${parameter.name}`,
        url: `${url}?${parameter.name}=${encodeURIComponent(String(bad))}`,
        field: `query.${parameter.name}`,
      });
    }
  }
  if (operation.body) {
    const base = sampleBody(operation.body, world.bodyIds);
    const slots = slotsOf(base, operation.body).filter(
      (slot: Slot) => slot.path.length > 0 && (isDate(slot.schema) || isText(slot.schema)),
    );
    for (const slot of slots) {
      const bad = isDate(slot.schema) ? OUT_OF_RANGE[String(slot.schema.format)] : 'a\u0000b';
      cases.push({
        name: `body ${slot.path.join('.')}`,
        url,
        body: setAt(base, slot.path, bad),
        field: slot.path.join('.'),
      });
    }
  }
  return cases;
}

describe('a NUL or an out-of-range date in any field', () => {
  for (const operation of operations) {
    const cases = casesOf(operation);
    if (cases.length === 0) {
      continue;
    }
    it.each(cases)(`${operationName(operation)}: $name is refused, named, and writes nothing`, async (testCase) => {
      const before = await changesSoFar(env.ctx.db);
      const answer = await env.request(operation.method, testCase.url, {
        token: admin.token,
        ...(testCase.body !== undefined ? { body: testCase.body } : {}),
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      const fields = (answer.body.error.fields as { path: string }[]).map((field) => field.path);
      expect(fields, JSON.stringify(answer.body)).toContain(testCase.field);
      expect(await changesSoFar(env.ctx.db)).toBe(before);
    });
  }
});
