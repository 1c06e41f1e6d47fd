// Custom field definitions per appeal kind.
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import {
  actorOf,
  type App,
  errorResponses,
  IdempotencyHeaders,
  idempotencyKey,
  IdParams,
  sendCreated,
} from '../../server/http.ts';
import { AppealKind } from '../categories/categories.schema.ts';
import { CreateCustomField, CustomFieldDefinition, UpdateCustomField } from './custom-fields.schema.ts';
import { createDefinition, deleteDefinition, listDefinitions, updateDefinition } from './custom-fields.service.ts';

export async function registerCustomFieldRoutes(app: App, ctx: Ctx) {
  const tags = ['custom fields'];
  app.get(
    '/api/v1/custom-fields',
    {
      config: { permission: 'settings:read' },
      schema: {
        tags,
        querystring: z.strictObject({ kind: AppealKind.optional() }),
        response: { 200: z.object({ items: z.array(CustomFieldDefinition) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await listDefinitions(ctx, actorOf(req), req.query.kind) }),
  );
  app.post(
    '/api/v1/custom-fields',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        headers: IdempotencyHeaders,
        body: CreateCustomField,
        response: { 201: CustomFieldDefinition, ...errorResponses },
      },
    },
    async (req, reply) => sendCreated(reply, await createDefinition(ctx, actorOf(req), req.body, idempotencyKey(req))),
  );
  app.patch(
    '/api/v1/custom-fields/:id',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        params: IdParams,
        body: UpdateCustomField,
        response: { 200: CustomFieldDefinition, ...errorResponses },
      },
    },
    async (req) => updateDefinition(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/custom-fields/:id',
    {
      config: { permission: 'settings:write' },
      schema: { tags, params: IdParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await deleteDefinition(ctx, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
