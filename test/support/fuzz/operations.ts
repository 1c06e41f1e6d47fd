// The API's operations as the OpenAPI document describes them, with every $ref resolved, for the fuzz and the
// authorisation matrix: a new route is covered without writing a new test.
import type { JSONSchema7 } from 'json-schema';

export type Schema = JSONSchema7;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path, with {placeholders}. */
  path: string;
  parameters: Parameter[];
  /** The JSON body's schema, when the operation takes one. */
  body: Schema | null;
  /** Route config the server publishes as extensions (x-…), e.g. the permission it requires. */
  extensions: Record<string, unknown>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface RawOperation {
  parameters?: (Parameter & { $ref?: string })[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  [extension: `x-${string}`]: unknown;
}

/** Replaces every `$ref` to components.schemas with the schema it names (once per branch, so cycles end). */
export function resolveRefs(schema: Schema, document: OpenApiDocument, seen: ReadonlySet<string> = new Set()): Schema {
  if (typeof schema !== 'object' || schema === null) {
    return schema;
  }
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target || seen.has(name)) {
      return {};
    }
    return resolveRefs(target, document, new Set([...seen, name]));
  }
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (Array.isArray(value)) {
      resolved[key] = value.map((item) =>
        typeof item === 'object' && item !== null ? resolveRefs(item as Schema, document, seen) : item,
      );
    } else if (typeof value === 'object' && value !== null) {
      const isMap = key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'definitions';
      resolved[key] = isMap
        ? Object.fromEntries(
            Object.entries(value).map(([name, child]) => [name, resolveRefs(child as Schema, document, seen)]),
          )
        : resolveRefs(value as Schema, document, seen);
    } else {
      resolved[key] = value;
    }
  }
  return resolved as Schema;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      const body = raw.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        parameters: (raw.parameters ?? []).map((parameter) => ({
          ...parameter,
          required: Boolean(parameter.required),
          schema: resolveRefs(parameter.schema ?? {}, document),
        })),
        body: body ? resolveRefs(body, document) : null,
        extensions: Object.fromEntries(Object.entries(raw).filter(([key]) => key.startsWith('x-'))),
      });
    }
  }
  return operations;
}

/** `POST /api/v1/appeals/{id}/assign` */
export const operationName = (operation: Operation): string => `${operation.method} ${operation.path}`;
