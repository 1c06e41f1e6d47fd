// The category taxonomy.
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
import { Category, CreateCategory, UpdateCategory } from './categories.schema.ts';
import { createCategory, listCategories, updateCategory } from './categories.service.ts';

export async function registerCategoryRoutes(app: App, ctx: Ctx) {
  const tags = ['categories'];
  app.get(
    '/api/v1/categories',
    {
      config: { permission: 'categories:read' },
      schema: { tags, response: { 200: z.object({ items: z.array(Category) }), ...errorResponses } },
    },
    async (req) => ({ items: await listCategories(ctx, actorOf(req)) }),
  );
  app.post(
    '/api/v1/categories',
    {
      config: { permission: 'categories:write' },
      schema: {
        tags,
        headers: IdempotencyHeaders,
        body: CreateCategory,
        response: { 201: Category, ...errorResponses },
      },
    },
    async (req, reply) => sendCreated(reply, await createCategory(ctx, actorOf(req), req.body, idempotencyKey(req))),
  );
  app.patch(
    '/api/v1/categories/:id',
    {
      config: { permission: 'categories:write' },
      schema: { tags, params: IdParams, body: UpdateCategory, response: { 200: Category, ...errorResponses } },
    },
    async (req) => updateCategory(ctx, actorOf(req), req.params.id, req.body),
  );
}
