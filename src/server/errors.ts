// Errors are values with codes. Services throw AppError; one handler turns every error into
// {error:{code,message,fields}} and never leaks a stack trace or SQL to the client.
export interface FieldError {
  path: string;
  code: string;
  message: string;
  /** What a client needs to say the message in its own language: the limit a value broke, and of what kind. */
  params?: { limit: number; of: 'text' | 'number' | 'list' };
}

export type ErrorCode =
  | 'validation_failed'
  | 'submission_rejected'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'idempotency_conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'database_unavailable'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  submission_rejected: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  idempotency_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  database_unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);

/**
 * Runs checks that may throw validation errors and keeps their fields, so that one answer names every invalid
 * field instead of only the first. Other errors pass through.
 */
export function fieldErrorCollector() {
  const errors: FieldError[] = [];
  const collect = async <T>(check: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await check();
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation_failed') {
        throw err;
      }
      errors.push(...err.fields);
      return undefined;
    }
  };
  /** Throws one validation error with every field collected, if any. */
  const throwIfAny = () => {
    if (errors.length) {
      throw validationFailed(errors);
    }
  };
  return { errors, collect, throwIfAny };
}

/** One validation error naming every invalid field; its message is the first field's. */
export function validationFailed(fields: readonly FieldError[]): AppError {
  return new AppError('validation_failed', fields[0]?.message ?? 'The request is invalid', [...fields]);
}

/** One invalid field: the common case for services that check references (unknown ids and the like). */
export function invalidField(path: string, code: string, message: string): AppError {
  return new AppError('validation_failed', message, [{ path, code, message }]);
}
