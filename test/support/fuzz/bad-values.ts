// fast-check arbitraries of the inputs that broke Otklik before (issue 15) and their relatives: bytes PostgreSQL
// text cannot hold, dates outside its range, numbers past bigint, tampered cursors, wrong types, deep nesting.
// Each is aimed by the JSON schema of the slot it replaces, so a date field gets bad dates and a uuid bad uuids.
import fc from 'fast-check';
import type { Schema } from './operations.ts';

const NUL = '\u0000';

/** Strings a PostgreSQL text column cannot hold, or that confuse parsers further in. */
export const hostileString = fc.oneof(
  fc.constantFrom(`a${NUL}b`, NUL, `${NUL}${NUL}`, `Иван${NUL}`, '\ud800', 'a\udfffb', '\u202eevil', '\ufeff', ''),
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => `${text}${NUL}`),
  fc.constantFrom('%', '%00', "'; DROP TABLE appeals; --", '${jndi:ldap://x}', '<script>alert(1)</script>'),
);

/** Dates a zod date-time check may pass but PostgreSQL cannot store, or stores as something else. */
export const hostileDate = fc.constantFrom(
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '294277-01-01T00:00:00Z',
  '+294277-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-01-01 25:99',
  '2026-13-45',
  '0000-01-01',
  '294277-01-01',
  'infinity',
  '-infinity',
  'epoch',
  'now',
);

export const hostileNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), 2 ** 64, 0.5, -1, 0, 1e-320, 2147483648),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Cursors the API never gave out: garbage, or base64url JSON with keys of the wrong shape. */
export const hostileCursor = fc.oneof(
  fc.constantFrom('x', '%%', '!!!', 'e30', NUL),
  fc
    .record({
      key: fc.oneof(hostileDate, hostileString, fc.constant('99999999999999999999'), fc.constant(null)),
      id: fc.oneof(fc.uuid(), hostileString, fc.constant(12)),
    })
    .map((cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url')),
  fc
    .record({ k: fc.oneof(hostileDate, hostileNumber), i: fc.uuid() })
    .map((cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url')),
);

const hostileUuid = fc.constantFrom(
  '00000000-0000-0000-0000-00000000000g',
  `00000000-0000-0000-0000-00000000000${NUL}`,
  '{00000000-0000-0000-0000-000000000000}',
  '0',
  'null',
);

/** Any JSON value of the wrong kind, including deep nesting and prototype keys. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, '', [], {}, [[[[]]]], { __proto__: { admin: true } }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}')),
  fc.constant(Array.from({ length: 64 }).reduce<unknown>((inner) => ({ a: inner }), 'deep')),
  fc.jsonValue({ maxDepth: 3 }),
);

function aimedAt(schema: Schema): fc.Arbitrary<unknown>[] {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const aimed: fc.Arbitrary<unknown>[] = [];
  if (schema.format === 'date-time' || schema.format === 'date') {
    aimed.push(hostileDate);
  }
  if (schema.format === 'uuid') {
    aimed.push(hostileUuid);
  }
  if (types.includes('string') || schema.enum) {
    aimed.push(hostileString);
    const choices = (schema.enum ?? []).filter((choice): choice is string => typeof choice === 'string');
    if (choices.length > 0) {
      aimed.push(fc.constantFrom(...choices).map((choice) => `${choice.toUpperCase()}${NUL}`));
    }
  }
  if (types.includes('number') || types.includes('integer')) {
    aimed.push(hostileNumber);
  }
  return aimed;
}

/** A bad value for a body slot: mostly aimed by its schema, sometimes of the wrong kind altogether. */
export function badValueFor(schema: Schema): fc.Arbitrary<unknown> {
  const aimed = aimedAt(schema);
  return aimed.length === 0 ? wrongType : fc.oneof({ weight: 3, arbitrary: fc.oneof(...aimed) }, wrongType);
}

/** A bad query-string value for a parameter: the same ideas as text, repeated parameters and broken escapes. */
export function badQueryValueFor(name: string, schema: Schema): fc.Arbitrary<string | string[]> {
  const asText = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
  const texts: fc.Arbitrary<string>[] = [...aimedAt(schema), hostileString, hostileNumber].map((arbitrary) =>
    arbitrary.map(asText),
  );
  if (name === 'cursor') {
    texts.push(hostileCursor);
  }
  texts.push(fc.constantFrom('99999999999999999999', '-1', '1e999', 'NaN', 'true', '[]', '{}'));
  const text = fc.oneof(...texts);
  return fc.oneof({ weight: 4, arbitrary: text }, fc.array(text, { minLength: 2, maxLength: 3 }));
}
