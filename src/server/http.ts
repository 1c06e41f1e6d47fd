// Shared HTTP types and helpers for route files.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, Permission } from '../modules/auth/actor.ts';
import { AppError } from './errors.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a logged-in user (login, health, docs). */
    public?: boolean;
    /**
     * What the caller's role must be granted to call an /api/v1 route at all (checked before the body is read);
     * 'signed_in' when any logged-in user may call it and the service scopes what they see.
     */
    permission?: Permission | 'signed_in';
  }
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) {
    throw new AppError('unauthenticated', 'Log in or send an API token');
  }
  return req.actor;
}

export const IdParams = z.strictObject({ id: z.uuid() });

const FieldErrorSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  params: z.object({ limit: z.number(), of: z.enum(['text', 'number', 'list']) }).optional(),
});
export const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), fields: z.array(FieldErrorSchema) }) })
  .meta({ id: 'Error' });

/** The error answers every authenticated route may give, for the OpenAPI document. */
export const errorResponses = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

/** Answers 201 with a create's outcome, marking a replayed one (Idempotency-Key). */
export function sendCreated(reply: FastifyReply, outcome: { body: unknown; replayed: boolean }) {
  if (outcome.replayed) {
    reply.header('idempotent-replayed', 'true');
  }
  return reply.code(201).send(outcome.body);
}

/** The Idempotency-Key header every create endpoint accepts (documented in OpenAPI). */
export const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });

export function idempotencyKey(req: FastifyRequest): string | undefined {
  const value = req.headers['idempotency-key'];
  return Array.isArray(value) ? value[0] : value;
}
