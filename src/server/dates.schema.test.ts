import { describe, expect, it } from 'vitest';
import { day, instant } from './dates.schema.ts';

describe('instants and days a request may name', () => {
  it('accepts ordinary instants with an offset, and the range’s edges', () => {
    for (const text of [
      '2026-03-01T09:30:00+03:00',
      '2026-03-01T06:30:00Z',
      '1900-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
    ]) {
      expect(instant().safeParse(text).success, text).toBe(true);
    }
  });

  it('refuses instants outside 1900–9999 with date_out_of_range, and malformed ones as formats', () => {
    for (const text of ['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '1000-01-01T00:00:00Z']) {
      const result = instant().safeParse(text);
      expect(result.success, text).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ code: 'custom', params: { code: 'date_out_of_range' } });
    }
    for (const text of ['294277-01-01T00:00:00Z', '2026-01-01 25:99', '2026-02-30T00:00:00Z', 'now', '']) {
      expect(instant().safeParse(text).success, text).toBe(false);
    }
  });

  it('does the same for days', () => {
    expect(day().safeParse('2026-03-01').success).toBe(true);
    expect(day().safeParse('0000-01-01').success).toBe(false);
    expect(day().safeParse('294277-01-01').success).toBe(false);
  });
});
