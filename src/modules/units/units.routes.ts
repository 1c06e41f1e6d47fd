// Units of the organisation.
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
import { CreateUnit, Unit, UnitQuery, UpdateUnit } from './units.schema.ts';
import { createUnit, getUnit, listUnits, updateUnit } from './units.service.ts';

export async function registerUnitRoutes(app: App, ctx: Ctx) {
  const tags = ['units'];
  app.get(
    '/api/v1/units',
    {
      config: { permission: 'units:read' },
      schema: {
        tags,
        querystring: UnitQuery,
        response: { 200: z.object({ items: z.array(Unit) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await listUnits(ctx, actorOf(req), req.query) }),
  );
  app.post(
    '/api/v1/units',
    {
      config: { permission: 'units:write' },
      schema: { tags, headers: IdempotencyHeaders, body: CreateUnit, response: { 201: Unit, ...errorResponses } },
    },
    async (req, reply) => sendCreated(reply, await createUnit(ctx, actorOf(req), req.body, idempotencyKey(req))),
  );
  app.get(
    '/api/v1/units/:id',
    {
      config: { permission: 'units:read' },
      schema: { tags, params: IdParams, response: { 200: Unit, ...errorResponses } },
    },
    async (req) => getUnit(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/units/:id',
    {
      config: { permission: 'units:write' },
      schema: { tags, params: IdParams, body: UpdateUnit, response: { 200: Unit, ...errorResponses } },
    },
    async (req) => updateUnit(ctx, actorOf(req), req.params.id, req.body),
  );
}
