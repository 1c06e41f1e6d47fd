// Otklik's own SMTP listener: accepts mail for the addresses of active SMTP mailboxes and answers 250 only
// once the mail is stored, so a sending server keeps (and retries) whatever we could not store. Off unless
// OTKLIK_SMTP_PORT is set.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type * as Smtp from 'smtp-server';
import type { SMTPServerOptions } from 'smtp-server';
import type { Ctx } from '../../context.ts';
import { lazyRequire } from '../../server/lazy-require.ts';
import { receiveMail } from './inbound.service.ts';
import { mailboxFor } from './mailboxes.service.ts';

export interface SmtpListenerOptions {
  host: string;
  port: number;
  maxBytes: number;
  /** Paths of a PEM key and certificate: STARTTLS is offered when both are given. */
  tlsKey?: string | undefined;
  tlsCert?: string | undefined;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

export async function startSmtpListener(ctx: Ctx, opts: SmtpListenerOptions): Promise<SmtpListener> {
  const tls = opts.tlsKey && opts.tlsCert ? { key: readFileSync(opts.tlsKey), cert: readFileSync(opts.tlsCert) } : null;
  const options: SMTPServerOptions = {
    banner: 'Otklik',
    size: opts.maxBytes,
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ?? {}),
    logger: false,
    maxClients: 200,
    socketTimeout: 60_000,
    async onRcptTo(address, session, callback) {
      try {
        const mailbox = await mailboxFor(ctx, address.address);
        if (!mailbox || mailbox.inbound !== 'smtp') {
          return callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
        }
        callback();
      } catch (err) {
        opts.log.error({ err }, 'smtp: recipient lookup failed');
        callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= opts.maxBytes) {
          chunks.push(chunk);
        }
      });
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(smtpError(552, `5.3.4 Message exceeds the ${opts.maxBytes} bytes allowed`));
        }
        // A mail to two of our mailboxes is stored once, for the first recipient.
        const first = session.envelope.rcptTo[0]?.address;
        mailboxFor(ctx, first ?? '')
          .then((mailbox) => {
            if (!mailbox) {
              throw smtpError(451, '4.3.0 The mailbox is gone, try again later');
            }
            return receiveMail(ctx, mailbox, Buffer.concat(chunks)).catch((err) => {
              opts.log.error({ err, mailbox: mailbox.address }, 'smtp: could not store a mail');
              throw smtpError(451, '4.3.0 Could not store the message, try again later');
            });
          })
          .then(
            (received) => callback(null, `2.0.0 ${received.verdict === 'duplicate' ? 'Already have it' : 'Stored'}`),
            (err) => callback(err),
          );
      });
    },
  };
  const server = new (lazyRequire<typeof Smtp>('smtp-server')().SMTPServer)(options);
  server.on('error', (err) => opts.log.error({ err }, 'smtp: connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  opts.log.info({ port }, 'smtp listener started');
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
