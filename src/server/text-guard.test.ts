import { describe, expect, it } from 'vitest';
import { isStorableText, storableText, unstorableTextFields } from './text-guard.ts';

describe('text PostgreSQL cannot store', () => {
  it('accepts ordinary Russian, English, emoji and combined characters', () => {
    for (const text of ['Иван Петров', 'hello', '👍🏽 спасибо', 'е\u0308ж', '', '\u202e']) {
      expect(isStorableText(text)).toBe(true);
    }
  });

  it('refuses a NUL and a lone half of a surrogate pair', () => {
    for (const text of ['a\u0000b', '\u0000', '\ud800', 'x\udfff', '\udc00\ud800']) {
      expect(isStorableText(text)).toBe(false);
    }
  });

  it('names every field that holds such text, keys included, however deep', () => {
    const body = {
      email: 'a\u0000b',
      customer: { name: 'ok', phones: ['+375', '\ud800'] },
      ['bad\u0000key']: 1,
      count: 3,
    };
    expect(unstorableTextFields(body, '').map((field) => field.path)).toEqual([
      'email',
      'customer.phones.1',
      'bad\u0000key',
    ]);
    expect(unstorableTextFields({ q: '\u0000' }, 'query')).toEqual([
      expect.objectContaining({ path: 'query.q', code: 'invalid_characters' }),
    ]);
  });

  it('strips NULs and replaces broken surrogates where the text must be kept', () => {
    expect(storableText('a\u0000b\ud800c')).toBe('ab\ufffdc');
    expect(storableText('👍')).toBe('👍');
  });
});
