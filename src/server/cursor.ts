// Opaque keyset cursors: base64url JSON of the last row's sort key. A tampered cursor is a 400, not a 500.
import { invalidField } from './errors.ts';

export const encodeCursor = (key: Record<string, string | number | null>): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor<K extends string>(
  cursor: string,
  keys: readonly K[],
  path = 'query.cursor',
): Record<K, string | number | null> {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && keys.every((k) => k in value)) {
      return value as Record<K, string | number | null>;
    }
  } catch {
    // fall through to the field error
  }
  throw invalidField(path, 'invalid_cursor', 'The cursor is not one this API gave out');
}
