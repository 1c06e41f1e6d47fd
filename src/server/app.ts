// Assembles the HTTP server: parsers, auth, OpenAPI, error handling, and each domain's routes.
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyReply, LogController, type FastifyBaseLogger } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { registerAnalyticsRoutes } from '../modules/analytics/analytics.routes.ts';
import { registerAppealRoutes } from '../modules/appeals/appeals.routes.ts';
import { registerAttachmentRoutes } from '../modules/attachments/attachments.routes.ts';
import { registerAuthRoutes, SESSION_COOKIE } from '../modules/auth/auth.routes.ts';
import { actorFromCredentials } from '../modules/auth/auth.service.ts';
import { registerCategoryRoutes } from '../modules/categories/categories.routes.ts';
import { registerCustomFieldRoutes } from '../modules/custom-fields/custom-fields.routes.ts';
import { registerCustomerRoutes } from '../modules/customers/customers.routes.ts';
import { registerEscalationRoutes } from '../modules/escalations/escalations.routes.ts';
import { registerEventRoutes } from '../modules/events/events.routes.ts';
import { registerMailRoutes } from '../modules/mail/mail.routes.ts';
import { registerOutboundMailRoutes } from '../modules/mail/outbound/outbound.routes.ts';
import { registerNotificationRoutes } from '../modules/notifications/notifications.routes.ts';
import { registerQueueRoutes } from '../modules/queues/queues.routes.ts';
import { registerRoutingRuleRoutes } from '../modules/routing/rules/rules.routes.ts';
import { registerClassificationRoutes } from '../modules/routing/classification/classification.routes.ts';
import { registerSlaRoutes } from '../modules/sla/sla.routes.ts';
import { registerSubmissionRoutes } from '../modules/submissions/submissions.routes.ts';
import { registerSubtaskRoutes } from '../modules/subtasks/subtasks.routes.ts';
import { registerSurveyPublicRoutes } from '../modules/surveys/public.routes.ts';
import { registerSurveyRoutes } from '../modules/surveys/surveys.routes.ts';
import { registerUnitRoutes } from '../modules/units/units.routes.ts';
import { registerUserRoutes } from '../modules/users/users.routes.ts';
import { registerViewRoutes } from '../modules/views/views.routes.ts';
import { errorHandler } from './error-handler.ts';
import { registerOpenApi } from './openapi.ts';
import { checkRoutePermission, requireDeclaredPermissions } from './route-permissions.ts';
import { unstorableTextFields } from './text-guard.ts';
import { registerWebRoutes } from './web.ts';
import { AppError } from './errors.ts';
import type { App } from './http.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Every domain's routes, in the order they register. */
const DOMAIN_ROUTES = [
  registerAuthRoutes,
  registerUserRoutes,
  registerUnitRoutes,
  registerCategoryRoutes,
  registerCustomerRoutes,
  registerAppealRoutes,
  registerAttachmentRoutes,
  registerSubmissionRoutes,
  registerCustomFieldRoutes,
  registerSlaRoutes,
  registerNotificationRoutes,
  registerQueueRoutes,
  registerSubtaskRoutes,
  registerEscalationRoutes,
  registerClassificationRoutes,
  registerRoutingRuleRoutes,
  registerMailRoutes,
  registerOutboundMailRoutes,
  registerEventRoutes,
  registerAnalyticsRoutes,
  registerSurveyRoutes,
  registerSurveyPublicRoutes,
  registerViewRoutes,
];

function createServer(ctx: Ctx, logger: FastifyBaseLogger | undefined): App {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    // Per-request logs cost more than the requests at load; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: ctx.config.bodyLimitBytes,
    // Only behind a known proxy may X-Forwarded-For name the client (rate limits key on it).
    trustProxy: ctx.config.trustProxy,
    // Fastify's own refusals (a path that is not valid percent-encoded UTF-8) answer in our error shape too.
    frameworkErrors: (error, _req, reply: FastifyReply) =>
      reply.code(400).send({
        error: {
          code: 'validation_failed',
          message: 'The address is not valid',
          fields: [{ path: 'url', code: 'invalid_url', message: error.message }],
        },
      }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}`, fields: [] } }),
  );
  return app;
}

/** JSON bodies must be valid UTF-8: a silent U+FFFD would corrupt a customer's words. */
function parseStrictUtf8Json(app: App) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      return done(
        new AppError('validation_failed', 'The body is not valid UTF-8', [
          { path: '', code: 'invalid_utf8', message: 'The body is not valid UTF-8' },
        ]),
        undefined,
      );
    }
    parseJson(req, text, done);
  });
}

/** Text PostgreSQL cannot store (a NUL, half a surrogate pair) is refused before validation, naming each field. */
function refuseUnstorableText(app: App) {
  app.addHook('preValidation', async (req) => {
    const fields = [
      ...unstorableTextFields(req.params, 'params'),
      ...unstorableTextFields(req.query, 'query'),
      ...unstorableTextFields(req.body, ''),
    ];
    const first = fields[0];
    if (first) {
      throw new AppError('validation_failed', `${first.path || 'body'}: ${first.message}`, fields);
    }
  });
}

/** Every API request names its actor (an API token or the session cookie), unless its route is public. */
function authenticateApiRequests(app: App, ctx: Ctx) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) {
      return;
    }
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    req.actor = (await actorFromCredentials(ctx, { bearer, sessionToken: req.cookies[SESSION_COOKIE] })) ?? null;
    if (!req.actor && !req.routeOptions.config.public) {
      throw new AppError('unauthenticated', 'Log in or send an API token');
    }
    checkRoutePermission(req);
  });
}

function registerHealthRoute(app: App, ctx: Ctx) {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => {
      await ctx.db.query('SELECT 1');
      return { status: 'ok' as const, db: ctx.db.kind };
    },
  );
}

export async function buildApp(ctx: Ctx, options: { logger?: FastifyBaseLogger } = {}): Promise<App> {
  const app = createServer(ctx, options.logger);
  parseStrictUtf8Json(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.config.attachmentMaxBytes, files: 10, fields: 20 } });
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app, requireDeclaredPermissions(app));

  authenticateApiRequests(app, ctx);
  refuseUnstorableText(app);
  registerHealthRoute(app, ctx);
  for (const register of DOMAIN_ROUTES) {
    await register(app, ctx);
  }
  await registerWebRoutes(app); // last: its catch-all GET serves the web app for every non-API path
  return app;
}
