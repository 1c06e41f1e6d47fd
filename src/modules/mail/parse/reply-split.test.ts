import { describe, expect, it } from 'vitest';
import { splitReply } from './reply-split.ts';

const quote = '> Старый текст\n> ещё строка';

describe('splitReply: quote headers', () => {
  it.each([
    ['Outlook en', '-----Original Message-----\nFrom: A\nSent: B\nTo: C\nSubject: D\n\nold'],
    ['Outlook ru', '-----Исходное сообщение-----\nОт: A\nОтправлено: B\n\nold'],
    ['Gmail en', 'On Mon, 3 Jun 2024 at 10:15, Ivan <ivan@x.ru> wrote:\n\n' + quote],
    ['Gmail ru', 'пн, 3 июн. 2024 г. в 10:15, Иван <ivan@x.ru>:\n\n' + quote],
    ['Apple ru', '3 июня 2024 г., в 10:15, Иван Петров <ivan@x.ru> написал(а):\n\n' + quote],
    ['name пишет', 'Иван пишет:\nстарый текст без кавычек'],
    ['date пишет', '10.06.2024 12:00, Иван пишет:\n' + quote],
    ['Mail.ru', 'Понедельник, 3 июня 2024, 10:15 +03:00 от Иван <ivan@x.ru>:\n' + quote],
    [
      'Outlook block en',
      'From: Support <s@x.ru>\nSent: Monday, June 3, 2024 10:15 AM\nTo: Ivan\nSubject: RE: x\n\nold',
    ],
    ['Outlook block ru', 'От: Поддержка <s@x.ru>\nОтправлено: 3 июня 2024 г. 10:15\nКому: Иван\nТема: RE: x\n\nстарое'],
    ['Outlook bold block', '*From:* Support <s@x.ru>\n*Sent:* Monday\n*To:* Ivan\n\nold'],
    ['underscore rule', '________________________________\nold'],
    ['bare ">" lines', quote],
  ])('cuts at the %s shape', (_name, tail) => {
    const result = splitReply(`Новый текст ответа.\n\n${tail}`);
    expect(result.text).toBe('Новый текст ответа.');
    expect(result.quoted).toBe(tail.trim());
  });

  it('joins an attribution wrapped over two lines', () => {
    const split = splitReply('Yes.\n\nOn Mon, 3 Jun 2024 at 10:15, Ivan Petrov\n<ivan@x.ru> wrote:\n> old');
    expect(split.text).toBe('Yes.');
    expect(split.quoted).toBe('On Mon, 3 Jun 2024 at 10:15, Ivan Petrov\n<ivan@x.ru> wrote:\n> old');
  });

  it('keeps nested quotes together in the quoted part', () => {
    expect(splitReply('ok\n\n> a\n>> b\n> > c').quoted).toBe('> a\n>> b\n> > c');
  });

  it('keeps answers written between quotes (inline replies)', () => {
    const split = splitReply('Ivan wrote:\n> q1\n\nanswer one\n\n> q2\n\nanswer two');
    expect(split.text).toBe('answer one\n\nanswer two');
    expect(split.quoted).toBe('Ivan wrote:\n> q1\n> q2');
  });

  it('does not take a short underscore line alone for a separator', () => {
    expect(splitReply('Текст\n____________________\nещё текст').quoted).toBeNull();
  });

  it('needs Sent/To lines before a "From:" line opens an Outlook block', () => {
    const split = splitReply('From: the store I got a broken kettle.\nPlease help.');
    expect(split.quoted).toBeNull();
    expect(split.text).toBe('From: the store I got a broken kettle.\nPlease help.');
  });

  it('ignores a very long line that happens to end with "пишет:"', () => {
    const long = 'слово '.repeat(80) + 'пишет:';
    expect(splitReply(`${long}\nдальше`).quoted).toBeNull();
  });
});

