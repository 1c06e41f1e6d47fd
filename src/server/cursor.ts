// Opaque keyset cursors: base64url JSON of the last row's sort key. A cursor is checked against the shape its list
// gives out, each key included (a uuid, a timestamp as PostgreSQL prints it, a number), so a tampered cursor is a
// 400 naming query.cursor, never a 500 from the database refusing the value.
import { z } from 'zod';
import { EARLIEST_DAY, LATEST_DAY } from './dates.schema.ts';
import { invalidField } from './errors.ts';

export const encodeCursor = (key: Record<string, string | number | null>): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

/** `2026-03-01 09:30:00.123456+03` (PostgreSQL's text) or `2026-03-01T06:30:00.123Z` (ISO), within 1900–9999. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/;

function isTimestamp(text: string): boolean {
  const parts = TIMESTAMP.exec(text);
  if (!parts) {
    return false;
  }
  const [, year, month, dayOfMonth, hours, minutes, seconds] = parts.map(Number) as number[];
  const date = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, dayOfMonth ?? 0));
  const dateExists = date.getUTCMonth() === (month ?? 0) - 1 && date.getUTCDate() === dayOfMonth;
  const timeExists = (hours ?? 99) < 24 && (minutes ?? 99) < 60 && (seconds ?? 99) < 60;
  const day = text.slice(0, 10);
  return dateExists && timeExists && day >= EARLIEST_DAY && day <= LATEST_DAY;
}

/** The kinds of key a cursor carries. */
export const cursorKey = {
  id: z.uuid(),
  timestamp: z.string().refine(isTimestamp),
  /** A bigint sort key (an appeal's number), as text or a JSON number. */
  number: z.union([z.string().regex(/^\d{1,15}$/), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]),
};

const refused = (path: string) => invalidField(path, 'invalid_cursor', 'The cursor is not one this API gave out');

export function decodeCursor<Shape extends z.ZodRawShape>(
  cursor: string,
  shape: Shape,
  path = 'query.cursor',
): z.output<z.ZodObject<Shape>> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused(path);
  }
  const parsed = z.object(shape).safeParse(value);
  if (!parsed.success) {
    throw refused(path);
  }
  return parsed.data;
}
