// One place turns every error into {error:{code,message,fields}}: our AppErrors, request validation,
// Fastify's own (body too large, bad JSON), and the database's constraint violations. Nothing else leaks.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseOutage } from '../db/outage.ts';
import { AppError, type FieldError } from './errors.ts';

/** Seconds a client should wait before sending a request again while the database is away. */
export const OUTAGE_RETRY_AFTER_SECONDS = 2;

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  format?: string;
  keys?: string[];
  input?: unknown;
  params?: { code?: unknown };
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/** What a size limit is about, for a message in the user's language: "at least 3 characters", "at most 50 items". */
const LIMIT_OF: Record<string, 'text' | 'number' | 'list'> = {
  string: 'text',
  number: 'number',
  int: 'number',
  bigint: 'number',
  array: 'list',
  set: 'list',
};

function limitParams(issue: ZodIssueLike): FieldError['params'] {
  const limit = issue.code === 'too_small' ? issue.minimum : issue.code === 'too_big' ? issue.maximum : undefined;
  const of = issue.origin ? LIMIT_OF[issue.origin] : undefined;
  return limit === undefined || of === undefined ? undefined : { limit: Number(limit), of };
}

export function fieldErrorsFromIssues(issues: ZodIssueLike[], prefix = ''): FieldError[] {
  return issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return (issue.keys ?? []).map((key) => ({
        path: base ? `${base}.${key}` : key,
        code: 'unknown_field',
        message: `Unknown field "${key}"`,
      }));
    }
    const params = limitParams(issue);
    return [{ path: base, code: issueCode(issue), message: issue.message, ...(params ? { params } : {}) }];
  });
}

function issueCode(issue: ZodIssueLike): string {
  switch (issue.code) {
    case 'invalid_format':
      return issue.format === 'regex' ? 'invalid_format' : `invalid_${issue.format ?? 'format'}`;
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'invalid_type';
    case 'invalid_value':
      return 'invalid_value';
    case 'invalid_union':
      return 'invalid_value';
    case 'custom':
      // Refinements name their own code: .refine(…, { params: { code: 'unknown_time_zone' } }).
      return typeof issue.params?.code === 'string' ? issue.params.code : 'invalid_value';
    default:
      return issue.code;
  }
}

const PG_CODES: Record<string, { status: number; code: string; message: string }> = {
  '23505': { status: 409, code: 'conflict', message: 'A record with this value already exists' },
  '23503': { status: 400, code: 'validation_failed', message: 'A referenced record does not exist' },
  '22P02': { status: 400, code: 'validation_failed', message: 'A value has the wrong format' },
  '22001': { status: 400, code: 'validation_failed', message: 'A value is too long' },
  '23514': { status: 400, code: 'validation_failed', message: 'A value is not allowed' },
  // Values a schema let through that the column still cannot hold: a float that underflows `real`, a timestamp
  // past a column's range, a key too large for its index.
  '22003': { status: 400, code: 'validation_failed', message: 'A number is out of range' },
  '22008': { status: 400, code: 'validation_failed', message: 'A date or time is out of range' },
  '54000': { status: 400, code: 'validation_failed', message: 'A value is too large' },
};

export function errorHandler(err: FastifyError & { code?: string }, req: FastifyRequest, reply: FastifyReply) {
  const send = (status: number, code: string, message: string, fields: FieldError[] = []) =>
    reply.code(status).send({ error: { code, message, fields } });

  if (err instanceof AppError) {
    return send(err.status, err.code, err.message, err.fields);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext === 'body' ? '' : err.validationContext;
    const issues = err.validation.map((validation): ZodIssueLike => ({
      ...(validation.params as Omit<ZodIssueLike, 'code' | 'path' | 'message'>),
      code: validation.keyword,
      path: validation.instancePath.split('/').filter(Boolean),
      message: validation.message ?? 'Invalid value',
    }));
    const fields = fieldErrorsFromIssues(issues, where === 'querystring' ? 'query' : (where ?? ''));
    const first = fields[0];
    return send(
      400,
      'validation_failed',
      first ? `${first.path || 'body'}: ${first.message}` : 'Invalid request',
      fields,
    );
  }
  if (isDatabaseOutage(err)) {
    // Nothing of this request was committed: the same request, sent again once the database is back, succeeds.
    req.log.warn({ err }, 'the database is unavailable');
    reply.header('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
    return send(503, 'database_unavailable', 'The database is unavailable for a moment; try again shortly');
  }
  const pg = err.code ? PG_CODES[err.code] : undefined;
  if (pg) {
    req.log.info({ err }, 'database constraint refused a request');
    return send(pg.status, pg.code, pg.message);
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send(413, 'payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return send(415, 'unsupported_media_type', 'Send application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send(400, 'validation_failed', 'The JSON body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return send(400, 'validation_failed', 'The body is not valid JSON', [
        { path: '', code: 'invalid_json', message: err.message },
      ]);
  }
  if (err.statusCode === 429) {
    return send(429, 'rate_limited', 'Too many requests; try again later');
  }
  if (err instanceof SyntaxError || err.statusCode === 400) {
    return send(400, 'validation_failed', 'The body is not valid JSON', [
      { path: '', code: 'invalid_json', message: err.message },
    ]);
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return send(err.statusCode, 'bad_request', err.message);
  }
  req.log.error({ err }, 'unhandled error');
  return send(500, 'internal', 'Something went wrong on our side');
}
