import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrorsFromIssues } from './error-handler.ts';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues as never);
};

describe('field errors from request validation', () => {
  it.each([
    [z.object({ name: z.string().min(3) }), { name: 'ab' }, 'too_small', { limit: 3, of: 'text' }],
    [z.object({ name: z.string().max(5) }), { name: 'abcdef' }, 'too_big', { limit: 5, of: 'text' }],
    [z.object({ name: z.number().int().min(1) }), { name: 0 }, 'too_small', { limit: 1, of: 'number' }],
    [z.object({ name: z.array(z.string()).max(2) }), { name: ['a', 'b', 'c'] }, 'too_big', { limit: 2, of: 'list' }],
  ])('names the limit a value broke, and of what', (schema, value, code, params) => {
    expect(issuesOf(schema, value)).toEqual([expect.objectContaining({ path: 'name', code, params })]);
  });

  it('gives no limit where there is none', () => {
    expect(issuesOf(z.object({ name: z.email() }), { name: 'nope' })).toEqual([
      { path: 'name', code: 'invalid_email', message: expect.any(String) },
    ]);
    expect(issuesOf(z.strictObject({}), { extra: 1 })).toEqual([
      { path: 'extra', code: 'unknown_field', message: 'Unknown field "extra"' },
    ]);
  });
});
