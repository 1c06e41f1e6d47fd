// Escalations: an agent asks, a supervisor decides; the supervisors' inbox.
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import {
  actorOf,
  type App,
  errorResponses,
  ErrorBody,
  IdempotencyHeaders,
  idempotencyKey,
  IdParams,
  sendCreated,
} from '../../server/http.ts';
import { CreateEscalation, Escalation, EscalationDecision, EscalationQuery } from './escalations.schema.ts';
import { decideEscalation, listEscalations, listOfAppeal, requestEscalation } from './escalations.service.ts';

export async function registerEscalationRoutes(app: App, ctx: Ctx) {
  const tags = ['escalations'];
  const Items = z.object({ items: z.array(Escalation) });
  app.get(
    '/api/v1/appeals/:id/escalations',
    {
      config: { permission: 'appeals:read' },
      schema: { tags, params: IdParams, response: { 200: Items, ...errorResponses } },
    },
    async (req) => ({ items: await listOfAppeal(ctx, actorOf(req), req.params.id) }),
  );
  app.post(
    '/api/v1/appeals/:id/escalations',
    {
      config: { permission: 'appeals:update' },
      schema: {
        tags,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateEscalation,
        response: { 201: Escalation, ...errorResponses, 409: ErrorBody },
      },
    },
    async (req, reply) =>
      sendCreated(
        reply,
        await requestEscalation(ctx, actorOf(req), {
          appealId: req.params.id,
          input: req.body,
          key: idempotencyKey(req),
        }),
      ),
  );
  app.get(
    '/api/v1/escalations',
    {
      config: { permission: 'appeals:read' },
      schema: { tags, querystring: EscalationQuery, response: { 200: Items, ...errorResponses } },
    },
    async (req) => ({ items: await listEscalations(ctx, actorOf(req), req.query) }),
  );
  app.post(
    '/api/v1/escalations/:id/decision',
    {
      config: { permission: 'appeals:assign_any' },
      schema: {
        tags,
        params: IdParams,
        body: EscalationDecision,
        response: { 200: Escalation, ...errorResponses, 409: ErrorBody },
      },
    },
    async (req) => decideEscalation(ctx, actorOf(req), req.params.id, req.body),
  );
}
