import { describe, expect, it } from 'vitest';
import { cursorKey, decodeCursor, encodeCursor } from './cursor.ts';

const shape = { k: cursorKey.timestamp, id: cursorKey.id };
const id = '0b0c6f3e-8d4a-4c8e-9f1a-2b3c4d5e6f70';

describe('keyset cursors', () => {
  it('read back what they were given, in PostgreSQL’s text and in ISO', () => {
    for (const key of ['2026-03-01 09:30:00.123456+03', '2026-03-01 09:30:00+00', '2026-03-01T06:30:00.123Z']) {
      expect(decodeCursor(encodeCursor({ k: key, id }), shape)).toEqual({ k: key, id });
    }
    expect(decodeCursor(encodeCursor({ n: '12345', id }), { n: cursorKey.number, id: cursorKey.id }).n).toBe('12345');
  });

  it('refuse tampered keys with invalid_cursor', () => {
    const tampered = [
      encodeCursor({ k: '0000-01-01 00:00:00+00', id }),
      encodeCursor({ k: '2026-01-01 25:99:00+00', id }),
      encodeCursor({ k: '294277-01-01 00:00:00+00', id }),
      encodeCursor({ k: '2026-02-30 00:00:00+00', id }),
      encodeCursor({ k: '2026-03-01 09:30:00\u0000', id }),
      encodeCursor({ k: '2026-03-01 09:30:00+00', id: 'not-a-uuid' }),
      encodeCursor({ k: '2026-03-01 09:30:00+00' }),
      'not base64 json',
      '',
    ];
    for (const cursor of tampered) {
      expect(() => decodeCursor(cursor, shape), cursor).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    }
    expect(() => decodeCursor(encodeCursor({ n: '99999999999999999999', id }), { n: cursorKey.number })).toThrow();
  });
});
