// A user's saved queue views: a table of endpoints. Every route acts on the caller's own views only.
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { actorOf, type App, ErrorBody, errorResponses, IdParams } from '../../server/http.ts';
import { CreateView, SavedView, UpdateView } from './views.schema.ts';
import { createView, deleteView, listViews, updateView } from './views.service.ts';

export async function registerViewRoutes(app: App, ctx: Ctx) {
  const tags = ['views'];
  app.get(
    '/api/v1/views',
    {
      config: { permission: 'signed_in' },
      schema: {
        tags,
        description: "The caller's saved queue views.",
        response: { 200: z.object({ items: z.array(SavedView) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await listViews(ctx, actorOf(req)) }),
  );
  app.post(
    '/api/v1/views',
    {
      config: { permission: 'signed_in' },
      schema: {
        tags,
        description: 'Saves a named queue filter (409 on a duplicate name or past 50 views).',
        body: CreateView,
        response: { 201: SavedView, 409: ErrorBody, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createView(ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/views/:id',
    {
      config: { permission: 'signed_in' },
      schema: {
        tags,
        params: IdParams,
        body: UpdateView,
        response: { 200: SavedView, 409: ErrorBody, ...errorResponses },
      },
    },
    async (req) => updateView(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/views/:id',
    {
      config: { permission: 'signed_in' },
      schema: { tags, params: IdParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await deleteView(ctx, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
