// Public API of inbound mail parsing: pure functions over raw bytes and text, no I/O.
export { MailParseError, parseMail } from './parse.ts';
export type { MailAttachment, ParsedMail } from './parse.ts';
export { splitReply } from './reply-split.ts';
export type { SplitReply } from './reply-split.ts';
export { classifyMail, OWN_MAIL_HEADER } from './classify.ts';
export type { MailVerdict } from './classify.ts';
export { subjectNumber } from './subject.ts';
export { sanitizeMailHtml } from './html.ts';
export { htmlToText } from './html-text.ts';
