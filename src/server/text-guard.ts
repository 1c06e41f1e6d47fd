// Text PostgreSQL cannot store as given: a NUL character (text columns refuse it, and the driver fails the whole
// statement) or half of a UTF-16 surrogate pair (it would be stored as U+FFFD, silently changing a customer's
// words). Requests carrying either are refused with a 400 naming every such field, before any work is done.
import type { FieldError } from './errors.ts';

// eslint-disable-next-line no-control-regex -- finding the NUL character is the point
const UNSTORABLE = /\u0000|\p{Surrogate}/u;
const MESSAGE = 'The text holds a NUL character or a broken surrogate pair';

export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/** Every field of a parsed request part (body, query, params) whose text, or whose key, cannot be stored. */
export function unstorableTextFields(value: unknown, path: string): FieldError[] {
  const found: FieldError[] = [];
  const visit = (node: unknown, at: string) => {
    if (typeof node === 'string') {
      if (!isStorableText(node)) {
        found.push({ path: at, code: 'invalid_characters', message: MESSAGE });
      }
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${at}.${index}`));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        const childPath = at ? `${at}.${key}` : key;
        if (!isStorableText(key)) {
          found.push({ path: childPath, code: 'invalid_characters', message: MESSAGE });
        } else {
          visit(child, childPath);
        }
      }
    }
  };
  visit(value, path);
  return found;
}

/** Removes what PostgreSQL text cannot hold, for text we must keep whatever it holds (inbound mail). */
export const storableText = (text: string): string =>
  text.replaceAll('\u0000', '').replace(/\p{Surrogate}/gu, '\ufffd');
