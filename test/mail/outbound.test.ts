// Outbound e-mail through the real app and a real SMTP server on loopback: agents' replies queued with their
// message, sent with threading headers and signatures, retried after 4xx, failed after 5xx, .eml files without SMTP,
// staff notifications rendered from templates, and the delivery state on each message.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMessageIn } from '../../src/modules/appeals/appeals.thread.ts';
import { afterFailure, retryDelayMs } from '../../src/modules/mail/outbound/delivery-policy.ts';
import { queueAutoAck } from '../../src/modules/mail/outbound/queue.ts';
import { sendDueMail, startOutboxSender } from '../../src/modules/mail/outbound/sender.ts';
import { firstNameOf, formatInstant } from '../../src/modules/mail/outbound/templates.ts';
import { createTransports, type MailTransports } from '../../src/modules/mail/outbound/transports.ts';
import { notify } from '../../src/modules/notifications/notifications.service.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';
import { makeAppealInput } from '../support/factories.ts';

interface Sink {
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
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (session.envelope.rcptTo.some((r) => busy.has(r.address))) {
          return callback(refuse(451, '4.3.0 Mailbox busy, try again later'));
        }
        void simpleParser(Buffer.concat(chunks)).then((m) => {
          mails.push(m);
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, busy, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let env: TestEnv;
let sink: Sink;
let transports: MailTransports;
let smtpMailbox: string;
let fileMailbox: string;
let seq = 0;

beforeAll(async () => {
  env = await startTestEnv();
  sink = await startSink();
  transports = createTransports({ outboxDir: path.join(env.ctx.config.dataDir, 'outbox') });
  [{ id: smtpMailbox }] = (await env.ctx.db.query<{ id: string }>(
    `INSERT INTO mailboxes (name, address, display_name, smtp) VALUES ('Support', 'support@shop.otklik.test', 'Служба заботы', $1) RETURNING id`,
    [JSON.stringify({ host: '127.0.0.1', port: sink.port, secure: false })],
  )) as [{ id: string }];
  [{ id: fileMailbox }] = (await env.ctx.db.query<{ id: string }>(
    `INSERT INTO mailboxes (name, address, display_name, smtp, created_at) VALUES ('Quality', 'quality@shop.otklik.test', 'Отдел качества', NULL, now() + interval '1 second') RETURNING id`,
  )) as [{ id: string }];
});

afterAll(async () => {
  transports?.close();
  await sink?.close();
  await env?.close();
});

/** An e-mail appeal whose customer wrote to the mailbox (the inbound record the lead's code writes), with its Message-ID. */
async function emailAppeal(opts: { email?: string; mailboxId?: string; name?: string } = {}) {
  seq += 1;
  const email = opts.email ?? `customer${seq}@mail-otklik.ru`;
  const res = await env.request('POST', '/api/v1/appeals', {
    as: 'agent',
    body: makeAppealInput({
      channel: 'email',
      subject: `Возврат заказа ${seq}`,
      customer: { name: opts.name ?? 'Петрова Анна Сергеевна', email },
    }),
  });
  expect(res.status).toBe(201);
  const appeal = res.body as { id: string; number: number };
  const inboundId = `customer-mail-${seq}@mail-otklik.ru`;
  const [msg] = await env.ctx.db.query<{ id: string }>(
    `INSERT INTO appeal_messages (appeal_id, direction, channel, body) VALUES ($1, 'inbound', 'email', 'Где мой возврат?') RETURNING id`,
    [appeal.id],
  );
  await env.ctx.db.query(
    `INSERT INTO mail_messages (mailbox_id, direction, message_id, "references", appeal_id, appeal_message_id, verdict, from_address, from_name, subject,
       quoted, signature)
     VALUES ($1, 'inbound', $2, $3, $4, $5, 'appeal', $6, 'Анна Петрова', 'Возврат', '> старое письмо', 'Анна, +7 900 000-00-00')`,
    [opts.mailboxId ?? smtpMailbox, inboundId, [`root-${seq}@mail-otklik.ru`], appeal.id, msg!.id, email],
  );
  return { ...appeal, email, inboundId };
}

const reply = (appealId: string, body: string, extra: Record<string, unknown> = {}) =>
  env.request('POST', `/api/v1/appeals/${appealId}/messages`, {
    as: 'agent',
    body: { direction: 'outbound', body, ...extra },
  });

const outboxOf = (appealId: string) =>
  env.ctx.db.query<{
    id: number;
    status: string;
    attempts: number;
    lastError: string | null;
    messageId: string;
    retryInS: number;
  }>(
    `SELECT o.id, o.status, o.attempts, o.last_error AS "lastError", o.message_id AS "messageId",
     extract(epoch FROM o.next_attempt_at - now())::float AS "retryInS"
   FROM outbox o JOIN appeal_messages m ON m.id = o.appeal_message_id WHERE m.appeal_id = $1 ORDER BY o.id`,
    [appealId],
  );

const mailWithId = (messageId: string) => sink.mails.filter((m) => m.messageId === `<${messageId}>`);

describe('delivery policy', () => {
  it('waits 1 min × 2^attempts between tries, at most an hour', () => {
    expect([0, 1, 3, 6, 7, 20].map(retryDelayMs)).toEqual([60_000, 120_000, 480_000, 3_600_000, 3_600_000, 3_600_000]);
  });

  it('gives up after 8 attempts, or at once on a 5xx answer', () => {
    expect(afterFailure({ responseCode: 451, message: '451 busy' }, 6)).toEqual({
      status: 'pending',
      retryInMs: 3_600_000,
    });
    expect(afterFailure({ responseCode: 451, message: '451 busy' }, 7)).toEqual({ status: 'failed' });
    expect(afterFailure({ responseCode: 550, message: '550 no' }, 0)).toEqual({ status: 'failed' });
    expect(afterFailure({ message: 'connect ECONNREFUSED' }, 0)).toEqual({ status: 'pending', retryInMs: 60_000 });
  });

  it('finds the first name in "Фамилия Имя Отчество" and in "Имя Фамилия"', () => {
    expect(firstNameOf('Петрова Анна Сергеевна', 'ru')).toBe('Анна');
    expect(firstNameOf('Иван Петров', 'ru')).toBe('Иван');
    expect(firstNameOf(null, 'en')).toBe('valued customer');
  });
});

describe('agent replies by e-mail', () => {
  it('queues a reply in the same transaction as the message: rolled back, no outbox row and no mail record', async () => {
    const appeal = await emailAppeal();
    const failed = env.ctx.db.transaction(async (tx) => {
      await addMessageIn({
        ctx: env.ctx,
        tx,
        actor: env.users.agent.actor,
        appealId: appeal.id,
        input: {
          direction: 'outbound',
          body: 'Ответ, который не уйдёт',
        },
      });
      expect((await tx.query("SELECT 1 FROM outbox WHERE payload->>'appealId' = $1", [appeal.id])).length).toBe(1);
      throw new Error('the request failed after the reply was written');
    });
    await expect(failed).rejects.toThrow('the request failed');
    expect(await env.ctx.db.query(`SELECT 1 FROM outbox WHERE payload->>'appealId' = $1`, [appeal.id])).toHaveLength(0);
    expect(
      await env.ctx.db.query(`SELECT 1 FROM mail_messages WHERE appeal_id = $1 AND direction = 'outbound'`, [
        appeal.id,
      ]),
    ).toHaveLength(0);
  });

  it('sends the reply with threading headers, the [#n] token, the loop guard, the mailbox as From and the signature', async () => {
    const me = await env.request('PATCH', '/api/v1/users/me', {
      as: 'agent',
      body: { signature: 'С уважением,\nМария, служба заботы' },
    });
    expect(me.status).toBe(200);
    expect(me.body.signature).toBe('С уважением,\nМария, служба заботы');
    const appeal = await emailAppeal();

    const res = await reply(
      appeal.id,
      'Анна, здравствуйте! Деньги вернутся на карту в течение 3 дней. Ёлки-палки, «кавычки» — всё в UTF-8.',
    );
    expect(res.status).toBe(201);
    expect(res.body.delivery).toEqual({ status: 'queued', attempts: 0, error: null, sentAt: null });
    const [row] = await outboxOf(appeal.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(row!.messageId).toMatch(/^otklik\.[0-9a-f-]{36}@shop\.otklik\.test$/);
    const [record] = await env.ctx.db.query<{ verdict: string; inReplyTo: string; mailboxId: string }>(
      `SELECT verdict, in_reply_to AS "inReplyTo", mailbox_id AS "mailboxId" FROM mail_messages WHERE message_id = $1 AND direction = 'outbound'`,
      [row!.messageId],
    );
    expect(record).toEqual({ verdict: 'sent', inReplyTo: appeal.inboundId, mailboxId: smtpMailbox });

    const result = await sendDueMail(env.ctx, transports);
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const [mail] = mailWithId(row!.messageId);
    expect(mail).toBeDefined();
    expect(mail!.subject).toBe(`Re: Возврат заказа ${seq} [#${appeal.number}]`);
    expect(mail!.inReplyTo).toBe(`<${appeal.inboundId}>`);
    expect(mail!.references).toEqual([`<root-${seq}@mail-otklik.ru>`, `<${appeal.inboundId}>`]);
    expect(mail!.headers.get('x-otklik-mail')).toBe('1');
    expect(mail!.from?.value).toEqual([{ address: 'support@shop.otklik.test', name: 'Служба заботы' }]);
    expect(mail!.to).toMatchObject({ value: [{ address: appeal.email, name: 'Петрова Анна Сергеевна' }] });
    expect(mail!.text).toContain('Ёлки-палки, «кавычки» — всё в UTF-8.');
    expect(mail!.text?.trimEnd()).toMatch(/\n-- \nС уважением,\nМария, служба заботы$/);

    const messages = await env.request('GET', `/api/v1/appeals/${appeal.id}/messages`, { as: 'agent' });
    const outbound = messages.body.items.find((m: { direction: string }) => m.direction === 'outbound');
    expect(outbound.delivery).toMatchObject({ status: 'sent', attempts: 1, error: null });
    expect(Date.parse(outbound.delivery.sentAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(outbound.mail).toBeNull();
    const inbound = messages.body.items.find((m: { direction: string }) => m.direction === 'inbound');
    expect(inbound.delivery).toBeNull();
    expect(inbound.mail).toEqual({
      from: appeal.email,
      fromName: 'Анна Петрова',
      subject: 'Возврат',
      quoted: '> старое письмо',
      signature: 'Анна, +7 900 000-00-00',
      html: null,
      parseError: null,
    });
  });

  it('refuses a signature over 2000 characters, naming the field', async () => {
    const res = await env.request('PATCH', '/api/v1/users/me', { as: 'agent', body: { signature: 'я'.repeat(2001) } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('signature');
  });

  it('mails nothing to a customer with a placeholder address, for a phone reply, or for a note', async () => {
    const placeholder = await emailAppeal({ email: 'noemail@mail.ru' });
    expect((await reply(placeholder.id, 'Ответ')).body.delivery).toBeNull();
    const appeal = await emailAppeal();
    expect((await reply(appeal.id, 'Перезвонили клиенту', { channel: 'phone' })).body.delivery).toBeNull();
    expect(
      (
        await env.request('POST', `/api/v1/appeals/${appeal.id}/messages`, {
          as: 'agent',
          body: { direction: 'note', body: 'Заметка' },
        })
      ).body.delivery,
    ).toBeNull();
    expect(await outboxOf(placeholder.id)).toHaveLength(0);
    expect(await outboxOf(appeal.id)).toHaveLength(0);
  });

  it('is sent by the running sender as soon as the reply commits (nudged, not polled)', async () => {
    const sender = startOutboxSender(env.ctx, {
      intervalMs: 600_000,
      log: { error: () => undefined, warn: () => undefined },
      transports: createTransports({ outboxDir: '/nonexistent' }),
    });
    try {
      await new Promise((r) => setTimeout(r, 200)); // the first pass finds nothing and sleeps for ten minutes
      const appeal = await emailAppeal();
      await reply(appeal.id, 'Hello! Your refund is on its way.');
      const [row] = await outboxOf(appeal.id);
      await expect.poll(() => mailWithId(row!.messageId).length, { timeout: 5_000 }).toBe(1);
      expect(mailWithId(row!.messageId)[0]!.subject).toContain(`[#${appeal.number}]`);
    } finally {
      await sender.stop();
    }
  });

  it('writes an .eml file when the mailbox has no SMTP settings; a retry overwrites it', async () => {
    const appeal = await emailAppeal({ mailboxId: fileMailbox });
    await reply(appeal.id, 'Ответ без SMTP');
    const [row] = await outboxOf(appeal.id);
    await sendDueMail(env.ctx, transports);
    const dir = path.join(env.ctx.config.dataDir, 'outbox');
    const file = path.join(dir, `${row!.id}.eml`);
    expect(existsSync(file)).toBe(true);
    const first = await simpleParser(await readFile(file));
    expect(first.messageId).toBe(`<${row!.messageId}>`);
    expect(first.from?.value).toEqual([{ address: 'quality@shop.otklik.test', name: 'Отдел качества' }]);
    expect(first.text).toContain('Ответ без SMTP');
    expect((await outboxOf(appeal.id))[0]!.status).toBe('sent');

    // A sender that died after writing the file: the row is sent again to the same file.
    await env.ctx.db.query(
      `UPDATE outbox SET status = 'sending', locked_until = now() - interval '1 second' WHERE id = $1`,
      [row!.id],
    );
    await sendDueMail(env.ctx, transports);
    expect((await readdir(dir)).filter((f) => f.startsWith(`${row!.id}.`))).toEqual([`${row!.id}.eml`]);
    expect((await simpleParser(await readFile(file))).messageId).toBe(`<${row!.messageId}>`);
  });

  it('retries after a 4xx answer with backoff, and then delivers the same mail', async () => {
    const appeal = await emailAppeal({ email: 'busy.customer@mail-otklik.ru' });
    sink.busy.add(appeal.email);
    await reply(appeal.id, 'Ответ на занятый ящик');
    await sendDueMail(env.ctx, transports);
    const [row] = await outboxOf(appeal.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.lastError).toContain('451 4.3.0 Mailbox busy, try again later');
    expect(row!.retryInS).toBeGreaterThan(55);
    expect(row!.retryInS).toBeLessThanOrEqual(60);
    const shown = await env.request('GET', `/api/v1/appeals/${appeal.id}/messages`, { as: 'agent' });
    expect(shown.body.items.find((m: { direction: string }) => m.direction === 'outbound').delivery).toMatchObject({
      status: 'queued',
      attempts: 1,
      error: expect.stringContaining('451'),
    });

    // Not due yet: nothing happens.
    await sendDueMail(env.ctx, transports);
    expect((await outboxOf(appeal.id))[0]!.attempts).toBe(1);

    sink.busy.delete(appeal.email);
    await env.ctx.db.query('UPDATE outbox SET next_attempt_at = now() WHERE id = $1', [row!.id]);
    await sendDueMail(env.ctx, transports);
    expect((await outboxOf(appeal.id))[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(mailWithId(row!.messageId)).toHaveLength(1);
  });

  it("fails at once after a 5xx answer and shows the server's answer on the message", async () => {
    const appeal = await emailAppeal({ email: 'unknown.person@mail-otklik.ru' });
    await reply(appeal.id, 'Ответ на несуществующий адрес');
    await sendDueMail(env.ctx, transports);
    const [row] = await outboxOf(appeal.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.lastError).toContain('550 5.1.1 User unknown');
    const shown = await env.request('GET', `/api/v1/appeals/${appeal.id}/messages`, { as: 'agent' });
    expect(shown.body.items.find((m: { direction: string }) => m.direction === 'outbound').delivery).toEqual({
      status: 'failed',
      attempts: 1,
      error: row!.lastError,
      sentAt: null,
    });
  });
});

describe('acknowledgements and staff notifications', () => {
  it('acknowledges a new appeal once, with its number and when we will answer', async () => {
    const appeal = await emailAppeal({ name: 'Иван Петров' });
    const ack = (tx: Parameters<typeof queueAutoAck>[0]) =>
      queueAutoAck(tx, {
        appealId: appeal.id,
        mailboxId: smtpMailbox,
        to: appeal.email,
        locale: 'ru',
        inReplyTo: appeal.inboundId,
        references: [],
      });
    expect(await env.ctx.db.transaction(ack)).toEqual({ queued: true });
    expect(await env.ctx.db.transaction(ack)).toEqual({ queued: false });
    const [row] = await env.ctx.db.query<{ messageId: string }>(
      `SELECT message_id AS "messageId" FROM outbox WHERE dedupe_key = $1`,
      [`auto_ack:${appeal.id}`],
    );
    await sendDueMail(env.ctx, transports);
    const [mail] = mailWithId(row!.messageId);
    expect(mail!.subject).toContain(`№${appeal.number}`);
    expect(mail!.subject).toContain(`[#${appeal.number}]`);
    expect(mail!.inReplyTo).toBe(`<${appeal.inboundId}>`);
    expect(mail!.text).toContain('Здравствуйте, Иван!');
    expect(mail!.text).toMatch(/Мы ответим до \d{1,2} [а-я]+ \d{4}/);
  });

  it("renders notification mails from their template in the recipient's language, an override winning", async () => {
    const dueAt = '2030-03-14T09:30:00.000Z';
    const staff = env.users.supervisor;
    const send = (key: string) =>
      env.ctx.db.transaction((tx) =>
        notify(tx, [
          {
            userId: staff.id,
            appealId: null,
            kind: 'sla_breach',
            dedupeKey: key,
            payload: {
              alertId: 1,
              metric: 'first_response',
              dueAt,
              appealNumber: 4242,
              subject: 'Холодильник не морозит',
            },
          },
        ]),
      );
    await send('sla_alert:test-1');
    await sendDueMail(env.ctx, transports);
    const byDefault = sink.mails.find((m) => m.subject?.includes('[#4242]'));
    expect(byDefault?.subject).toBe('Срок по обращению №4242 нарушен [#4242]');
    expect(byDefault?.to).toMatchObject({ value: [{ address: staff.email }] });
    expect(byDefault?.text).toContain(
      `срок по обращению №4242 «Холодильник не морозит» истёк ${formatInstant(dueAt, 'ru', 'Europe/Moscow')}.`,
    );
    expect(byDefault?.text).toContain('Срок: первый ответ.');
    expect(byDefault?.messageId).toMatch(/^<otklik\.[0-9a-f-]{36}@localhost>$/);

    const put = await env.request('PUT', '/api/v1/mail/templates/sla_breach/ru', {
      as: 'admin',
      body: { subject: 'СРОК! №{{appeal.number}}', body: '{{agent.name}}: {{appeal.subject}} — {{details}}' },
    });
    expect(put.status).toBe(200);
    await send('sla_alert:test-2');
    await sendDueMail(env.ctx, transports);
    const custom = sink.mails.find((m) => m.subject?.startsWith('СРОК!'));
    expect(custom?.subject).toBe('СРОК! №4242');
    expect(custom?.text?.trim()).toMatch(/^Test supervisor \d+: Холодильник не морозит — Срок: первый ответ\.$/);
    expect((await env.request('DELETE', '/api/v1/mail/templates/sla_breach/ru', { as: 'admin' })).status).toBe(200);
  });
});

describe('mail templates API', () => {
  it('lists every key in ru and en, defaults marked as such', async () => {
    const res = await env.request('GET', '/api/v1/mail/templates', { as: 'agent' });
    expect(res.status).toBe(200);
    const keys = new Set(res.body.items.map((t: { key: string }) => t.key));
    for (const k of [
      'reply',
      'auto_ack',
      'sla_warning',
      'sla_breach',
      'escalation_requested',
      'escalation_decided',
      'subtask_assigned',
      'subtask_done',
      'subtask_late',
      'rule_notification',
    ]) {
      expect(keys.has(k)).toBe(true);
    }
    expect(res.body.items).toHaveLength(keys.size * 2);
    const reply = res.body.items.find((t: { key: string; locale: string }) => t.key === 'reply' && t.locale === 'en');
    expect(reply).toMatchObject({
      custom: false,
      updatedAt: null,
      variables: expect.arrayContaining(['customer.firstName', 'appeal.dueAt', 'signature']),
    });
  });

  it('refuses an unknown {{variable}} with 422 naming the field, and writes nothing', async () => {
    const res = await env.request('PUT', '/api/v1/mail/templates/reply/ru', {
      as: 'admin',
      body: { subject: 'Re: {{appeal.subject}}', body: '{{body}} {{customer.lastName}}' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ path: 'body', code: 'unknown_variable' })]);
    expect(res.body.error.fields[0].message).toContain('{{customer.lastName}}');
    expect(await env.ctx.db.query('SELECT 1 FROM mail_templates')).toHaveLength(0);
  });

  it('refuses bad input, unknown keys and agents', async () => {
    expect(
      (await env.request('PUT', '/api/v1/mail/templates/reply/de', { as: 'admin', body: { subject: 'x', body: 'y' } }))
        .status,
    ).toBe(400);
    const empty = await env.request('PUT', '/api/v1/mail/templates/reply/ru', {
      as: 'admin',
      body: { subject: ' ', body: 'y' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields[0].path).toBe('subject');
    expect(
      (
        await env.request('PUT', '/api/v1/mail/templates/no_such_key/ru', {
          as: 'admin',
          body: { subject: 'x', body: 'y' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await env.request('PUT', '/api/v1/mail/templates/reply/ru', { as: 'agent', body: { subject: 'x', body: 'y' } }))
        .status,
    ).toBe(403);
  });

  it('uses a saved reply template for the next reply, and DELETE restores the default', async () => {
    const put = await env.request('PUT', '/api/v1/mail/templates/reply/ru', {
      as: 'cs_head',
      body: {
        subject: 'Ответ по обращению №{{appeal.number}}',
        body: '{{customer.firstName}}, добрый день!\n\n{{body}}\n\n{{agent.name}}',
      },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ key: 'reply', locale: 'ru', custom: true });
    const appeal = await emailAppeal();
    await reply(appeal.id, 'Заказ уже в пути.');
    const [row] = await outboxOf(appeal.id);
    await sendDueMail(env.ctx, transports);
    const [mail] = mailWithId(row!.messageId);
    // The [#n] token is kept even when a template leaves it out: the customer's answer finds its appeal by it.
    expect(mail!.subject).toBe(`Ответ по обращению №${appeal.number} [#${appeal.number}]`);
    expect(mail!.text?.trim()).toMatch(/^Анна, добрый день!\n\nЗаказ уже в пути\.\n\nTest agent \d+$/);

    const del = await env.request('DELETE', '/api/v1/mail/templates/reply/ru', { as: 'cs_head' });
    expect(del.body).toMatchObject({ custom: false, subject: 'Re: {{appeal.subject}} [#{{appeal.number}}]' });
    expect(await env.ctx.db.query('SELECT 1 FROM mail_templates')).toHaveLength(0);
  });
});
