// What is kept of mail received through Otklik's own SMTP listener: attachments and inline images on the appeal
// (one too large stays in the raw source), broken and unreadable mail kept as appeals with their raw source, who
// may read that source, and the conversation by mail (acknowledgements, answers threaded to our replies).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne } from '../../src/db/rows.ts';
import type { TestEnv } from '../support/harness.ts';
import { makeMail } from '../support/mail.ts';
import { appealsOf as appealsOfIn, type InboundWorld, mailOf as mailOfIn, startInboundWorld } from './inbound-kit.ts';

let world: InboundWorld;
let env: TestEnv;
let client: InboundWorld['client'];

beforeAll(async () => {
  world = await startInboundWorld();
  ({ env, client } = world);
});
afterAll(async () => world?.close());

const appealsOf = (email: string) => appealsOfIn(env, email);
const mailOf = (appealId: string) => mailOfIn(env, appealId);

describe('attachments and broken mail', () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
    'base64',
  );

  it('stores attachments and inline images; one too large stays in the raw source, and a note says so', async () => {
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
    expect(files.map((file: { fileName: string }) => file.fileName).sort()).toEqual(['фото.png', 'чек.pdf']);
    expect(files.find((file: { fileName: string }) => file.fileName === 'фото.png')).toMatchObject({
      contentType: 'image/png',
      width: 1,
      height: 1,
    });
    const messages = (await env.request('GET', `/api/v1/appeals/${appeal.id}/messages`, { as: 'admin' })).body.items;
    expect(messages.find((message: { direction: string }) => message.direction === 'note').body).toContain('video.bin');
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
    expect(acks).toEqual([
      {
        payload: expect.objectContaining({
          template: 'auto_ack',
          to: 'ack.me@example.ru',
          inReplyTo: messageId,
          subject: expect.stringContaining(`[#${appeal.number}]`),
        }),
      },
    ]);
  });

  it('threads the customer’s answer to our reply by its Message-ID', async () => {
    await client.send((await makeMail({ from: 'round.trip@example.ru', subject: 'Сервис' })).raw);
    const [appeal] = await appealsOf('round.trip@example.ru');
    const reply = await env.request('POST', `/api/v1/appeals/${appeal.id}/messages`, {
      as: 'agent',
      body: { direction: 'outbound', body: 'Здравствуйте! Уточните номер заказа.' },
    });
    expect(reply.status).toBe(201);
    const ours = await queryOne<{ messageId: string }>(
      env.ctx.db,
      `SELECT message_id AS "messageId" FROM mail_messages WHERE appeal_id = $1 AND direction = 'outbound'`,
      [appeal.id],
    );
    await client.send(
      (
        await makeMail({
          from: 'round.trip@example.ru',
          subject: 'Re: Сервис',
          inReplyTo: `<${ours.messageId}>`,
          text: 'Номер 12345.',
        })
      ).raw,
    );
    const messages = (await env.request('GET', `/api/v1/appeals/${appeal.id}/messages`, { as: 'admin' })).body.items;
    expect(messages.map((message: { direction: string; body: string }) => [message.direction, message.body])).toEqual([
      ['outbound', 'Здравствуйте! Уточните номер заказа.'],
      ['inbound', 'Номер 12345.'],
    ]);
    expect(messages[1].mail).toMatchObject({ from: 'round.trip@example.ru' });
  });
});
