// The OpenAPI 3.1 document of the API (at /api/docs/json, with an interactive page at /api/docs): every route's
// zod schemas as JSON Schema, and the schemas named with `.meta({ id })` once in components.schemas.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from '../modules/auth/auth.routes.ts';
import type { App } from './http.ts';
import type { DeclaredPermissions } from './route-permissions.ts';

const REF_PREFIX = '#/components/schemas/';

/** Every component name a part of the document refers to with `$ref`. */
function referencedNames(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    node.forEach((item) => referencedNames(item, found));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(REF_PREFIX)) {
        found.add(value.slice(REF_PREFIX.length));
      } else {
        referencedNames(value, found);
      }
    }
  }
  return found;
}

/**
 * The named schemas the paths use, with the ones they use in turn. The zod provider writes every named schema twice
 * (as read, "X", and as written, "XInput"); a reader of the document wants only the ones an endpoint speaks.
 */
function usedSchemas(paths: unknown, all: Record<string, unknown>): Record<string, unknown> {
  const used = new Set<string>();
  let pending = [...referencedNames(paths)];
  while (pending.length > 0) {
    const fresh = pending.filter((name) => !used.has(name) && name in all);
    fresh.forEach((name) => used.add(name));
    pending = fresh.flatMap((name) => [...referencedNames(all[name])]);
  }
  return Object.fromEntries(Object.entries(all).filter(([name]) => used.has(name)));
}

/** Marks each operation with the permission its route declared (`x-permission`: a permission, signed_in, public). */
function markPermissions(paths: unknown, permissions: DeclaredPermissions): void {
  for (const [path, operations] of Object.entries((paths ?? {}) as Record<string, Record<string, object>>)) {
    for (const [method, operation] of Object.entries(operations)) {
      const permission = permissions.get(`${method} ${path}`);
      if (permission) {
        Object.assign(operation, { 'x-permission': permission });
      }
    }
  }
}

export async function registerOpenApi(app: App, permissions: DeclaredPermissions) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Otklik API',
        version: '1',
        description: 'Appeals register, customers, units and users of Otklik.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token (otk_…) created at POST /api/v1/tokens',
          },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => {
      const document = jsonSchemaTransformObject(input);
      // Read as plain JSON: the schemas are the ones the transform wrote, only fewer of them.
      const components: { schemas?: Record<string, unknown> } | undefined =
        'components' in document ? document.components : undefined;
      if (components?.schemas) {
        components.schemas = usedSchemas(document.paths, components.schemas);
      }
      markPermissions(document.paths, permissions);
      return document;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
