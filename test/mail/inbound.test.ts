// Inbound mail through Otklik's own SMTP listener, fed by a real SMTP client (nodemailer) on loopback: new
// appeals, replies joining threads, duplicates, auto-replies, bounces, loops, attachments and broken mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpListener, startSmtpListener } from '../../src/modules/mail/smtp-listener.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';
import { makeMail, smtpClient } from '../support/mail.ts';

let env: TestEnv;
let listener: SmtpListener;
let client: ReturnType<typeof smtpClient>;
let mailboxId: string;
const silent = { info: () => undefined, error: () => undefined };
// Small limits, so that "too large" needs no megabytes: attachments over 50 KB stay in the raw source only.
const SMTP_MAX = 400_000;

beforeAll(async () => {
  env = await startTestEnv({ attachmentMaxBytes: 50_000 });
  const queue = await env.request('POST', '/api/v1/queues', { as: 'admin', body: { code: 'email', name: 'Почта' } });
  const mailbox = await env.request('POST', '/api/v1/mail/mailboxes', {
    as: 'admin',
    body: {
      name: 'Поддержка',
      address: 'support@otklik.test',
      aliases: ['help@otklik.test'],
      unitId: env.units.store.id,
      kind: 'incident',
      queueId: queue.body.id,
    },
  });
  mailboxId = mailbox.body.id;
  listener = await startSmtpListener(env.ctx, { host: '127.0.0.1', port: 0, maxBytes: SMTP_MAX, log: silent });
  client = smtpClient(listener.port);
});
afterAll(async () => {
  client.close();
  await listener.close();
  await env.close();
});

async function appealsOf(email: string) {
  const customers = await env.request('GET', `/api/v1/customers?email=${encodeURIComponent(email)}`, { as: 'admin' });
  if (!customers.body.items.length) {
    return [];
  }
  return (await env.request('GET', `/api/v1/appeals?customerId=${customers.body.items[0].id}`, { as: 'admin' })).body
    .items;
}

const mailOf = async (appealId: string) =>
  (await env.request('GET', `/api/v1/appeals/${appealId}/mail`, { as: 'admin' })).body.items;

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
      (m: { direction: string }) => m.direction === 'inbound',
    );
    expect(inbound.map((m: { body: string }) => m.body)).toEqual(['Чек прикладываю.']);
    expect((await env.request('GET', `/api/v1/appeals/${appeal.id}`, { as: 'admin' })).body.status).toBe('open');
    const mails = await mailOf(appeal.id);
    expect(mails.map((m: { verdict: string }) => m.verdict)).toEqual(['appeal', 'reply']);
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
    expect((await mailOf(appeal.id)).map((m: { verdict: string }) => m.verdict)).toEqual(['appeal', 'reply']);
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
    expect(appeals.find((a: { id: string }) => a.id !== appeal.id).tags).toContain('follow_up');
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
    const mail = listed.body.items.find((m: { messageId: string }) => m.messageId === messageId);
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
    await new Promise<void>((resolve) => {
      const socket = connect(listener.port, '127.0.0.1', () => {
        socket.write(
          'HELO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<support@otklik.test>\r\nDATA\r\nSubject: half\r\n\r\nbroken',
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
      socket.on('error', () => resolve());
    });
    const { raw } = await makeMail({ from: 'after@example.ru' });
    expect((await client.send(raw)).response).toMatch(/^250 /);
  });
});

