// Sub-tasks of appeals, and the work across appeals that other teams hand to a queue or a person.
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
import { CreateSubtask, Subtask, SubtaskQuery, UpdateSubtask } from './subtasks.schema.ts';
import { createSubtask, listOfAppeal, listSubtasks, updateSubtask } from './subtasks.service.ts';

export async function registerSubtaskRoutes(app: App, ctx: Ctx) {
  const tags = ['subtasks'];
  const Items = z.object({ items: z.array(Subtask) });
  app.get(
    '/api/v1/appeals/:id/subtasks',
    {
      config: { permission: 'appeals:read' },
      schema: { tags, params: IdParams, response: { 200: Items, ...errorResponses } },
    },
    async (req) => ({ items: await listOfAppeal(ctx, actorOf(req), req.params.id) }),
  );
  app.post(
    '/api/v1/appeals/:id/subtasks',
    {
      config: { permission: 'appeals:update' },
      schema: {
        tags,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateSubtask,
        response: { 201: Subtask, ...errorResponses },
      },
    },
    async (req, reply) =>
      sendCreated(
        reply,
        await createSubtask(ctx, actorOf(req), { appealId: req.params.id, input: req.body, key: idempotencyKey(req) }),
      ),
  );
  app.get(
    '/api/v1/subtasks',
    {
      config: { permission: 'appeals:read' },
      schema: { tags, querystring: SubtaskQuery, response: { 200: Items, ...errorResponses } },
    },
    async (req) => ({ items: await listSubtasks(ctx, actorOf(req), req.query) }),
  );
  app.patch(
    '/api/v1/subtasks/:id',
    {
      config: { permission: 'appeals:comment' },
      schema: { tags, params: IdParams, body: UpdateSubtask, response: { 200: Subtask, ...errorResponses } },
    },
    async (req) => updateSubtask(ctx, actorOf(req), req.params.id, req.body),
  );
}
