// Inbound mail holding bytes PostgreSQL text cannot store (a NUL) through Otklik's own SMTP listener on loopback:
// accepted with 250 and stored with those characters removed from the text, the raw source kept byte for byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const NUL = '\u0000';

/** A hand-written mail whose lines are joined with CRLF; `body` may hold any bytes. */
const rawMail = (headers: string[], body: Buffer) =>
  Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1'), body, Buffer.from('\r\n')]);

/** The appeal a sender's one mail opened, in full, with the mail's record. */
async function onlyAppealOf(email: string) {
  const appeals = await appealsOf(email);
  expect(appeals).toHaveLength(1);
  const appeal = (await env.request('GET', `/api/v1/appeals/${appeals[0].id}`, { as: 'admin' })).body;
  const [mail] = await mailOf(appeal.id);
  return { appeal, mail };
}

/** The raw source of a received mail, as bytes. */
async function rawSourceOf(mailId: string): Promise<Buffer> {
  const answer = await env.app.inject({
    method: 'GET',
    url: `/api/v1/mail/messages/${mailId}/raw`,
    headers: { authorization: `Bearer ${env.users.admin.token}` },
  });
  expect(answer.statusCode).toBe(200);
  return answer.rawPayload;
}

describe('a mail with a NUL', () => {
  it('in a base64 text part is stored without it, and its raw source keeps it', async () => {
    const { raw } = await makeMail({
      from: 'Base Sixtyfour <base64@example.ru>',
      subject: 'Чек',
      text: `Чек${NUL} номер 17${NUL}${NUL} не пробит.`,
      textEncoding: 'base64',
    });
    expect(raw.includes(Buffer.from([0]))).toBe(false); // the NUL travels encoded
    expect((await client.send(raw)).response).toMatch(/^250 /);
    const { appeal, mail } = await onlyAppealOf('base64@example.ru');
    expect(appeal.description).toBe('Чек номер 17 не пробит.');
    expect((await rawSourceOf(mail.id)).equals(raw)).toBe(true);
  });

  it('in the Subject, the sender name and an HTML part is stored without it', async () => {
    const { raw } = await makeMail({
      from: { name: `Ольга${NUL} Н.`, address: 'subject-nul@example.ru' },
      subject: `Возврат${NUL} денег`,
      html: `<p>Верните${NUL} деньги</p>`,
      text: `Верните${NUL} деньги`,
    });
    expect((await client.send(raw)).response).toMatch(/^250 /);
    const { appeal, mail } = await onlyAppealOf('subject-nul@example.ru');
    expect(appeal.subject).toBe('Возврат денег');
    expect(appeal.description).toBe('Верните деньги');
    expect(mail.fromName).toBe('Ольга Н.');
    expect(mail.html).toContain('Верните деньги');
    expect(JSON.stringify(mail)).not.toContain('\\u0000');
  });

  it('as a raw byte in an 8-bit body and header is stored without it, byte for byte in the raw source', async () => {
    const raw = rawMail(
      [
        'From: raw-nul@example.ru',
        'To: support@otklik.test',
        `Subject: Raw${NUL}byte`,
        'Message-ID: <raw-nul.1@client.example>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
      ],
      Buffer.concat([Buffer.from('Первая строка'), Buffer.from([0, 0]), Buffer.from(' и вторая.')]),
    );
    expect((await client.send(raw)).response).toMatch(/^250 /);
    const { appeal, mail } = await onlyAppealOf('raw-nul@example.ru');
    expect(appeal.subject).toBe('Rawbyte');
    expect(appeal.description).toBe('Первая строка и вторая.');
    const source = await rawSourceOf(mail.id);
    expect(source.equals(raw)).toBe(true);
    expect(source.includes(Buffer.from([0, 0]))).toBe(true);
  });

  it('in a reply joins the thread without it', async () => {
    const first = await makeMail({ from: 'thread-nul@example.ru', subject: 'Доставка' });
    await client.send(first.raw);
    const { appeal } = await onlyAppealOf('thread-nul@example.ru');
    const reply = await makeMail({
      from: 'thread-nul@example.ru',
      subject: 'Re: Доставка',
      text: `Так и${NUL} не привезли.`,
      textEncoding: 'base64',
      inReplyTo: `<${first.messageId}>`,
      references: [`<${first.messageId}>`],
    });
    expect((await client.send(reply.raw)).response).toMatch(/^250 /);
    const messages = (await env.request('GET', `/api/v1/appeals/${appeal.id}/messages`, { as: 'admin' })).body.items;
    expect(messages.map((message: { body: string }) => message.body)).toContain('Так и не привезли.');
    expect(await mailOf(appeal.id)).toHaveLength(2);
  });

  it('in an attachment name stores the file under the name without it', async () => {
    const { raw } = await makeMail({
      from: 'file-nul@example.ru',
      attachments: [{ filename: `акт${NUL}.pdf`, content: Buffer.from('%PDF-1.4\n%%EOF\n') }],
    });
    expect((await client.send(raw)).response).toMatch(/^250 /);
    const { appeal } = await onlyAppealOf('file-nul@example.ru');
    const files = (await env.request('GET', `/api/v1/appeals/${appeal.id}/attachments`, { as: 'admin' })).body.items;
    expect(files.map((file: { fileName: string }) => file.fileName)).toEqual(['акт.pdf']);
  });
});
