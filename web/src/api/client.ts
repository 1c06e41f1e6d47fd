// The one door to the Otklik API: JSON over fetch with the session cookie, errors as ApiError values.
import type { FieldError } from './contract.ts';

/** An answer other than 2xx, carrying the server's machine-readable code and the fields it names. */
export class ApiError extends Error {
  /** When the server said how long to wait (Retry-After on a 429), in seconds. */
  retryAfterSeconds: number | null = null;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function errorFrom(status: number, bodyText: string): Promise<ApiError> {
  try {
    // Any server may answer (a proxy too): every part of Otklik's {error:{code,message,fields}} may be missing.
    const body = JSON.parse(bodyText) as { error?: { code?: string; message?: string; fields?: FieldError[] } };
    if (body.error) {
      return new ApiError(
        status,
        body.error.code ?? 'error',
        body.error.message ?? String(status),
        body.error.fields ?? [],
      );
    }
  } catch {
    // not JSON: a proxy's page or an empty body
  }
  return new ApiError(status, status === 0 ? 'network' : 'http_error', bodyText.slice(0, 200) || `HTTP ${status}`);
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached');
  }
  if (response.status === 204) {
    return undefined as T;
  }
  const text = await response.text();
  if (!response.ok) {
    const error = await errorFrom(response.status, text);
    error.retryAfterSeconds = Number(response.headers.get('retry-after')) || null;
    throw error;
  }
  return JSON.parse(text) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', `${path}${queryString(query)}`),
  /** A list endpoint's items ({ items: [...] } on the wire). */
  items: <Item>(path: string, query?: Query) =>
    request<{ items: Item[] }>('GET', `${path}${queryString(query)}`).then((answer) => answer.items),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, body ?? {}, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** POST without a body (logout answers 204 and takes none). */
  postEmpty: <T>(path: string) => request<T>('POST', path),
};

/** A fresh Idempotency-Key so that a double click or a retry creates one thing. */
export const newIdempotencyKey = () => crypto.randomUUID();
