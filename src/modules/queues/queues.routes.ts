// Queues, their members' attestation, and routing appeals into queues: a table of endpoints.
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import {
  actorOf,
  type App,
  ErrorBody,
  errorResponses,
  IdempotencyHeaders,
  idempotencyKey,
  IdParams,
  sendCreated,
} from '../../server/http.ts';
import { routeAppeal } from './queues.routing.ts';
import {
  CreateQueue,
  MemberParams,
  PutQueueMember,
  Queue,
  QueueMember,
  QueueQuery,
  RouteAppeal,
  RoutedAppeal,
  UpdateQueue,
} from './queues.schema.ts';
import {
  createQueue,
  getQueue,
  listMembers,
  listQueues,
  putMember,
  removeMember,
  updateQueue,
} from './queues.service.ts';

const tags = ['queues'];

function registerQueueCrudRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/queues',
    {
      config: { permission: 'settings:read' },
      schema: {
        tags,
        querystring: QueueQuery,
        response: { 200: z.object({ items: z.array(Queue) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await listQueues(ctx, actorOf(req), req.query) }),
  );
  app.post(
    '/api/v1/queues',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        headers: IdempotencyHeaders,
        body: CreateQueue,
        response: { 201: Queue, 409: ErrorBody, ...errorResponses },
      },
    },
    async (req, reply) => sendCreated(reply, await createQueue(ctx, actorOf(req), req.body, idempotencyKey(req))),
  );
  app.get(
    '/api/v1/queues/:id',
    {
      config: { permission: 'settings:read' },
      schema: { tags, params: IdParams, response: { 200: Queue, ...errorResponses } },
    },
    async (req) => getQueue(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/queues/:id',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        params: IdParams,
        body: UpdateQueue,
        response: { 200: Queue, 409: ErrorBody, ...errorResponses },
      },
    },
    async (req) => updateQueue(ctx, actorOf(req), req.params.id, req.body),
  );
}

/** A queue's members and their attestation. */
function registerQueueMemberRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/queues/:id/members',
    {
      config: { permission: 'settings:read' },
      schema: {
        tags,
        params: IdParams,
        response: { 200: z.object({ items: z.array(QueueMember) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await listMembers(ctx, actorOf(req), req.params.id) }),
  );
  app.put(
    '/api/v1/queues/:id/members/:userId',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        description: 'Adds the user to the queue (201) or replaces their attestation and availability (200).',
        params: MemberParams,
        body: PutQueueMember,
        response: { 200: QueueMember, 201: QueueMember, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { id: queueId, userId } = req.params;
      const { member, created } = await putMember(ctx, actorOf(req), { queueId, userId }, req.body);
      return reply.code(created ? 201 : 200).send(member);
    },
  );
  app.delete(
    '/api/v1/queues/:id/members/:userId',
    {
      config: { permission: 'settings:write' },
      schema: { tags, params: MemberParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await removeMember(ctx, actorOf(req), req.params.id, req.params.userId);
      return reply.code(204).send(null);
    },
  );
}

function registerAppealRoutingRoute(app: App, ctx: Ctx) {
  app.post(
    '/api/v1/appeals/:id/route',
    {
      config: { permission: 'appeals:update' },
      schema: {
        tags: ['appeals', 'queues'],
        description:
          'Puts the appeal in a queue and, unless the queue is manual or assign is false, ' +
          "gives it to a member by the queue's strategy (round-robin or least-loaded among available, " +
          'certified members). With nobody eligible it waits in the queue unassigned.',
        params: IdParams,
        body: RouteAppeal,
        response: { 200: RoutedAppeal, ...errorResponses },
      },
    },
    async (req) => routeAppeal(ctx, actorOf(req), req.params.id, req.body),
  );
}

export async function registerQueueRoutes(app: App, ctx: Ctx) {
  registerQueueCrudRoutes(app, ctx);
  registerQueueMemberRoutes(app, ctx);
  registerAppealRoutingRoute(app, ctx);
}
