// Where mail leaves Otklik: a pooled SMTP transport per mailbox (kept while its settings stay the same), or, for a
// mailbox without SMTP settings (or none at all), an .eml file in <dataDir>/outbox/ named by the outbox row, written
// to a temporary name and renamed, so a retry overwrites the same file and never leaves a second or a torn one.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { lazyRequire } from '../../../server/lazy-require.ts';
import type { MailboxRow, SmtpSettings } from './outbound.repo.ts';

const nodemailer = lazyRequire<typeof Nodemailer>('nodemailer');

export interface MailTransports {
  /** Sends one mail; throws what the server answered when it refused. Answers where it went. */
  send(
    mailbox: MailboxRow | undefined,
    outboxId: number,
    mail: Mail.Options,
  ): Promise<{ via: 'smtp' | 'file'; response: string }>;
  close(): void;
}

/** SMTP timeouts stay well under the outbox lease, so no other sender takes a row while this one still waits on it. */
const SMTP_TIMEOUT_MS = 60_000;

export function createTransports(opts: { outboxDir: string }): MailTransports {
  const pools = new Map<string, { key: string; transport: Transporter }>();
  let files: Transporter | undefined;
  const fileTransport = () =>
    (files ??= nodemailer().createTransport({ streamTransport: true, buffer: true, newline: 'windows' }));

  const smtpFor = (mailbox: MailboxRow, smtp: SmtpSettings) => {
    const key = JSON.stringify(smtp);
    const pooled = pools.get(mailbox.id);
    if (pooled?.key === key) {
      return pooled.transport;
    }
    pooled?.transport.close();
    const transport = nodemailer().createTransport({
      pool: true,
      maxConnections: 3,
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure ?? smtp.port === 465,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    });
    pools.set(mailbox.id, { key, transport });
    return transport;
  };

  return {
    async send(mailbox, outboxId, mail) {
      if (mailbox?.smtp?.host) {
        const info = await smtpFor(mailbox, mailbox.smtp).sendMail(mail);
        return { via: 'smtp', response: String(info.response ?? '') };
      }
      const info = await fileTransport().sendMail(mail);
      await mkdir(opts.outboxDir, { recursive: true });
      const target = path.join(opts.outboxDir, `${outboxId}.eml`);
      const tmp = `${target}.${process.pid}.tmp`;
      await writeFile(tmp, info.message as Buffer);
      await rename(tmp, target);
      return { via: 'file', response: target };
    },
    close() {
      for (const { transport } of pools.values()) {
        transport.close();
      }
      pools.clear();
      files?.close();
    },
  };
}
