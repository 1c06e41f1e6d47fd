// Inbound mail through Otklik's own SMTP listener, fed by a real SMTP client (nodemailer) on loopback: new
// appeals, replies joining threads, duplicates, auto-replies, bounces, loops, the listener's limits and STARTTLS.
// Attachments, broken mail, who may read it and the conversation by mail: inbound-storage.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpListener } from '../../src/modules/mail/smtp-listener.ts';
import type { TestEnv } from '../support/harness.ts';
import { makeMail } from '../support/mail.ts';
import {
  appealsOf as appealsOfIn,
  type InboundWorld,
  mailOf as mailOfIn,
  silent,
  SMTP_MAX,
  startInboundWorld,
} from './inbound-kit.ts';

let world: InboundWorld;
let env: TestEnv;
let listener: InboundWorld['listener'];
let client: InboundWorld['client'];
let mailboxId: string;

beforeAll(async () => {
  world = await startInboundWorld();
  ({ env, listener, client, mailboxId } = world);
});
afterAll(async () => world?.close());

const appealsOf = (email: string) => appealsOfIn(env, email);
const mailOf = (appealId: string) => mailOfIn(env, appealId);

describe('a new mail', () => {
  it('opens an appeal in the mailbox unit, kind and queue, for the customer found or created by address', async () => {
    const { raw, messageId } = await makeMail({
      from: 'Мария Соколова <Maria.Sokolova@Example.ru>',
      subject: 'Сломался чайник',
      html: '<p>Чайник <b>сломался</b> через неделю.</p><script>alert(1)</script>',
      text: 'Чайник сломался через неделю.\n\n-- \nМария',
    });
    const info = await client.send(raw);
    expect(info.response).toMatch(/^250 /);
    const [appeal] = await appealsOf('maria.sokolova@example.ru');
    expect(appeal).toMatchObject({
      kind: 'incident',
      channel: 'email',
      subject: 'Сломался чайник',
      unitId: env.units.store.id,
    });
    const full = await env.request('GET', `/api/v1/appeals/${appeal.id}`, { as: 'admin' });
    expect(full.body.description).toBe('Чайник сломался через неделю.');
    expect(full.body.queueId).not.toBeNull();
    const customer = await env.request('GET', `/api/v1/customers/${full.body.customer?.id ?? full.body.customerId}`, {
      as: 'admin',
    });
    expect(JSON.stringify(customer.body)).toContain('Мария Соколова');
    const [mail] = await mailOf(appeal.id);
    expect(mail).toMatchObject({
      verdict: 'appeal',
      messageId,
      from: 'maria.sokolova@example.ru',
      fromName: 'Мария Соколова',
      signature: expect.stringContaining('Мария'),
    });
    expect(mail.html).toContain('<b>сломался</b>');
    expect(mail.html).not.toContain('script');
  });

  it('is stored once however often it is delivered', async () => {
    const { raw } = await makeMail({ from: 'twice@example.ru', subject: 'Дважды' });
    expect((await client.send(raw)).response).toMatch(/^250 .*Stored/);
    expect((await client.send(raw)).response).toMatch(/^250 .*Already have it/);
    expect(await appealsOf('twice@example.ru')).toHaveLength(1);
  });

  it('without a Message-ID is still stored once', async () => {
    const { raw } = await makeMail({ id: null, from: 'noid@example.ru', subject: 'Без идентификатора' });
    await client.send(raw);
    await client.send(raw);
    expect(await appealsOf('noid@example.ru')).toHaveLength(1);
  });

  it('sent to two of our addresses is stored once', async () => {
    const { raw } = await makeMail({ from: 'both@example.ru', to: 'support@otklik.test, help@otklik.test' });
    await client.send(raw, ['support@otklik.test', 'help@otklik.test']);
    expect(await appealsOf('both@example.ru')).toHaveLength(1);
  });
});

