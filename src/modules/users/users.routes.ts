// Users and roles (admins), and each user's own profile.
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
import { CreateUser, UpdateMe, UpdateUser, User, UserQuery } from './users.schema.ts';
import { createUser, getUser, listUsers, updateMe, updateUser } from './users.service.ts';

export async function registerUserRoutes(app: App, ctx: Ctx) {
  const tags = ['users'];
  app.get(
    '/api/v1/users',
    {
      config: { permission: 'users:read' },
      schema: {
        tags,
        querystring: UserQuery,
        response: { 200: z.object({ items: z.array(User) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await listUsers(ctx, actorOf(req), req.query) }),
  );
  app.post(
    '/api/v1/users',
    {
      config: { permission: 'users:write' },
      schema: { tags, headers: IdempotencyHeaders, body: CreateUser, response: { 201: User, ...errorResponses } },
    },
    async (req, reply) => sendCreated(reply, await createUser(ctx, actorOf(req), req.body, idempotencyKey(req))),
  );
  app.get(
    '/api/v1/users/me',
    { config: { permission: 'signed_in' }, schema: { tags, response: { 200: User, ...errorResponses } } },
    async (req) => getUser(ctx, actorOf(req), actorOf(req).id),
  );
  app.patch(
    '/api/v1/users/me',
    {
      config: { permission: 'signed_in' },
      schema: { tags, body: UpdateMe, response: { 200: User, ...errorResponses } },
    },
    async (req) => updateMe(ctx, actorOf(req), req.body),
  );
  app.get(
    '/api/v1/users/:id',
    {
      config: { permission: 'users:read' },
      schema: { tags, params: IdParams, response: { 200: User, ...errorResponses } },
    },
    async (req) => getUser(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      config: { permission: 'users:write' },
      schema: { tags, params: IdParams, body: UpdateUser, response: { 200: User, ...errorResponses } },
    },
    async (req) => updateUser(ctx, actorOf(req), req.params.id, req.body),
  );
}
