// Bad bodies from a valid-looking one: openapi-sampler samples a body from the operation's schema, the known
// fixture ids are laid over it, and fast-check replaces one slot (a property, an array item, the whole body) with
// a value aimed by that slot's schema — or adds an unknown key, or drops a required one.
import fc from 'fast-check';
import { sample } from 'openapi-sampler';
import { badValueFor } from './bad-values.ts';
import type { Schema } from './operations.ts';

export interface Slot {
  path: (string | number)[];
  schema: Schema;
}

/** The first alternative of a union that yields an object, else the schema itself. */
function branchOf(schema: Schema): Schema {
  const alternatives = (schema.anyOf ?? schema.oneOf ?? []) as Schema[];
  return alternatives.find((alternative) => alternative.type === 'object') ?? alternatives[0] ?? schema;
}

/** Every place in `value` a bad value can go, with the schema that describes it. */
export function slotsOf(value: unknown, schema: Schema, path: (string | number)[] = []): Slot[] {
  const slots: Slot[] = [{ path, schema }];
  const shape = branchOf(schema);
  if (Array.isArray(value)) {
    const items = (Array.isArray(shape.items) ? shape.items[0] : shape.items) as Schema | undefined;
    value.forEach((item, index) => slots.push(...slotsOf(item, items ?? {}, [...path, index])));
  } else if (typeof value === 'object' && value !== null) {
    const properties = (shape.properties ?? {}) as Record<string, Schema>;
    for (const [key, child] of Object.entries(properties)) {
      slots.push(...slotsOf((value as Record<string, unknown>)[key], child, [...path, key]));
    }
  }
  return slots;
}

function setAt(target: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) {
    return value;
  }
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const container: Record<string | number, unknown> =
    typeof target === 'object' && target !== null ? (structuredClone(target) as Record<string, unknown>) : {};
  container[head] = setAt(container[head], rest, value);
  return container;
}

/** A valid-looking body for the schema, with fixture ids where the keys name them. */
export function sampleBody(schema: Schema, ids: Record<string, string>): unknown {
  const body = sample(schema, { skipReadOnly: true, quiet: true });
  const overlay = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      return value.map(overlay);
    }
    if (typeof value !== 'object' || value === null) {
      return value;
    }
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, key in ids ? ids[key] : overlay(child)]),
    );
  };
  return overlay(body);
}

export interface BadBody {
  body: unknown;
  /** What was done, for the failure message. */
  change: string;
}

/** Bad bodies for an operation's body schema, starting from a sampled body. */
export function badBodies(schema: Schema, base: unknown): fc.Arbitrary<BadBody> {
  const slots = slotsOf(base, schema);
  const replace = fc.constantFrom(...slots).chain((slot) =>
    badValueFor(slot.schema).map((bad) => ({
      body: setAt(base, slot.path, bad),
      change: `${slot.path.join('.') || '(body)'} = ${JSON.stringify(bad)?.slice(0, 80)}`,
    })),
  );
  const required = (branchOf(schema).required ?? []) as string[];
  const drop = required.length
    ? fc.constantFrom(...required).map((key) => {
        const body = { ...(base as Record<string, unknown>) };
        delete body[key];
        return { body, change: `without ${key}` };
      })
    : replace;
  const extra = fc.constantFrom('__proto__', 'constructor', 'id', 'createdAt', 'ownerId\u0000').map((key) => ({
    body: { ...(base as Record<string, unknown>), [key]: { polluted: true } },
    change: `extra key ${JSON.stringify(key)}`,
  }));
  return fc.oneof({ weight: 8, arbitrary: replace }, { weight: 1, arbitrary: drop }, { weight: 1, arbitrary: extra });
}
