// When a failed delivery is tried again, and when never: exponential backoff and the SMTP reply classes. Pure.

/** Attempts before a temporary failure becomes final. */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 3_600_000;

/** The wait after a failed attempt: 1 min × 2^(attempts made before it), at most an hour. */
export const retryDelayMs = (attemptsBefore: number): number =>
  Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attemptsBefore), LONGEST_RETRY_MS);

export interface SendFailure {
  /** The SMTP reply code, when the server answered. */
  responseCode?: number | undefined;
  /** The server's answer ("550 5.1.1 User unknown") or, without one, what went wrong locally. */
  message: string;
}

/** A 5xx answer is the server's final word: the same mail would be refused again. */
export const isPermanent = (failure: SendFailure): boolean =>
  failure.responseCode !== undefined && failure.responseCode >= 500 && failure.responseCode < 600;

export type Outcome = { status: 'failed' } | { status: 'pending'; retryInMs: number };

/** What becomes of a row after a failed attempt, given the attempts made before it. */
export function afterFailure(failure: SendFailure, attemptsBefore: number): Outcome {
  if (isPermanent(failure) || attemptsBefore + 1 >= MAX_ATTEMPTS) {
    return { status: 'failed' };
  }
  return { status: 'pending', retryInMs: retryDelayMs(attemptsBefore) };
}

/** A readable error from whatever nodemailer or the file system threw. */
export function failureOf(err: unknown): SendFailure {
  const thrown = err as { responseCode?: unknown; response?: unknown; message?: unknown; code?: unknown };
  const responseCode = typeof thrown?.responseCode === 'number' ? thrown.responseCode : undefined;
  const response = typeof thrown?.response === 'string' && thrown.response ? thrown.response : undefined;
  const message = response ?? (typeof thrown?.message === 'string' && thrown.message ? thrown.message : String(err));
  return { responseCode, message: message.slice(0, 2000) };
}
