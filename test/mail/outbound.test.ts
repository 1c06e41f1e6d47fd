// Outbound e-mail through the real app and a real SMTP server on loopback: agents' replies queued with their
// message, sent with threading headers and signatures, retried after 4xx, failed after 5xx, .eml files without SMTP,
// and the delivery state on each message. Acknowledgements, notifications and templates: outbound-notifications.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { queryOne } from '../../src/db/rows.ts';
import { addMessageIn } from '../../src/modules/appeals/appeals.thread.ts';
import { afterFailure, retryDelayMs } from '../../src/modules/mail/outbound/delivery-policy.ts';
import { sendDueMail, startOutboxSender } from '../../src/modules/mail/outbound/sender.ts';
import { firstNameOf } from '../../src/modules/mail/outbound/templates.ts';
import { createTransports, type MailTransports } from '../../src/modules/mail/outbound/transports.ts';
import type { TestEnv } from '../support/harness.ts';
import { type OutboundWorld, outboundKit, type Sink, startOutboundWorld } from './outbound-kit.ts';

let world: OutboundWorld;
let env: TestEnv;
let sink: Sink;
let transports: MailTransports;
let smtpMailbox: string;
let fileMailbox: string;

beforeAll(async () => {
  world = await startOutboundWorld();
  ({ env, sink, transports, smtpMailbox, fileMailbox } = world);
});
afterAll(async () => world?.close());

const { emailAppeal, reply, outboxOf, onlyOutboxRow, mailWithId, sentMail } = outboundKit(() => world);

