// The world of the outbound mail tests: a real app, a real SMTP server on loopback that keeps what it is sent
// (refusing unknown@… at RCPT and busy recipients at DATA), a mailbox sending through it and one without SMTP
// (its mail written as .eml files), and e-mail appeals whose customers wrote to the first.
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { expect } from 'vitest';
import { queryOne } from '../../src/db/rows.ts';
import { createTransports, type MailTransports } from '../../src/modules/mail/outbound/transports.ts';
import { makeAppealInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

export interface Sink {
  port: number;
  mails: ParsedMail[];
  /** Recipients answered 451 at DATA while in this set. */
  busy: Set<string>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1: refuses unknown@… with 550 at RCPT, busy ones with 451 at DATA, keeps the rest. */
async function startSink(): Promise<Sink> {
  const mails: ParsedMail[] = [];
  const busy = new Set<string>();
  const refuse = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('unknown')) {
        return callback(refuse(550, '5.1.1 User unknown'));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (session.envelope.rcptTo.some((recipient) => busy.has(recipient.address))) {
          return callback(refuse(451, '4.3.0 Mailbox busy, try again later'));
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          mails.push(mail);
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, busy, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface OutboundWorld {
  env: TestEnv;
  sink: Sink;
  transports: MailTransports;
  /** Sends through the sink. */
  smtpMailbox: string;
  /** Has no SMTP settings: its mail is written as .eml files. */
  fileMailbox: string;
  close(): Promise<void>;
}

export async function startOutboundWorld(): Promise<OutboundWorld> {
  const env = await startTestEnv();
  const sink = await startSink();
  const transports = createTransports({ outboxDir: path.join(env.ctx.config.dataDir, 'outbox') });
  const smtp = await queryOne<{ id: string }>(
    env.ctx.db,
    `INSERT INTO mailboxes (name, address, display_name, smtp)
     VALUES ('Support', 'support@shop.otklik.test', 'Служба заботы', $1)
     RETURNING id`,
    [JSON.stringify({ host: '127.0.0.1', port: sink.port, secure: false })],
  );
  const file = await queryOne<{ id: string }>(
    env.ctx.db,
    `INSERT INTO mailboxes (name, address, display_name, smtp, created_at)
     VALUES ('Quality', 'quality@shop.otklik.test', 'Отдел качества', NULL, now() + interval '1 second')
     RETURNING id`,
  );
  return {
    env,
    sink,
    transports,
    smtpMailbox: smtp.id,
    fileMailbox: file.id,
    async close() {
      transports.close();
      await sink.close();
      await env.close();
    },
  };
}

/** The helpers of a test file over its world. */
export function outboundKit(world: () => OutboundWorld) {
  let seq = 0;

  /**
   * An e-mail appeal whose customer wrote to the mailbox (the inbound record the mail-in code writes), with its
   * Message-ID and the thread's root it references.
   */
  async function emailAppeal(opts: { email?: string; mailboxId?: string; name?: string } = {}) {
    const { env, smtpMailbox } = world();
    seq += 1;
    const email = opts.email ?? `customer${seq}@mail-otklik.ru`;
    const subject = `Возврат заказа ${seq}`;
    const res = await env.request('POST', '/api/v1/appeals', {
      as: 'agent',
      body: makeAppealInput({
        channel: 'email',
        subject,
        customer: { name: opts.name ?? 'Петрова Анна Сергеевна', email },
      }),
    });
    expect(res.status).toBe(201);
    const appeal = res.body as { id: string; number: number };
    const inboundId = `customer-mail-${seq}@mail-otklik.ru`;
    const rootId = `root-${seq}@mail-otklik.ru`;
    const message = await queryOne<{ id: string }>(
      env.ctx.db,
      `INSERT INTO appeal_messages (appeal_id, direction, channel, body)
       VALUES ($1, 'inbound', 'email', 'Где мой возврат?')
       RETURNING id`,
      [appeal.id],
    );
    await env.ctx.db.query(
      `INSERT INTO mail_messages (mailbox_id, direction, message_id, "references", appeal_id, appeal_message_id,
         verdict, from_address, from_name, subject, quoted, signature)
       VALUES ($1, 'inbound', $2, $3, $4, $5, 'appeal', $6, 'Анна Петрова', 'Возврат', '> старое письмо',
         'Анна, +7 900 000-00-00')`,
      [opts.mailboxId ?? smtpMailbox, inboundId, [rootId], appeal.id, message.id, email],
    );
    return { ...appeal, email, inboundId, rootId, subject };
  }

  const reply = (appealId: string, body: string, extra: Record<string, unknown> = {}) =>
    world().env.request('POST', `/api/v1/appeals/${appealId}/messages`, {
      as: 'agent',
      body: { direction: 'outbound', body, ...extra },
    });

  /** The outbox rows of an appeal's messages, oldest first, with the seconds until each is due again. */
  const outboxOf = (appealId: string) =>
    world().env.ctx.db.query<{
      id: number;
      status: string;
      attempts: number;
      lastError: string | null;
      messageId: string;
      retryInS: number;
    }>(
      `SELECT o.id, o.status, o.attempts, o.last_error AS "lastError", o.message_id AS "messageId",
         extract(epoch FROM o.next_attempt_at - now())::float AS "retryInS"
       FROM outbox o
       JOIN appeal_messages m ON m.id = o.appeal_message_id
       WHERE m.appeal_id = $1
       ORDER BY o.id`,
      [appealId],
    );

  /** The appeal's one outbox row: the test sent one reply. */
  const onlyOutboxRow = async (appealId: string) => {
    const [row] = await outboxOf(appealId);
    return row ?? expect.unreachable(`no outbox row for appeal ${appealId}`);
  };

  /** The mails the sink received with this Message-ID. */
  const mailWithId = (messageId: string) => world().sink.mails.filter((mail) => mail.messageId === `<${messageId}>`);

  /** The one mail the sink received with this Message-ID. */
  const sentMail = (messageId: string) => {
    const [mail] = mailWithId(messageId);
    return mail ?? expect.unreachable(`no mail <${messageId}> reached the sink`);
  };

  return { emailAppeal, reply, outboxOf, onlyOutboxRow, mailWithId, sentMail };
}