describe('a reply', () => {
  it('joins the thread it answers (In-Reply-To), reopens a waiting appeal and keeps the quote apart', async () => {
    const first = await makeMail({ from: 'oleg@example.ru', subject: 'Возврат денег' });
    await client.send(first.raw);
    const [appeal] = await appealsOf('oleg@example.ru');
    await env.request('PATCH', `/api/v1/appeals/${appeal.id}`, { as: 'admin', body: { status: 'pending_customer' } });

    const reply = await makeMail({
      from: 'oleg@example.ru',
      subject: 'Re: Возврат денег',
      inReplyTo: `<${first.messageId}>`,
      references: [`<${first.messageId}>`],
      text: 'Чек прикладываю.\n\n10.06.2024 12:00, Поддержка пишет:\n> Пришлите, пожалуйста, чек.',
    });
    await client.send(reply.raw);
    expect(await appealsOf('oleg@example.ru')).toHaveLength(1);
    const messages =
      (await env.request('GET', `/api/v1/appeals/${appeal.id}/messages`, { as: 'admin' })).body.items ?? [];
    const inbound = (Array.isArray(messages) ? messages : []).filter(
      (message: { direction: string }) => message.direction === 'inbound',
    );
    expect(inbound.map((message: { body: string }) => message.body)).toEqual(['Чек прикладываю.']);
    expect((await env.request('GET', `/api/v1/appeals/${appeal.id}`, { as: 'admin' })).body.status).toBe('open');
    const mails = await mailOf(appeal.id);
    expect(mails.map((mail: { verdict: string }) => mail.verdict)).toEqual(['appeal', 'reply']);
    expect(mails[1].quoted).toContain('Пришлите, пожалуйста, чек.');
  });

  it('joins by the [#number] in the subject when the customer writes, but not when a stranger does', async () => {
    await client.send((await makeMail({ from: 'nina@example.ru', subject: 'Гарантия' })).raw);
    const [appeal] = await appealsOf('nina@example.ru');
    await client.send(
      (await makeMail({ from: 'nina@example.ru', subject: `Re: Гарантия [#${appeal.number}]`, text: 'Добавлю фото.' }))
        .raw,
    );
    expect(await appealsOf('nina@example.ru')).toHaveLength(1);
    await client.send(
      (
        await makeMail({
          from: 'stranger@example.ru',
          subject: `Re: Гарантия [#${appeal.number}]`,
          text: 'Чужое письмо.',
        })
      ).raw,
    );
    expect(await appealsOf('stranger@example.ru')).toHaveLength(1);
    expect((await mailOf(appeal.id)).map((mail: { verdict: string }) => mail.verdict)).toEqual(['appeal', 'reply']);
  });

  it('to a closed appeal opens a follow-up appeal', async () => {
    const first = await makeMail({ from: 'late@example.ru', subject: 'Старый вопрос' });
    await client.send(first.raw);
    const [appeal] = await appealsOf('late@example.ru');
    await env.request('PATCH', `/api/v1/appeals/${appeal.id}`, { as: 'admin', body: { status: 'closed' } });
    await client.send(
      (await makeMail({ from: 'late@example.ru', inReplyTo: `<${first.messageId}>`, subject: 'Re: Старый вопрос' }))
        .raw,
    );
    const appeals = await appealsOf('late@example.ru');
    expect(appeals).toHaveLength(2);
    expect(appeals.find((other: { id: string }) => other.id !== appeal.id).tags).toContain('follow_up');
  });
});

