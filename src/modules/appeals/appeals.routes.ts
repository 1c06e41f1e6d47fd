// The appeals register over HTTP: a table of endpoints.
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
import { assignAppeal, updateAppeal } from './appeals.changes.ts';
import { listAppeals } from './appeals.list.ts';
import {
  Appeal,
  AppealPage,
  AppealQuery,
  Assign,
  CreateAppeal,
  CreateMessage,
  HistoryEvent,
  Message,
  UpdateAppeal,
} from './appeals.schema.ts';
import { createAppeal, getAppeal } from './appeals.service.ts';
import { addMessage, history, listMessages } from './appeals.thread.ts';

const tags = ['appeals'];

export async function registerAppealRoutes(app: App, ctx: Ctx) {
  registerRecordRoutes(app, ctx);
  registerThreadRoutes(app, ctx);
}

/** The register: list, create, read, change and assign appeals. */
function registerRecordRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/appeals',
    {
      config: { permission: 'appeals:read' },
      schema: { tags, querystring: AppealQuery, response: { 200: AppealPage, ...errorResponses } },
    },
    async (req) => listAppeals(ctx, actorOf(req), req.query),
  );

  app.post(
    '/api/v1/appeals',
    {
      config: { permission: 'appeals:create' },
      schema: {
        tags,
        description:
          'Creates an appeal. Send an Idempotency-Key header to make retries safe. A unit submission that misses ' +
          "its unit type's rules gets 422 submission_rejected naming every failed rule.",
        headers: IdempotencyHeaders,
        body: CreateAppeal,
        response: { 201: Appeal, 409: ErrorBody, 422: ErrorBody, ...errorResponses },
      },
    },
    async (req, reply) => sendCreated(reply, await createAppeal(ctx, actorOf(req), req.body, idempotencyKey(req))),
  );

  app.get(
    '/api/v1/appeals/:id',
    {
      config: { permission: 'appeals:read' },
      schema: { tags, params: IdParams, response: { 200: Appeal, ...errorResponses } },
    },
    async (req) => getAppeal(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/appeals/:id',
    {
      config: { permission: 'appeals:update' },
      schema: { tags, params: IdParams, body: UpdateAppeal, response: { 200: Appeal, ...errorResponses } },
    },
    async (req) => updateAppeal(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/appeals/:id/assign',
    {
      config: { permission: 'appeals:update' },
      schema: {
        tags,
        description: 'Assigns the appeal (ownerId null unassigns). Agents may take appeals themselves only.',
        params: IdParams,
        body: Assign,
        response: { 200: Appeal, ...errorResponses },
      },
    },
    async (req) => assignAppeal(ctx, actorOf(req), req.params.id, req.body.ownerId),
  );
}

/** An appeal's thread and history. */
function registerThreadRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/appeals/:id/messages',
    {
      config: { permission: 'appeals:read' },
      schema: { tags, params: IdParams, response: { 200: z.object({ items: z.array(Message) }), ...errorResponses } },
    },
    async (req) => ({ items: await listMessages(ctx, actorOf(req), req.params.id) }),
  );
  app.post(
    '/api/v1/appeals/:id/messages',
    {
      config: { permission: 'appeals:comment' },
      schema: { tags, params: IdParams, body: CreateMessage, response: { 201: Message, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await addMessage(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/appeals/:id/history',
    {
      config: { permission: 'appeals:read' },
      schema: {
        tags,
        params: IdParams,
        response: { 200: z.object({ items: z.array(HistoryEvent) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await history(ctx, actorOf(req), req.params.id) }),
  );
}
