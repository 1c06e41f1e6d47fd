// Mail for tests: raw RFC 5322 messages built by nodemailer's composer, and a client that sends them to a
// real SMTP server on loopback.
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';

let counter = 0;

export interface MailSpec extends Mail.Options {
  /** Without angle brackets; a unique one is made up unless given (null: none at all). */
  id?: string | null;
}

export async function makeMail(spec: MailSpec = {}): Promise<{ raw: Buffer; messageId: string | null }> {
  const messageId = spec.id === undefined ? `test.${process.pid}.${Date.now()}.${++counter}@client.example` : spec.id;
  const { id: _id, ...options } = spec;
  const raw = await new MailComposer({
    from: 'Иван Петров <ivan.petrov@example.ru>',
    to: 'support@otklik.test',
    subject: 'Не работает доставка',
    text: 'Заказ не привезли вовремя.',
    ...options,
    ...(messageId ? { messageId: `<${messageId}>` } : {}),
  })
    .compile()
    .build();
  // The composer always adds a Message-ID; a mail "without one" drops that header line.
  return {
    raw: messageId ? raw : Buffer.from(raw.toString('latin1').replace(/^Message-ID:.*\r\n/im, ''), 'latin1'),
    messageId,
  };
}

export function smtpClient(port: number) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return {
    send: (raw: Buffer, to: string[] = ['support@otklik.test'], from = 'sender@example.ru') =>
      transport.sendMail({ envelope: { from, to }, raw }),
    close: () => transport.close(),
  };
}
