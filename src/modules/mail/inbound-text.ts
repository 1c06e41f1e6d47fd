// Owns: the text of a received mail made storable. A mail may carry bytes PostgreSQL text cannot hold (a NUL in
// the body, the Subject, a base64 part, a file name); Otklik promises to keep every mail, so such characters are
// removed from what goes into text columns, while the raw source keeps the mail byte for byte. Pure.
import { storableText } from '../../server/text-guard.ts';
import type { MailAttachment, ParsedMail } from './parse/index.ts';

const storableOrNull = (text: string | null): string | null => (text === null ? null : storableText(text));

const storableAttachment = (attachment: MailAttachment): MailAttachment => ({
  ...attachment,
  fileName: storableText(attachment.fileName),
  contentType: storableText(attachment.contentType),
  contentId: storableOrNull(attachment.contentId),
});

/** The parsed mail with every text field storable; the attachments' bytes are left as they came. */
export function storableMail(mail: ParsedMail): ParsedMail {
  return {
    ...mail,
    messageId: storableOrNull(mail.messageId),
    inReplyTo: storableOrNull(mail.inReplyTo),
    references: mail.references.map(storableText),
    from: mail.from && { address: storableText(mail.from.address), name: storableOrNull(mail.from.name) },
    to: mail.to.map(storableText),
    cc: mail.cc.map(storableText),
    subject: storableText(mail.subject),
    text: storableText(mail.text),
    html: storableOrNull(mail.html),
    attachments: mail.attachments.map(storableAttachment),
    headers: Object.fromEntries(
      Object.entries(mail.headers).map(([name, value]) => [storableText(name), storableText(value)]),
    ),
  };
}
