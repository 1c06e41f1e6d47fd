// Recognisers for the lines mail clients put above quoted or forwarded mail (ru and en shapes).
// Each takes one trimmed line (or looks a few lines ahead) and is anchored, so a long line costs linear time.

const MAX_HEADER_LINE = 300;

/** "-----Original Message-----" (Outlook), "-----Исходное сообщение-----". */
const ORIGINAL =
  /^-{3,}\s*(original message|исходное сообщение|оригинальное сообщение|ursprüngliche nachricht)\s*-{3,}$/iu;

/** Gmail, Thunderbird, Yandex and Apple Mail forward headers. */
const FORWARD = [
  /^-{3,}\s*(forwarded message|пересылаемое сообщение|пересланное сообщение|переадресованное сообщение|перенаправленное сообщение)\s*-{3,}$/iu,
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

export function isOriginalHeader(t: string): boolean {
  return t.length <= MAX_HEADER_LINE && ORIGINAL.test(t);
}

export function isForwardHeader(t: string): boolean {
  return t.length <= MAX_HEADER_LINE && FORWARD.some((re) => re.test(t));
}

export function isAttribution(t: string): boolean {
  if (t.length > MAX_HEADER_LINE) {
    return false;
  }
  return ATTRIBUTION_VERB.test(t) || (ATTRIBUTION_ADDRESS.test(t) && HAS_TIME.test(t));
}

/** A wrapped attribution ("On Mon, 3 Jun 2024 at 10:15, Ivan Petrov" / "<ivan@x.ru> wrote:") starts one line up. */
export function attributionStart(lines: readonly string[], i: number): number {
  const prev = lines[i - 1]?.trim();
  const cur = lines[i]!.trim();
  if (!prev || isQuoteLine(prev) || ATTRIBUTION_START.test(cur)) {
    return i;
  }
  return ATTRIBUTION_START.test(prev) && prev.length + cur.length <= MAX_HEADER_LINE ? i - 1 : i;
}

/** "From: … / Sent: … / To: … / Subject: …" (and the Russian Outlook's "От: / Отправлено: / Кому: / Тема:"). */
export function isOutlookBlock(lines: readonly string[], i: number): boolean {
  if (!OUTLOOK_FROM.test(lines[i]!.trim())) {
    return false;
  }
  let sent = false;
  let toOrSubject = false;
  for (let j = i + 1; j < lines.length && j <= i + OUTLOOK_BLOCK_LINES; j++) {
    const t = lines[j]!.trim();
    if (OUTLOOK_SENT.test(t)) {
      sent = true;
    } else if (OUTLOOK_TO_OR_SUBJECT.test(t)) {
      toOrSubject = true;
    }
    if (sent && toOrSubject) {
      return true;
    }
  }
  return false;
}

/** An underscore rule that opens quoted mail: Outlook's own, or any long rule directly above a header block. */
export function isSeparator(lines: readonly string[], i: number): boolean {
  const t = lines[i]!.trim();
  if (!SEPARATOR.test(t)) {
    return false;
  }
  if (t.length >= OUTLOOK_SEPARATOR_LENGTH) {
    return true;
  }
  let j = i + 1;
  while (j < lines.length && lines[j]!.trim() === '') {
    j++;
  }
  return j < lines.length && isOutlookBlock(lines, j);
}