describe('splitReply: forwards and fallbacks', () => {
  it("treats a forward with nothing above as the customer's content", () => {
    const fwd = '---------- Forwarded message ---------\nFrom: Shop <s@x.ru>\n\nYour order is cancelled.';
    expect(splitReply(fwd)).toEqual({ text: fwd, quoted: null, signature: null });
  });

  it('treats a Russian forward with a comment above as quoted', () => {
    const split = splitReply('Посмотрите.\n\n-------- Пересылаемое сообщение --------\nстарое');
    expect(split).toEqual({
      text: 'Посмотрите.',
      quoted: '-------- Пересылаемое сообщение --------\nстарое',
      signature: null,
    });
  });

  it('separates a lone mobile signature above a forward', () => {
    const split = splitReply('Отправлено с iPhone\n\nНачало переадресованного сообщения:\n\nтекст магазина');
    expect(split).toEqual({
      text: 'Начало переадресованного сообщения:\n\nтекст магазина',
      quoted: null,
      signature: 'Отправлено с iPhone',
    });
  });

  it('returns the whole text when everything is quoted', () => {
    expect(splitReply('> a\n> b')).toEqual({ text: '> a\n> b', quoted: null, signature: null });
  });

  it('returns empty parts for empty input', () => {
    expect(splitReply('  \n ')).toEqual({ text: '', quoted: null, signature: null });
  });

  it('handles CRLF and trims the new text', () => {
    expect(splitReply('\r\n  Hi there  \r\n\r\n> old\r\n').text).toBe('Hi there');
  });

  it('keeps at most one blank line in a row', () => {
    expect(splitReply('a\n\n\n\nb').text).toBe('a\n\nb');
  });
});

describe('splitReply: signatures', () => {
  it.each([
    ['-- \nИван Петров\n+7 900 000-00-00'],
    ['--\nIvan'],
    ['Отправлено с iPhone'],
    ['Sent from my iPhone'],
    ['Отправлено из мобильной Почты Mail.ru'],
    ['Отправлено с мобильного устройства'],
    ['Get Outlook for Android'],
    ['С уважением,\nИван Петров\nООО «Ромашка»'],
    ['Best regards,\nJohn'],
    ['С уважением, Иван'],
  ])('separates %j', (sig) => {
    const split = splitReply(`Текст письма.\n\n${sig}`);
    expect(split.text).toBe('Текст письма.');
    expect(split.signature).toBe(sig.replace('-- \n', '--\n'));
  });

  it('takes a closing block together with a mobile line below it', () => {
    const split = splitReply('Жду.\n\nС уважением,\nИван\n\nОтправлено с iPhone');
    expect(split).toMatchObject({ text: 'Жду.', signature: 'С уважением,\nИван\n\nОтправлено с iPhone' });
  });

  it('leaves a closing phrase that opens a long block in the text', () => {
    const body = 'Вопрос.\n\nС уважением,\n1\n2\n3\n4\n5\n6\n7';
    expect(splitReply(body)).toMatchObject({ text: body, signature: null });
  });

  it('leaves a closing phrase followed by a long line in the text', () => {
    const body = 'Best regards, and one more thing: ' + 'the delivery was late again this week. '.repeat(3);
    expect(splitReply(`Hi.\n\n${body}`).signature).toBeNull();
  });

  it('never makes the whole mail a signature', () => {
    expect(splitReply('Sent from my iPhone')).toEqual({ text: 'Sent from my iPhone', quoted: null, signature: null });
    expect(splitReply('С уважением,\nИван')).toMatchObject({ text: 'С уважением,\nИван', signature: null });
  });

  it('does not take a mobile phrase far from the end', () => {
    const body = 'Отправлено с опозданием письмо:\nпервое\nвторое\nтретье\nчетвёртое';
    expect(splitReply(body).signature).toBeNull();
  });

  it('finds the signature above the quoted part', () => {
    const split = splitReply('Ок.\n\nSent from my iPhone\n\nOn Mon, 3 Jun 2024, Ivan <i@x.ru> wrote:\n> old');
    expect(split).toEqual({
      text: 'Ок.',
      quoted: 'On Mon, 3 Jun 2024, Ivan <i@x.ru> wrote:\n> old',
      signature: 'Sent from my iPhone',
    });
  });

  it('stays fast on long pathological input', () => {
    const text = ('> '.repeat(500) + '\n' + 'a'.repeat(5000) + ' пишет:\n' + '-'.repeat(3000) + '\n').repeat(20);
    const t0 = performance.now();
    splitReply(text);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
