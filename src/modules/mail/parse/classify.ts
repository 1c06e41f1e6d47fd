// Mail that must not create an appeal: auto-replies, bounces, and Otklik's own mail coming back (loops).
import type { ParsedMail } from './parse.ts';
import { oneOf } from './phrases.ts';

export type MailVerdict = 'auto_reply' | 'bounce' | 'loop';

/** Set on every mail Otklik sends. */
export const OWN_MAIL_HEADER = 'x-otklik-mail';

// Subjects are matched at the start: clients put their prefix before the original subject.
const BOUNCE_SUBJECT = new RegExp(
  `^${oneOf([
    'undelivered mail returned to sender',
    String.raw`delivery status notification \((failure|delay)\)`,
    'undeliverable:',
    'undelivered mail',
    'mail delivery failed',
    'returned mail:',
    'failure notice',
    'не удается доставить',
    'не удалось доставить',
    'недоставленное сообщение',
    'сообщение не доставлено',
  ])}`,
  'iu',
);
const AUTO_REPLY_SUBJECT = new RegExp(
  `^${oneOf([
    'out of (the )?office',
    'automatic reply',
    'auto[- ]?reply',
    'autoreply',
    'auto:',
    'автоответ',
    'автоматический ответ',
    'я в отпуске',
  ])}${String.raw`(?=$|[\s:.,!(-])`}`,
  'iu',
);
const BOUNCE_SENDER = /^(mailer-daemon|postmaster)@/i;
const AUTO_PRECEDENCE = new Set(['auto_reply', 'bulk', 'junk', 'list']);
const NEGATIVE = new Set(['no', 'false', '0']);

const token = (value: string | undefined) => ((value ?? '').split(';')[0] ?? '').trim().toLowerCase();

function isLoop(mail: ParsedMail, own: readonly string[]): boolean {
  if (token(mail.headers[OWN_MAIL_HEADER]) === '1') {
    return true;
  }
  const from = mail.from?.address;
  return from !== undefined && own.some((address) => address.toLowerCase() === from);
}

function isBounce(mail: ParsedMail): boolean {
  const type = mail.headers['content-type'] ?? '';
  if (/^\s*multipart\/report\s*;/i.test(type) && /report-type\s*=\s*"?delivery-status/i.test(type)) {
    return true;
  }
  if (mail.from && BOUNCE_SENDER.test(mail.from.address)) {
    return true;
  }
  return BOUNCE_SUBJECT.test(mail.subject.trim());
}

function isAutoReply(mail: ParsedMail): boolean {
  const headers = mail.headers;
  const submitted = token(headers['auto-submitted']);
  if (submitted !== '' && submitted !== 'no') {
    return true;
  }
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    if (headers[name] !== undefined && !NEGATIVE.has(token(headers[name]))) {
      return true;
    }
  }
  if (AUTO_PRECEDENCE.has(token(headers['precedence']))) {
    return true;
  }
  // X-Auto-Response-Suppress alone is set by ordinary Outlook mail too, so it proves nothing.
  return AUTO_REPLY_SUBJECT.test(mail.subject.trim());
}

/**
 * Auto-replies, bounces and loops must not create appeals. Loops win (our own mail), then bounces (they are often
 * auto-submitted too).
 */
export function classifyMail(mail: ParsedMail, own: { addresses: readonly string[] }): MailVerdict | null {
  if (isLoop(mail, own.addresses)) {
    return 'loop';
  }
  if (isBounce(mail)) {
    return 'bounce';
  }
  if (isAutoReply(mail)) {
    return 'auto_reply';
  }
  return null;
}
