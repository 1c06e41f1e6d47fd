// Field errors of an API answer keyed by form field, in the user's language where we know the code:
// "body.subject" lands on "subject", "attachmentIds.2" on "attachmentIds", "customer.phone" on "customer".
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.ts';

export function fieldErrors(error: unknown, t: TFunction): Record<string, string> {
  if (!(error instanceof ApiError)) {
    return {};
  }
  const out: Record<string, string> = {};
  for (const f of error.fields) {
    const path = f.path.replace(/^body\./, '');
    const key = path.startsWith('attachmentIds')
      ? 'attachmentIds'
      : path.startsWith('customer') && path !== 'customer.name'
        ? 'customer'
        : path;
    const message = t(`fieldError.${f.code}`, { defaultValue: f.message });
    out[key] = out[key] ? `${out[key]} ${message}` : message;
  }
  return out;
}