/** Calls `then` once each transaction on the database has finished, until the returned function is called. */
function onTransactionEnd(db: Db, then: () => void): () => void {
  const transaction = db.transaction;
  db.transaction = ((work) => transaction.call(db, work).finally(then)) as Db['transaction'];
  return () => {
    db.transaction = transaction;
  };
}

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
  it("queues a reply in its message's transaction: rolled back, no outbox row and no mail record", async () => {
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

  it('sends a reply threaded, with the [#n] token, the loop guard, the mailbox as From and the signature', async () => {
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
    const row = await onlyOutboxRow(appeal.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(row.messageId).toMatch(/^otklik\.[0-9a-f-]{36}@shop\.otklik\.test$/);
    const [record] = await env.ctx.db.query<{ verdict: string; inReplyTo: string; mailboxId: string }>(
      `SELECT verdict, in_reply_to AS "inReplyTo", mailbox_id AS "mailboxId"
       FROM mail_messages
       WHERE message_id = $1 AND direction = 'outbound'`,
      [row.messageId],
    );
    expect(record).toEqual({ verdict: 'sent', inReplyTo: appeal.inboundId, mailboxId: smtpMailbox });

    // The database's clock stamps sent_at: the sending is bracketed by it, as read before and after.
    const dbNow = async () => (await queryOne<{ now: Date }>(env.ctx.db, 'SELECT clock_timestamp() AS now')).now;
    const beforeSending = await dbNow();
    const result = await sendDueMail(env.ctx, transports);
    const afterSending = await dbNow();
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const mail = sentMail(row.messageId);
    expect(mail.subject).toBe(`Re: ${appeal.subject} [#${appeal.number}]`);
    expect(mail.inReplyTo).toBe(`<${appeal.inboundId}>`);
    expect(mail.references).toEqual([`<${appeal.rootId}>`, `<${appeal.inboundId}>`]);
    expect(mail.headers.get('x-otklik-mail')).toBe('1');
    expect(mail.from?.value).toEqual([{ address: 'support@shop.otklik.test', name: 'Служба заботы' }]);
    expect(mail.to).toMatchObject({ value: [{ address: appeal.email, name: 'Петрова Анна Сергеевна' }] });
    expect(mail.text).toContain('Ёлки-палки, «кавычки» — всё в UTF-8.');
    expect(mail.text?.trimEnd()).toMatch(/\n-- \nС уважением,\nМария, служба заботы$/);

    const messages = await env.request('GET', `/api/v1/appeals/${appeal.id}/messages`, { as: 'agent' });
    const outbound = messages.body.items.find((message: { direction: string }) => message.direction === 'outbound');
    expect(outbound.delivery).toMatchObject({ status: 'sent', attempts: 1, error: null });
    const sentAt = Date.parse(outbound.delivery.sentAt);
    expect(sentAt).toBeGreaterThanOrEqual(beforeSending.getTime());
    expect(sentAt).toBeLessThanOrEqual(afterSending.getTime());
    expect(outbound.mail).toBeNull();
    const inbound = messages.body.items.find((message: { direction: string }) => message.direction === 'inbound');
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
    // The sender's first pass is one transaction (leasing due rows); nothing else runs until the poll below.
    let firstPassDone = false;
    const restore = onTransactionEnd(env.ctx.db, () => {
      firstPassDone = true;
      restore();
    });
    const sender = startOutboxSender(env.ctx, {
      intervalMs: 600_000,
      log: { error: () => undefined, warn: () => undefined },
      transports: createTransports({ outboxDir: '/nonexistent' }),
    });
    try {
      // The first pass finds nothing and sleeps for ten minutes: only a nudge can wake it before the test ends.
      await expect.poll(() => firstPassDone, { timeout: 30_000 }).toBe(true);
      const appeal = await emailAppeal();
      await reply(appeal.id, 'Hello! Your refund is on its way.');
      const row = await onlyOutboxRow(appeal.id);
      await expect.poll(() => mailWithId(row.messageId).length, { timeout: 30_000 }).toBe(1);
      expect(sentMail(row.messageId).subject).toContain(`[#${appeal.number}]`);
    } finally {
      await sender.stop();
    }
  });

  it('writes an .eml file when the mailbox has no SMTP settings; a retry overwrites it', async () => {
    const appeal = await emailAppeal({ mailboxId: fileMailbox });
    await reply(appeal.id, 'Ответ без SMTP');
    const row = await onlyOutboxRow(appeal.id);
    await sendDueMail(env.ctx, transports);
    const dir = path.join(env.ctx.config.dataDir, 'outbox');
    const file = path.join(dir, `${row.id}.eml`);
    expect(existsSync(file)).toBe(true);
    const first = await simpleParser(await readFile(file));
    expect(first.messageId).toBe(`<${row.messageId}>`);
    expect(first.from?.value).toEqual([{ address: 'quality@shop.otklik.test', name: 'Отдел качества' }]);
    expect(first.text).toContain('Ответ без SMTP');
    expect((await onlyOutboxRow(appeal.id)).status).toBe('sent');

    // A sender that died after writing the file: the row is sent again to the same file.
    await env.ctx.db.query(
      `UPDATE outbox SET status = 'sending', locked_until = now() - interval '1 second' WHERE id = $1`,
      [row.id],
    );
    await sendDueMail(env.ctx, transports);
    expect((await readdir(dir)).filter((name) => name.startsWith(`${row.id}.`))).toEqual([`${row.id}.eml`]);
    expect((await simpleParser(await readFile(file))).messageId).toBe(`<${row.messageId}>`);
  });

  it('retries after a 4xx answer with backoff, and then delivers the same mail', async () => {
    const appeal = await emailAppeal({ email: 'busy.customer@mail-otklik.ru' });
    sink.busy.add(appeal.email);
    await reply(appeal.id, 'Ответ на занятый ящик');
    await sendDueMail(env.ctx, transports);
    const row = await onlyOutboxRow(appeal.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toContain('451 4.3.0 Mailbox busy, try again later');
    expect(row.retryInS).toBeGreaterThan(55);
    expect(row.retryInS).toBeLessThanOrEqual(60);
    const shown = await env.request('GET', `/api/v1/appeals/${appeal.id}/messages`, { as: 'agent' });
    const outbound = shown.body.items.find((message: { direction: string }) => message.direction === 'outbound');
    expect(outbound.delivery).toMatchObject({
      status: 'queued',
      attempts: 1,
      error: expect.stringContaining('451'),
    });

    // Not due yet: nothing happens.
    await sendDueMail(env.ctx, transports);
    expect((await onlyOutboxRow(appeal.id)).attempts).toBe(1);

    sink.busy.delete(appeal.email);
    await env.ctx.db.query('UPDATE outbox SET next_attempt_at = now() WHERE id = $1', [row.id]);
    await sendDueMail(env.ctx, transports);
    expect(await outboxOf(appeal.id)).toMatchObject([{ status: 'sent', attempts: 2, lastError: null }]);
    expect(mailWithId(row.messageId)).toHaveLength(1);
  });

  it("fails at once after a 5xx answer and shows the server's answer on the message", async () => {
    const appeal = await emailAppeal({ email: 'unknown.person@mail-otklik.ru' });
    await reply(appeal.id, 'Ответ на несуществующий адрес');
    await sendDueMail(env.ctx, transports);
    const row = await onlyOutboxRow(appeal.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.lastError).toContain('550 5.1.1 User unknown');
    const shown = await env.request('GET', `/api/v1/appeals/${appeal.id}/messages`, { as: 'agent' });
    const outbound = shown.body.items.find((message: { direction: string }) => message.direction === 'outbound');
    expect(outbound.delivery).toEqual({
      status: 'failed',
      attempts: 1,
      error: row.lastError,
      sentAt: null,
    });
  });
});