describe('attachments and broken mail', () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
    'base64',
  );

  it('stores attachments and inline images on the appeal; one too large stays in the raw source, and a note says so', async () => {
    const { raw } = await makeMail({
      from: 'files@example.ru',
      html: '<p>Фото: <img src="cid:photo1"></p>',
      attachments: [
        { filename: 'фото.png', content: png, cid: 'photo1' },
        { filename: 'чек.pdf', content: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1000, 32)]) },
        { filename: 'video.bin', content: Buffer.alloc(100_000, 1) },
      ],
    });
    await client.send(raw);
    const [appeal] = await appealsOf('files@example.ru');
    const files = (await env.request('GET', `/api/v1/appeals/${appeal.id}/attachments`, { as: 'admin' })).body.items;
    expect(files.map((f: { fileName: string }) => f.fileName).sort()).toEqual(['фото.png', 'чек.pdf']);
    expect(files.find((f: { fileName: string }) => f.fileName === 'фото.png')).toMatchObject({
      contentType: 'image/png',
      width: 1,
      height: 1,
    });
    const messages = (await env.request('GET', `/api/v1/appeals/${appeal.id}/messages`, { as: 'admin' })).body.items;
    expect(messages.find((m: { direction: string }) => m.direction === 'note').body).toContain('video.bin');
    const [mail] = await mailOf(appeal.id);
    expect(mail.parseError).toContain('video.bin');
    const source = await env.request('GET', `/api/v1/mail/messages/${mail.id}/raw`, { as: 'admin' });
    expect(source.status).toBe(200);
    expect(source.headers['content-type']).toBe('message/rfc822');
    expect(Number(source.headers['content-length'])).toBe(raw.length);
  });

  it('keeps malformed MIME as an appeal with its raw source, never dropping it', async () => {
    const broken = Buffer.from(
      [
        'From: Broken Client <broken@example.ru>',
        'To: support@otklik.test',
        'Subject: =?utf-8?B?0J/RgNC+0LHQu9C10LzQsA==?=',
        'Message-ID: <broken.1@example.ru>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="XYZ"',
        '',
        '--XYZ',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        '0J/RgNC40LLQtdGCIQ==!!!not base64',
        '--XYZ',
        'Content-Type: application/octet-stream; name="a.bin"',
        'Content-Transfer-Encoding: base64',
        '',
        'AAEC', // and no closing boundary
      ].join('\r\n'),
    );
    expect((await client.send(broken)).response).toMatch(/^250 /);
    const [appeal] = await appealsOf('broken@example.ru');
    expect(appeal.subject).toBe('Проблема');
    const [mail] = await mailOf(appeal.id);
    expect(mail.messageId).toBe('broken.1@example.ru');
    expect((await env.request('GET', `/api/v1/mail/messages/${mail.id}/raw`, { as: 'admin' })).body).toContain(
      'not base64',
    );
  });

  it('keeps a mail nothing can be read from as an appeal that says so, with its raw source', async () => {
    const bare = Buffer.from('just some text\r\nwithout any headers\r\n');
    expect((await client.send(bare)).response).toMatch(/^250 /);
    const [mail] = (await env.request('GET', '/api/v1/mail/messages?limit=1', { as: 'admin' })).body.items;
    expect(mail).toMatchObject({ from: null, subject: null, verdict: 'unparsed', parseError: expect.any(String) });
    const appeal = await env.request('GET', `/api/v1/appeals/${mail.appealId}`, { as: 'admin' });
    expect(appeal.body).toMatchObject({
      subject: '(письмо не удалось разобрать)',
      tags: ['mail_unparsed'],
      description: expect.stringContaining(mail.parseError),
    });
    expect((await env.request('GET', `/api/v1/mail/messages/${mail.id}/raw`, { as: 'admin' })).body).toContain(
      'without any headers',
    );
  });
});

describe('who may read mail', () => {
  it('raw source follows the appeal: a unit member of another unit gets 404', async () => {
    const { raw } = await makeMail({ from: 'private@example.ru' });
    await client.send(raw);
    const [appeal] = await appealsOf('private@example.ru');
    const [mail] = await mailOf(appeal.id);
    const other = await env.makeUser('unit_responsible', [env.units.other.id]);
    expect((await env.request('GET', `/api/v1/mail/messages/${mail.id}/raw`, { token: other.token })).status).toBe(404);
    expect((await env.request('GET', `/api/v1/appeals/${appeal.id}/mail`, { token: other.token })).status).toBe(404);
  });
});

describe('the conversation by mail', () => {
  it('acknowledges a new appeal when the mailbox asks, once, threaded to the customer’s mail', async () => {
    await env.request('POST', '/api/v1/mail/mailboxes', {
      as: 'admin',
      body: { name: 'Ack', address: 'ack@otklik.test', autoAck: true },
    });
    const { raw, messageId } = await makeMail({
      from: 'ack.me@example.ru',
      to: 'ack@otklik.test',
      subject: 'Где мой заказ?',
    });
    await client.send(raw, ['ack@otklik.test']);
    await client.send(raw, ['ack@otklik.test']);
    const [appeal] = await appealsOf('ack.me@example.ru');
    const acks = await env.ctx.db.query<{
      payload: { to: string; subject: string; inReplyTo: string; template: string };
    }>(`SELECT payload FROM outbox WHERE payload->>'appealId' = $1`, [appeal.id]);
    expect(acks).toHaveLength(1);
    expect(acks[0]!.payload).toMatchObject({ template: 'auto_ack', to: 'ack.me@example.ru', inReplyTo: messageId });
    expect(acks[0]!.payload.subject).toContain(`[#${appeal.number}]`);
  });

  it('threads the customer’s answer to our reply by its Message-ID', async () => {
    await client.send((await makeMail({ from: 'round.trip@example.ru', subject: 'Сервис' })).raw);
    const [appeal] = await appealsOf('round.trip@example.ru');
    const reply = await env.request('POST', `/api/v1/appeals/${appeal.id}/messages`, {
      as: 'agent',
      body: { direction: 'outbound', body: 'Здравствуйте! Уточните номер заказа.' },
    });
    expect(reply.status).toBe(201);
    const [ours] = await env.ctx.db.query<{ messageId: string }>(
      `SELECT message_id AS "messageId" FROM mail_messages WHERE appeal_id = $1 AND direction = 'outbound'`,
      [appeal.id],
    );
    await client.send(
      (
        await makeMail({
          from: 'round.trip@example.ru',
          subject: 'Re: Сервис',
          inReplyTo: `<${ours!.messageId}>`,
          text: 'Номер 12345.',
        })
      ).raw,
    );
    const messages = (await env.request('GET', `/api/v1/appeals/${appeal.id}/messages`, { as: 'admin' })).body.items;
    expect(messages.map((m: { direction: string; body: string }) => [m.direction, m.body])).toEqual([
      ['outbound', 'Здравствуйте! Уточните номер заказа.'],
      ['inbound', 'Номер 12345.'],
    ]);
    expect(messages[1].mail).toMatchObject({ from: 'round.trip@example.ru' });
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
