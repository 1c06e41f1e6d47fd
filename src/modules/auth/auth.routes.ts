// Login/logout with a session cookie, the current user, and API tokens.
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { actorOf, type App, ErrorBody, errorResponses, IdParams } from '../../server/http.ts';
import { LoginLimited } from './auth.limit.ts';
import { ApiToken, CreatedToken, CreateToken, Me } from './auth.schema.ts';
import { actorFromCredentials, createToken, listTokens, login, logout, revokeToken } from './auth.service.ts';
import { mustExist } from '../../db/rows.ts';

export const SESSION_COOKIE = 'otklik_session';

const tags = ['auth'];

export async function registerAuthRoutes(app: App, ctx: Ctx) {
  registerSessionRoutes(app, ctx);
  registerTokenRoutes(app, ctx);
}

/** Logging in and out with the session cookie, and who is logged in. */
function registerSessionRoutes(app: App, ctx: Ctx) {
  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true, rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: 60_000 } },
      schema: {
        tags,
        security: [],
        body: z.strictObject({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) }),
        description:
          'Logs in with a session cookie. Failed logins are limited per e-mail and client address and, more ' +
          'loosely, per address (429 with Retry-After while a limit holds; see the README, Configuration).',
        response: { 200: Me, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const { sessionToken, expiresAt } = await login(ctx, { ...req.body, address: req.ip }).catch((err) => {
        if (err instanceof LoginLimited) {
          reply.header('retry-after', String(err.retryAfterSeconds));
        }
        throw err;
      });
      reply.setCookie(SESSION_COOKIE, sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.cookieSecure,
        expires: expiresAt,
      });
      return mustExist(await actorFromCredentials(ctx, { sessionToken }), 'session just created');
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { public: true }, schema: { tags, response: { 204: z.null() } } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        await logout(ctx, token);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    { config: { permission: 'signed_in' }, schema: { tags, response: { 200: Me, ...errorResponses } } },
    async (req) => actorOf(req),
  );
}

/** API tokens: a user's own, or anyone's for an administrator. */
function registerTokenRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/tokens',
    {
      config: { permission: 'signed_in' },
      schema: {
        tags,
        querystring: z.strictObject({ userId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(ApiToken) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await listTokens(ctx, actorOf(req), req.query.userId) }),
  );

  app.post(
    '/api/v1/tokens',
    {
      config: { permission: 'signed_in' },
      schema: {
        tags,
        description: 'Creates an API token. The secret is in the answer once and never again.',
        body: CreateToken,
        response: { 201: CreatedToken, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createToken(ctx, actorOf(req), req.body)),
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      config: { permission: 'signed_in' },
      schema: { tags, params: IdParams, response: { 200: ApiToken, ...errorResponses } },
    },
    async (req) => revokeToken(ctx, actorOf(req), req.params.id),
  );
}
