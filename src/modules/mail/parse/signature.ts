// Finds where the sender's signature begins at the end of a reply's new text.
import { oneOf } from './phrases.ts';

/** "Sent from my iPhone", "Отправлено с iPhone", "Отправлено из мобильной Почты Mail.ru", "Get Outlook for Android"… */
const MOBILE = [
  /^(sent|отправлено|послано)\s+(from|with|via|с|со|из)\s+\S/iu,
  /^(get|получить|получите|скачать)\s+outlook\s+(for|для)\s+(ios|android)/iu,
];
const MOBILE_MAX_LENGTH = 70;
/** The mobile line must be near the very end: only this many non-blank lines may follow it. */
const MOBILE_MAX_TRAILING = 2;

/** A closing phrase opens a signature block only when the block is short. */
const CLOSING = new RegExp(
  `^${oneOf([
    'с уважением',
    'с наилучшими пожеланиями',
    'всего доброго',
    'всего хорошего',
    'best regards',
    'kind regards',
    'warm regards',
    'regards',
    'best wishes',
    'sincerely',
    'yours sincerely',
    'cheers',
  ])}${String.raw`(?=$|[\s,.!])`}`,
  'iu',
);
const CLOSING_MAX_LINES = 6;
const CLOSING_MAX_LENGTH = 70;

/** RFC 3676 "-- "; a bare "--" (trailing space lost) counts only above a short block. */
const BARE_DASHES_MAX_LINES = 10;

const nonBlank = (lines: readonly string[], from: number, to: number) =>
  lines.slice(from, to).filter((line) => line.trim() !== '');

function mobileStart(lines: readonly string[], end: number): number | null {
  let seen = 0;
  for (let i = end - 1; i >= 0 && seen <= MOBILE_MAX_TRAILING; i--) {
    const line = (lines[i] ?? '').trim();
    if (!line) {
      continue;
    }
    if (line.length <= MOBILE_MAX_LENGTH && MOBILE.some((pattern) => pattern.test(line))) {
      return i;
    }
    seen++;
  }
  return null;
}

function dashesStart(lines: readonly string[], end: number): number | null {
  for (let i = 0; i < end; i++) {
    const line = lines[i] ?? '';
    if (line === '-- ' || line === '--\u00a0') {
      return i;
    }
    if (line.trim() === '--' && nonBlank(lines, i + 1, end).length <= BARE_DASHES_MAX_LINES) {
      return i;
    }
  }
  return null;
}

function closingStart(lines: readonly string[], end: number): number | null {
  let count = 0;
  for (let i = end - 1; i >= 0; i--) {
    const line = (lines[i] ?? '').trim();
    if (!line) {
      continue;
    }
    if (++count > CLOSING_MAX_LINES || line.length > CLOSING_MAX_LENGTH) {
      return null;
    }
    if (CLOSING.test(line)) {
      return i;
    }
  }
  return null;
}

/**
 * The index of the first signature line among lines[0, end), or null. Rules are applied repeatedly from the
 * bottom ("С уважением, Иван" above "Отправлено с iPhone"). With keepText they never take the last line of real
 * text; without it they may take everything (to tell a lone "Sent from my iPhone" above a forward).
 */
export function signatureStart(lines: readonly string[], end: number = lines.length, keepText = true): number | null {
  let start: number | null = null;
  for (;;) {
    const found = mobileStart(lines, end) ?? dashesStart(lines, end) ?? closingStart(lines, end);
    if (found === null || (keepText && nonBlank(lines, 0, found).length === 0)) {
      return start;
    }
    start = found;
    end = found;
  }
}
