import { describe, expect, it } from 'vitest';
import { MailParseError, messageIds, parseMail } from './parse.ts';

const mail = (head: string, body = 'text') =>
  Buffer.from(`${head.trim().replace(/\n/g, '\r\n')}\r\n\r\n${body}\r\n`, 'utf8');

describe('parseMail: headers', () => {
  it('decodes RFC 2047 subjects and names, lower-cases addresses', async () => {
    const parsed = await parseMail(
      mail(`
From: =?UTF-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCy?= <Ivan@Mail.RU>
To: A <A@X.ru>, b@y.RU
Cc: Group: c@z.ru, D <d@z.ru>;
Subject: =?windows-1251?Q?=C2=EE=EF=F0=EE=F1?= =?UTF-8?Q?_=D0=BE_=D0=B7=D0=B0=D0=BA=D0=B0=D0=B7=D0=B5?=`),
    );
    expect(parsed.from).toEqual({ address: 'ivan@mail.ru', name: 'Иван Петров' });
    expect(parsed.to).toEqual(['a@x.ru', 'b@y.ru']);
    expect(parsed.cc).toEqual(['c@z.ru', 'd@z.ru']);
    expect(parsed.subject).toBe('Вопрос о заказе');
  });

  it('strips angle brackets from Message-ID, In-Reply-To and References', async () => {
    const parsed = await parseMail(
      mail(`
From: a@b.ru
Message-ID:  < id-1@x.ru >
In-Reply-To: <id-0@x.ru> (comment)
References: <r1@x.ru>
 <r2@x.ru> <r3@x.ru>`),
    );
    expect(parsed).toMatchObject({
      messageId: 'id-1@x.ru',
      inReplyTo: 'id-0@x.ru',
      references: ['r1@x.ru', 'r2@x.ru', 'r3@x.ru'],
    });
  });

  it('gives null and empty values for missing headers', async () => {
    const parsed = await parseMail(mail('X-Nothing: 1'));
    expect(parsed).toMatchObject({
      messageId: null,
      inReplyTo: null,
      references: [],
      from: null,
      to: [],
      cc: [],
      subject: '',
      date: null,
      html: null,
    });
  });

  it('reads the date, comments included, and refuses a nonsense date', async () => {
    expect((await parseMail(mail('Date: Mon, 3 Jun 2024 10:15:00 +0300 (MSK)'))).date?.toISOString()).toBe(
      '2024-06-03T07:15:00.000Z',
    );
    expect((await parseMail(mail('Date: someday'))).date).toBeNull();
  });

  it('keeps the first occurrence of each header, unfolded, by lower-case name', async () => {
    const parsed = await parseMail(mail('X-Test: one\n two\nx-test: three\nAuto-Submitted: auto-replied'));
    expect(parsed.headers['x-test']).toBe('one two');
    expect(parsed.headers['auto-submitted']).toBe('auto-replied');
  });
});

describe('parseMail: bodies', () => {
  it('derives text from the HTML when there is no text part and sanitises the HTML', async () => {
    const parsed = await parseMail(
      mail('Content-Type: text/html; charset=utf-8', '<p onclick="x()">Привет</p><script>alert(1)</script>'),
    );
    expect(parsed.text).toBe('Привет');
    expect(parsed.html).toBe('<p>Привет</p>');
  });

  it('decodes a windows-1251 body', async () => {
    const body = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]); // "Привет"
    const raw = Buffer.concat([
      mail('Content-Type: text/plain; charset=windows-1251\nContent-Transfer-Encoding: 8bit', ''),
      body,
    ]);
    expect((await parseMail(raw)).text).toBe('Привет');
  });

  it('reads a bare text mail without any MIME headers', async () => {
    expect((await parseMail(mail('From: a@b.ru', 'hello\r\nworld'))).text).toBe('hello\nworld');
  });
});

describe('parseMail: errors', () => {
  it('throws MailParseError for an empty message', async () => {
    await expect(parseMail(Buffer.alloc(0))).rejects.toBeInstanceOf(MailParseError);
  });

  it('throws MailParseError when there are no headers and no body', async () => {
    await expect(parseMail(Buffer.from('\r\n\r\n'))).rejects.toBeInstanceOf(MailParseError);
  });
});

describe('messageIds', () => {
  it.each([
    ['<a@b>', ['a@b']],
    ['<a@b> <c@d>', ['a@b', 'c@d']],
    ['a@b', ['a@b']],
    ['<>', []],
    ['', []],
  ])('reads %j', (value, ids) => expect(messageIds(value)).toEqual(ids));
});

describe('parseMail: binary garbage', () => {
  it('throws MailParseError for bytes that are not mail', async () => {
    await expect(parseMail(Buffer.from([0, 1, 2, 255, 254, 10, 13, 0, 0]))).rejects.toThrow(MailParseError);
  });
});
