// Raw RFC 5322 bytes -> the fields Otklik needs to file a mail as an appeal or a reply in a thread.
// mailparser does the MIME work (transfer encodings, charsets, RFC 2047); this module normalises its answer.
import type * as MailParser from 'mailparser';
import type { AddressObject, Attachment, ParsedMail as RawMail } from 'mailparser';
import { lazyRequire } from '../../../server/lazy-require.ts';
import { sanitizeMailHtml } from './html.ts';
import { sanitizedHtmlToText } from './html-text.ts';

const mailparser = lazyRequire<typeof MailParser>('mailparser');

export interface MailAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
  contentId: string | null;
  inline: boolean;
}

export interface ParsedMail {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: { address: string; name: string | null } | null;
  to: string[];
  cc: string[];
  subject: string;
  date: Date | null;
  text: string;
  html: string | null;
  attachments: MailAttachment[];
  headers: Record<string, string>;
}

export class MailParseError extends Error {
  override name = 'MailParseError';
}

const PARSER_OPTIONS = {
  // Our own converter keeps quotes as "> " lines for splitReply; mailparser's would be wasted work.
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  // cid: links stay, so the caller can point them at the stored inline images.
  keepCidLinks: true,
  skipImageLinks: true,
  checksumAlgo: false,
  // A bounce's machine-readable report is an attachment, not text of the mail.
  keepDeliveryStatus: true,
} as const;

/** Header name -> raw value of its first occurrence, unfolded. */
function headerMap(raw: RawMail): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of raw.headerLines) {
    // Lines without a "name:" (garbage before the body) come back with an empty key.
    if (key === '' || key in headers) {
      continue;
    }
    const colon = line.indexOf(':');
    headers[key] = line
      .slice(colon + 1)
      .replace(/\r?\n(?=[ \t])/g, '')
      .trim();
  }
  return headers;
}

/** Message-IDs in a header value, without angle brackets; a bare id (no brackets) is taken as it stands. */
export function messageIds(value: string | undefined): string[] {
  if (!value) {
    return [];
  }
  const bracketed = [...value.matchAll(/<([^<>]*)>/g)]
    .map((match) => (match[1] ?? '').trim())
    .filter((id) => id !== '');
  if (bracketed.length > 0) {
    return bracketed;
  }
  return value.split(/[\s,]+/).filter((id) => id.includes('@'));
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const out: string[] = [];
  const visit = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) {
        visit(entry.group);
      } else if (entry.address) {
        out.push(entry.address.toLowerCase());
      }
    }
  };
  for (const obj of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
    visit(obj.value);
  }
  return out;
}

function sender(value: AddressObject | undefined): ParsedMail['from'] {
  const first = value?.value.find((entry) => entry.address);
  if (!first?.address) {
    return null;
  }
  return { address: first.address.toLowerCase(), name: first.name.trim() || null };
}

function parseDate(value: string | undefined): Date | null {
  if (!value) {
    return null;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'text/plain': 'txt',
  'text/html': 'html',
  'message/rfc822': 'eml',
  'message/delivery-status': 'txt',
  'text/rfc822-headers': 'txt',
  'text/calendar': 'ics',
};

function attachment(part: Attachment, index: number): MailAttachment {
  const contentType = part.contentType.toLowerCase();
  const contentId = part.cid?.trim() || null;
  return {
    fileName: part.filename?.trim() || `attachment-${index + 1}.${EXTENSIONS[contentType] ?? 'bin'}`,
    contentType,
    content: part.content,
    contentId,
    // An inline part is only "inline" for us when the HTML can reference it by cid:.
    inline: contentId !== null && (part.related === true || part.contentDisposition === 'inline'),
  };
}

/** Never throws on odd-but-readable mail; throws MailParseError only when nothing usable can be read. */
export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  if (raw.length === 0) {
    throw new MailParseError('empty message');
  }
  let mail: RawMail;
  try {
    mail = await mailparser().simpleParser(raw, PARSER_OPTIONS);
  } catch (err) {
    throw new MailParseError(`unreadable message: ${(err as Error).message}`, { cause: err });
  }
  const headers = headerMap(mail);
  const html = typeof mail.html === 'string' && mail.html.trim() !== '' ? sanitizeMailHtml(mail.html) || null : null;
  const plain = (mail.text ?? '').replace(/\r\n?/g, '\n').trim();
  const text = plain !== '' ? plain : html !== null ? sanitizedHtmlToText(html) : '';
  const attachments = mail.attachments.map(attachment);
  if (Object.keys(headers).length === 0 && text === '' && attachments.length === 0) {
    throw new MailParseError('no headers and no body');
  }

  return {
    messageId: messageIds(headers['message-id'])[0] ?? null,
    inReplyTo: messageIds(headers['in-reply-to'])[0] ?? null,
    references: messageIds(headers['references']),
    from: sender(mail.from),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: (mail.subject ?? '').trim(),
    date: parseDate(headers['date']),
    text,
    html,
    attachments,
    headers,
  };
}
