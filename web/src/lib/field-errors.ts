// Field errors of an API answer keyed by form field, in the user's language where we know the code:
// "body.subject" lands on "subject", "attachmentIds.2" on "attachmentIds", "customer.phone" on "customer".
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.ts';
import type { FieldError } from '../api/contract.ts';

/** Messages keyed by the input each belongs to; two for one input read one after the other. */
export function gatherByKey(
  messages: Iterable<readonly [path: string, message: string]>,
  keyOf: (path: string) => string,
): Record<string, string> {
  const gathered: Record<string, string> = {};
  for (const [path, message] of messages) {
    const key = keyOf(path);
    gathered[key] = gathered[key] ? `${gathered[key]} ${message}` : message;
  }
  return gathered;
}

const inputOf = (fieldPath: string) => {
  const path = fieldPath.replace(/^body\./, '');
  if (path.startsWith('attachmentIds')) {
    return 'attachmentIds';
  }
  return path.startsWith('customer') && path !== 'customer.name' ? 'customer' : path;
};

/**
 * A field error in the user's language, by its code: a size limit says which limit ("at least 3 characters");
 * a code this app does not know yet falls back to the server's English message.
 */
export function translateFieldError(field: FieldError, translate: TFunction): string {
  const limited = field.params ? `fieldError.${field.code}_${field.params.of}` : null;
  const keys = limited ? [limited, `fieldError.${field.code}`] : [`fieldError.${field.code}`];
  return translate(keys, { defaultValue: field.message, limit: field.params?.limit });
}

export function fieldErrors(error: unknown, translate: TFunction): Record<string, string> {
  if (!(error instanceof ApiError)) {
    return {};
  }
  const messages = error.fields.map((field) => [field.path, translateFieldError(field, translate)] as const);
  return gatherByKey(messages, inputOf);
}
