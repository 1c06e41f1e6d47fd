// Acknowledgements and staff notifications rendered from templates and sent through a real SMTP server on
// loopback, and the mail templates API: defaults, overrides and what they may say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueAutoAck } from '../../src/modules/mail/outbound/queue.ts';
import { sendDueMail } from '../../src/modules/mail/outbound/sender.ts';
import { formatInstant, TEMPLATE_KEYS } from '../../src/modules/mail/outbound/templates.ts';
import type { MailTransports } from '../../src/modules/mail/outbound/transports.ts';
import { notify } from '../../src/modules/notifications/notifications.service.ts';
import { queryOne } from '../../src/db/rows.ts';
import type { TestEnv } from '../support/harness.ts';
import { type OutboundWorld, outboundKit, type Sink, startOutboundWorld } from './outbound-kit.ts';

let world: OutboundWorld;
let env: TestEnv;
let sink: Sink;
let transports: MailTransports;
let smtpMailbox: string;

beforeAll(async () => {
  world = await startOutboundWorld();
  ({ env, sink, transports, smtpMailbox } = world);
});
afterAll(async () => world?.close());

const { emailAppeal, reply, onlyOutboxRow, sentMail } = outboundKit(() => world);

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
    const row = await queryOne<{ messageId: string }>(
      env.ctx.db,
      `SELECT message_id AS "messageId" FROM outbox WHERE dedupe_key = $1`,
      [`auto_ack:${appeal.id}`],
    );
    await sendDueMail(env.ctx, transports);
    const mail = sentMail(row.messageId);
    expect(mail.subject).toContain(`№${appeal.number}`);
    expect(mail.subject).toContain(`[#${appeal.number}]`);
    expect(mail.inReplyTo).toBe(`<${appeal.inboundId}>`);
    expect(mail.text).toContain('Здравствуйте, Иван!');
    expect(mail.text).toMatch(/Мы ответим до \d{1,2} [а-я]+ \d{4}/);
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
    const byDefault = sink.mails.find((mail) => mail.subject?.includes('[#4242]'));
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
    const custom = sink.mails.find((mail) => mail.subject?.startsWith('СРОК!'));
    expect(custom?.subject).toBe('СРОК! №4242');
    expect(custom?.text?.trim()).toMatch(/^Test supervisor \d+: Холодильник не морозит — Срок: первый ответ\.$/);
    expect((await env.request('DELETE', '/api/v1/mail/templates/sla_breach/ru', { as: 'admin' })).status).toBe(200);
  });
});

describe('mail templates API', () => {
  it('lists every key in ru and en, defaults marked as such', async () => {
    const res = await env.request('GET', '/api/v1/mail/templates', { as: 'agent' });
    expect(res.status).toBe(200);
    const keys = new Set(res.body.items.map((template: { key: string }) => template.key));
    expect([...keys].sort()).toEqual([...TEMPLATE_KEYS].sort());
    expect(keys).toContain('rule_notification');
    expect(res.body.items).toHaveLength(keys.size * 2);
    const english = res.body.items.find(
      (template: { key: string; locale: string }) => template.key === 'reply' && template.locale === 'en',
    );
    expect(english).toMatchObject({
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
    const row = await onlyOutboxRow(appeal.id);
    await sendDueMail(env.ctx, transports);
    const mail = sentMail(row.messageId);
    // The [#n] token is kept even when a template leaves it out: the customer's answer finds its appeal by it.
    expect(mail.subject).toBe(`Ответ по обращению №${appeal.number} [#${appeal.number}]`);
    expect(mail.text?.trim()).toMatch(/^Анна, добрый день!\n\nЗаказ уже в пути\.\n\nTest agent \d+$/);

    const del = await env.request('DELETE', '/api/v1/mail/templates/reply/ru', { as: 'cs_head' });
    expect(del.body).toMatchObject({ custom: false, subject: 'Re: {{appeal.subject}} [#{{appeal.number}}]' });
    expect(await env.ctx.db.query('SELECT 1 FROM mail_templates')).toHaveLength(0);
  });
});
