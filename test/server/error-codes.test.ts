// Every error code the server can send has a message in Russian and in English in the web app, so no screen shows
// the validator's English ("Too small: expected string to have >=1 characters") to a Russian user. The codes are
// read from the source: the error kinds (ErrorCode), every field error a service names (invalidField(path, 'code'),
// a { path, code: 'code' } object, the submission and import checks' helpers), and the codes request validation
// gives (error-handler.ts), so a code added anywhere fails here until it is translated.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Calls that make a field error from (path, code, message). */
const FIELD_ERROR_CALLS =
  /\b(?:invalidField|fail|problem)\(\s*(?:'[^'\n]*'|`[^`\n]*`|[\w.]+)\s*,\s*'([a-z][a-z0-9_]*)'/g;
const CODE_PROPERTY = /\bcode: '([a-z][a-z0-9_]*)'/g;
/** `code: '…'` that is not an error code: zod's own issue kind for refinements, a column named code. */
const NOT_ERROR_CODES = new Set(['custom', 'code']);
/** What request validation answers (error-handler.ts issueCode), for the string formats our schemas use. */
const VALIDATION_CODES = [
  'required',
  'invalid_type',
  'invalid_value',
  'invalid_format',
  'invalid_email',
  'invalid_uuid',
  'invalid_url',
  'invalid_datetime',
  'invalid_date',
  'unknown_field',
  'too_small',
  'too_big',
  'not_multiple_of',
  'invalid_key',
  'invalid_element',
];
/** Size limits say which limit they broke: `too_small_text` "at least {{limit}} characters". */
const LIMIT_VARIANTS = ['too_small', 'too_big'].flatMap((code) =>
  ['text', 'number', 'list'].map((of) => `${code}_${of}`),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(path);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function codesTheServerSends(): Set<string> {
  const codes = new Set([...VALIDATION_CODES, ...LIMIT_VARIANTS]);
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8');
    for (const match of [...text.matchAll(FIELD_ERROR_CALLS), ...text.matchAll(CODE_PROPERTY)]) {
      const code = match[1];
      if (code && !NOT_ERROR_CODES.has(code)) {
        codes.add(code);
      }
    }
  }
  const errorKinds = /export type ErrorCode =([^;]+);/.exec(readFileSync('src/server/errors.ts', 'utf8'))?.[1] ?? '';
  for (const [, kind] of errorKinds.matchAll(/'([a-z_]+)'/g)) {
    codes.add(kind ?? '');
  }
  return codes;
}

/** Every `fieldError` message of one language, from all the web app's dictionaries. */
function fieldErrorMessages(language: 'ru' | 'en'): Record<string, string> {
  const dir = 'web/src/i18n';
  const files = readdirSync(dir).filter((name) => name === `${language}.json` || name.endsWith(`.${language}.json`));
  return Object.assign(
    {},
    ...files.map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')).fieldError ?? {}),
  ) as Record<string, string>;
}

describe('error codes in the web app', () => {
  const codes = [...codesTheServerSends()].sort();

  it('finds the codes the server sends', () => {
    expect(codes.length).toBeGreaterThan(100);
    expect(codes).toEqual(expect.arrayContaining(['invalid_email', 'unknown_unit', 'comment_too_short', 'forbidden']));
  });

  it.each(['ru', 'en'] as const)('has a %s message for every one of them', (language) => {
    const messages = fieldErrorMessages(language);
    expect(codes.filter((code) => !messages[code]?.trim())).toEqual([]);
  });

  it('writes the Russian messages in Russian', () => {
    const russian = fieldErrorMessages('ru');
    expect(codes.filter((code) => russian[code] && !/[а-яё]/i.test(russian[code]))).toEqual([]);
  });
});
