// Recognisers for the lines mail clients put above quoted or forwarded mail (ru and en shapes).
// Each takes one trimmed line (or looks a few lines ahead) and is anchored, so a long line costs linear time.
import { oneOf } from './phrases.ts';

const MAX_HEADER_LINE = 300;

/** "-----Original Message-----" (Outlook), "-----Исходное сообщение-----". */
const ORIGINAL =
  /^-{3,}\s*(original message|исходное сообщение|оригинальное сообщение|ursprüngliche nachricht)\s*-{3,}$/iu;

/** Gmail, Thunderbird, Yandex and Apple Mail forward headers. */
const FORWARD = [
  new RegExp(
    String.raw`^-{3,}\s*` +
      oneOf([
        'forwarded message',
        'пересылаемое сообщение',
        'пересланное сообщение',
        'переадресованное сообщение',
        'перенаправленное сообщение',
      ]) +
      String.raw`\s*-{3,}$`,
    'iu',
  ),
  /^(begin forwarded message|начало переадресованного сообщения|начало пересылаемого сообщения)\s*:$/iu,
];

/** "… wrote:", "… написал(а):", "Иван пишет:" — the line ends with the verb. */
const ATTRIBUTION_VERB =
  /(wrote|writes|написал|написала|написал\(а\)|пишет|писал|писала|писал\(а\)|schrieb|a écrit)\s*:$/iu;
/** Gmail ru "пн, 3 июн. 2024 г. в 10:15, Иван <ivan@x.ru>:", Mail.ru "… 10:15 +03:00 от Иван <ivan@x.ru>:". */
const ATTRIBUTION_ADDRESS = /<[^<>\s]+@[^<>\s]+>\s*:$/u;
const HAS_TIME = /\d{1,2}:\d{2}/;
/** How a date-led attribution begins, so a wrapped one can be joined with its first line. */
const ATTRIBUTION_START =
  /^(on|am|le|el|в)\s|^[а-яёa-z]{2,3}\.?,\s*\d|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|^\d{1,2}\s+[а-яёa-z]+\.?\s+\d{4}/iu;

/** Outlook header block fields, optionally bold in text converted from HTML ("*From:*"). */
const OUTLOOK_FROM = /^\*?(from|от|von|de)\s*:\*?\s*\S/iu;
const OUTLOOK_SENT = /^\*?(sent|date|отправлено|дата|gesendet|envoyé)\s*:/iu;
const OUTLOOK_TO_OR_SUBJECT = /^\*?(to|subject|кому|тема|an|betreff|à|objet)\s*:/iu;
const OUTLOOK_BLOCK_LINES = 6;

/** Outlook's reply separator (32 underscores); shorter rules count only above an Outlook header block. */
const SEPARATOR = /^_{20,}$/;
const OUTLOOK_SEPARATOR_LENGTH = 32;

export const isQuoteLine = (line: string): boolean => line.trimStart().startsWith('>');

export function isOriginalHeader(line: string): boolean {
  return line.length <= MAX_HEADER_LINE && ORIGINAL.test(line);
}

export function isForwardHeader(line: string): boolean {
  return line.length <= MAX_HEADER_LINE && FORWARD.some((pattern) => pattern.test(line));
}

export function isAttribution(line: string): boolean {
  if (line.length > MAX_HEADER_LINE) {
    return false;
  }
  return ATTRIBUTION_VERB.test(line) || (ATTRIBUTION_ADDRESS.test(line) && HAS_TIME.test(line));
}

/** The line at an index, trimmed; '' past the end. */
const trimmedAt = (lines: readonly string[], index: number) => (lines[index] ?? '').trim();

/** A wrapped attribution ("On Mon, 3 Jun 2024 at 10:15, Ivan Petrov" / "<ivan@x.ru> wrote:") starts one line up. */
export function attributionStart(lines: readonly string[], at: number): number {
  const previous = lines[at - 1]?.trim();
  const current = trimmedAt(lines, at);
  if (!previous || isQuoteLine(previous) || ATTRIBUTION_START.test(current)) {
    return at;
  }
  return ATTRIBUTION_START.test(previous) && previous.length + current.length <= MAX_HEADER_LINE ? at - 1 : at;
}

/** "From: … / Sent: … / To: … / Subject: …" (and the Russian Outlook's "От: / Отправлено: / Кому: / Тема:"). */
export function isOutlookBlock(lines: readonly string[], at: number): boolean {
  if (!OUTLOOK_FROM.test(trimmedAt(lines, at))) {
    return false;
  }
  let sent = false;
  let toOrSubject = false;
  for (let next = at + 1; next < lines.length && next <= at + OUTLOOK_BLOCK_LINES; next++) {
    const line = trimmedAt(lines, next);
    if (OUTLOOK_SENT.test(line)) {
      sent = true;
    } else if (OUTLOOK_TO_OR_SUBJECT.test(line)) {
      toOrSubject = true;
    }
    if (sent && toOrSubject) {
      return true;
    }
  }
  return false;
}

/** An underscore rule that opens quoted mail: Outlook's own, or any long rule directly above a header block. */
export function isSeparator(lines: readonly string[], at: number): boolean {
  const rule = trimmedAt(lines, at);
  if (!SEPARATOR.test(rule)) {
    return false;
  }
  if (rule.length >= OUTLOOK_SEPARATOR_LENGTH) {
    return true;
  }
  let next = at + 1;
  while (next < lines.length && trimmedAt(lines, next) === '') {
    next++;
  }
  return next < lines.length && isOutlookBlock(lines, next);
}
