// The OpenAPI document names its shared schemas once, in components.schemas, and every $ref finds its schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
let document: {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas?: Record<string, unknown> };
};
beforeAll(async () => {
  env = await startTestEnv();
  document = (await env.request('GET', '/api/docs/json')).body;
});
afterAll(() => env.close());

const REF_PREFIX = '#/components/schemas/';

/** Every `$ref` in a part of the document. */
function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    node.forEach((item) => refsIn(item, found));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        found.push(value);
      } else {
        refsIn(value, found);
      }
    }
  }
  return found;
}

const responseSchema = (path: string, method: string, status: string) => {
  const operation = document.paths[path]?.[method] as {
    responses: Record<string, { content: Record<string, { schema: unknown }> }>;
  };
  return operation.responses[status]?.content['application/json']?.schema;
};

describe('the OpenAPI components', () => {
  it('holds the shared schemas', () => {
    const names = Object.keys(document.components.schemas ?? {});
    expect(names).toEqual(
      expect.arrayContaining(['Appeal', 'AppealListItem', 'Customer', 'Unit', 'User', 'Me', 'Error', 'Category']),
    );
  });

  it('resolves every $ref of the document to a schema in components', () => {
    const schemas = document.components.schemas ?? {};
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(40);
    const unresolved = refs.filter((ref) => !ref.startsWith(REF_PREFIX) || !(ref.slice(REF_PREFIX.length) in schemas));
    expect(unresolved).toEqual([]);
  });

  it('lists only the schemas some endpoint speaks', () => {
    const used = new Set(refsIn(document).map((ref) => ref.slice(REF_PREFIX.length)));
    expect(Object.keys(document.components.schemas ?? {}).filter((name) => !used.has(name))).toEqual([]);
  });

  it('refers to a named schema instead of repeating it', () => {
    expect(responseSchema('/api/v1/appeals/{id}', 'get', '200')).toEqual({ $ref: `${REF_PREFIX}Appeal` });
    expect(responseSchema('/api/v1/auth/me', 'get', '200')).toEqual({ $ref: `${REF_PREFIX}Me` });
    expect(responseSchema('/api/v1/units/{id}', 'get', '404')).toEqual({ $ref: `${REF_PREFIX}Error` });
  });
});
