// Routing rules: the admin's ordered if-then rules, and a dry run that shows what they would do.
import { z } from 'zod';
import type { Ctx } from '../../../context.ts';
import {
  actorOf,
  type App,
  errorResponses,
  IdempotencyHeaders,
  idempotencyKey,
  IdParams,
  sendCreated,
} from '../../../server/http.ts';
import { CreateRule, DryRun, Evaluation, Rule, UpdateRule } from './rules.schema.ts';
import { createRule, deleteRule, dryRun, getRule, listRules, updateRule } from './rules.manage.ts';

export async function registerRoutingRuleRoutes(app: App, ctx: Ctx) {
  const tags = ['routing'];
  app.get(
    '/api/v1/routing/rules',
    {
      config: { permission: 'settings:read' },
      schema: { tags, response: { 200: z.object({ items: z.array(Rule) }), ...errorResponses } },
    },
    async (req) => ({ items: await listRules(ctx, actorOf(req)) }),
  );
  app.post(
    '/api/v1/routing/rules',
    {
      config: { permission: 'settings:write' },
      schema: { tags, headers: IdempotencyHeaders, body: CreateRule, response: { 201: Rule, ...errorResponses } },
    },
    async (req, reply) => sendCreated(reply, await createRule(ctx, actorOf(req), req.body, idempotencyKey(req))),
  );
  app.post(
    '/api/v1/routing/rules/dry-run',
    {
      config: { permission: 'settings:read' },
      schema: { tags, body: DryRun, response: { 200: Evaluation, ...errorResponses } },
    },
    async (req) => dryRun(ctx, actorOf(req), req.body),
  );
  app.get(
    '/api/v1/routing/rules/:id',
    {
      config: { permission: 'settings:read' },
      schema: { tags, params: IdParams, response: { 200: Rule, ...errorResponses } },
    },
    async (req) => getRule(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/routing/rules/:id',
    {
      config: { permission: 'settings:write' },
      schema: { tags, params: IdParams, body: UpdateRule, response: { 200: Rule, ...errorResponses } },
    },
    async (req) => updateRule(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/routing/rules/:id',
    {
      config: { permission: 'settings:write' },
      schema: { tags, params: IdParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await deleteRule(ctx, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