describe('mail that must not open appeals', () => {
  it.each([
    [
      'an auto-reply',
      { from: 'away@example.ru', subject: 'Автоответ: Ваше обращение', headers: { 'Auto-Submitted': 'auto-replied' } },
      'auto_reply',
    ],
    ['a bounce', { from: 'MAILER-DAEMON@mx.example.ru', subject: 'Undelivered Mail Returned to Sender' }, 'bounce'],
    [
      'our own mail coming back',
      { from: 'support@otklik.test', subject: 'Re: [#1]', headers: { 'X-Otklik-Mail': '1' } },
      'loop',
    ],
  ])('%s is kept and listed, but opens nothing', async (_name, spec, verdict) => {
    const { raw, messageId } = await makeMail(spec);
    expect((await client.send(raw)).response).toMatch(/^250 /);
    const listed = await env.request('GET', `/api/v1/mail/messages?verdict=${verdict}`, { as: 'admin' });
    const mail = listed.body.items.find((listedMail: { messageId: string }) => listedMail.messageId === messageId);
    expect(mail).toMatchObject({ verdict, appealId: null, mailboxId });
  });
});

describe('the listener', () => {
  it('refuses recipients it does not serve, storing nothing', async () => {
    const { raw } = await makeMail({ from: 'wrong@example.ru', to: 'nobody@otklik.test' });
    await expect(client.send(raw, ['nobody@otklik.test'])).rejects.toMatchObject({ responseCode: 550 });
    expect(await appealsOf('wrong@example.ru')).toHaveLength(0);
  });

  it('refuses a mail over its size limit with 552', async () => {
    const { raw } = await makeMail({
      from: 'huge@example.ru',
      attachments: [{ filename: 'big.bin', content: Buffer.alloc(SMTP_MAX, 7) }],
    });
    await expect(client.send(raw)).rejects.toMatchObject({ responseCode: 552 });
    expect(await appealsOf('huge@example.ru')).toHaveLength(0);
  });

  it('survives a client that talks nonsense and hangs up, and keeps serving', async () => {
    const { connect } = await import('node:net');
    // The client hangs up in the middle of its mail: once the listener has taken DATA (354), not after a delay.
    await new Promise<void>((resolve) => {
      const socket = connect(listener.port, '127.0.0.1', () => {
        socket.write(
          'HELO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<support@otklik.test>\r\nDATA\r\nSubject: half\r\n\r\nbroken',
        );
      });
      let answers = '';
      socket.on('data', (chunk: Buffer) => {
        answers += chunk.toString('latin1');
        if (/^354 /m.test(answers)) {
          socket.destroy();
          resolve();
        }
      });
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
    });
    const { raw } = await makeMail({ from: 'after@example.ru' });
    expect((await client.send(raw)).response).toMatch(/^250 /);
  });
});

describe('STARTTLS', () => {
  it('is offered when a key and certificate are configured, and mail sent over it is stored', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const nodemailer = (await import('nodemailer')).default;
    const dir = await mkdtemp(path.join(tmpdir(), 'otklik-tls-'));
    const [tlsKey, tlsCert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    // A throw-away self-signed certificate for this test only.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        tlsKey,
        '-out',
        tlsCert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      { stdio: 'ignore' },
    );
    const secure = await startSmtpListener(env.ctx, {
      host: '127.0.0.1',
      port: 0,
      maxBytes: SMTP_MAX,
      tlsKey,
      tlsCert,
      log: silent,
    });
    try {
      const tlsOnly = nodemailer.createTransport({
        host: '127.0.0.1',
        port: secure.port,
        secure: false,
        requireTLS: true,
        tls: { rejectUnauthorized: false },
      });
      const { raw } = await makeMail({ from: 'tls@example.ru', subject: 'По защищённому каналу' });
      expect(
        (await tlsOnly.sendMail({ envelope: { from: 'tls@example.ru', to: ['support@otklik.test'] }, raw })).response,
      ).toMatch(/^250 /);
      expect(await appealsOf('tls@example.ru')).toHaveLength(1);
      // The plain listener offers no STARTTLS: a client that insists gets nowhere.
      const insisting = nodemailer.createTransport({
        host: '127.0.0.1',
        port: listener.port,
        secure: false,
        requireTLS: true,
      });
      await expect(
        insisting.sendMail({ envelope: { from: 'x@example.ru', to: ['support@otklik.test'] }, raw }),
      ).rejects.toThrow();
    } finally {
      await secure.close();
    }
  });
});
