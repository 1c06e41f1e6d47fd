import { describe, expect, it } from 'vitest';
import { classifyMail } from './classify.ts';
import type { ParsedMail } from './parse.ts';

const own = { addresses: ['support@otklik.test', 'Help@Otklik.test'] };
const makeMail = (over: Partial<ParsedMail> = {}): ParsedMail => ({
  messageId: 'a@b',
  inReplyTo: null,
  references: [],
  from: { address: 'ivan@x.ru', name: 'Иван' },
  to: ['support@otklik.test'],
  cc: [],
  subject: 'Вопрос',
  date: null,
  text: 'текст',
  html: null,
  attachments: [],
  headers: {},
  ...over,
});

describe('classifyMail', () => {
  it('lets ordinary customer mail through', () => {
    expect(classifyMail(makeMail(), own)).toBeNull();
  });

  it.each([
    [{ 'auto-submitted': 'auto-replied' }],
    [{ 'auto-submitted': 'auto-generated; owner-email="x@y"' }],
    [{ 'x-autoreply': 'yes' }],
    [{ 'x-autorespond': 'Vacation' }],
    [{ precedence: 'auto_reply' }],
    [{ precedence: 'bulk' }],
    [{ precedence: 'Junk' }],
    [{ precedence: 'list' }],
  ])('finds an auto-reply by headers %j', (headers) => {
    expect(classifyMail(makeMail({ headers }), own)).toBe('auto_reply');
  });

  it.each([
    [{ 'auto-submitted': 'no' }],
    [{ 'x-auto-response-suppress': 'All' }],
    [{ precedence: 'first-class' }],
    [{ 'x-autoreply': 'no' }],
  ])('does not count %j as an auto-reply', (headers) => expect(classifyMail(makeMail({ headers }), own)).toBeNull());

  it.each([
    'Out of Office: Вопрос',
    'Automatic reply: Order',
    'Автоответ: Re: заказ',
    'Автоматический ответ: Претензия',
    'Я в отпуске',
    'AutoReply: x',
  ])('finds an auto-reply by subject %j', (subject) =>
    expect(classifyMail(makeMail({ subject }), own)).toBe('auto_reply'),
  );

  it('does not take a subject that merely mentions a vacation for an auto-reply', () => {
    expect(classifyMail(makeMail({ subject: 'Re: Я в отпуске сломал телефон' }), own)).toBeNull();
    expect(classifyMail(makeMail({ subject: 'Автоответчик не работает' }), own)).toBeNull();
  });

  it('finds a bounce by multipart/report delivery-status', () => {
    const headers = { 'content-type': 'multipart/report; report-type="delivery-status"; boundary="x"' };
    expect(classifyMail(makeMail({ headers }), own)).toBe('bounce');
  });

  it('does not take other multipart/report kinds for bounces', () => {
    const headers = { 'content-type': 'multipart/report; report-type=disposition-notification; boundary="x"' };
    expect(classifyMail(makeMail({ headers }), own)).toBeNull();
  });

  it.each(['MAILER-DAEMON@mx.yandex.ru', 'postmaster@mail.ru'])('finds a bounce by the sender %s', (address) => {
    expect(classifyMail(makeMail({ from: { address: address.toLowerCase(), name: null } }), own)).toBe('bounce');
  });

  it.each([
    'Undelivered Mail Returned to Sender',
    'Delivery Status Notification (Failure)',
    'Не удается доставить: Вопрос',
  ])('finds a bounce by subject %j', (subject) => expect(classifyMail(makeMail({ subject }), own)).toBe('bounce'));

  it('prefers bounce over auto-reply (bounces are auto-submitted too)', () => {
    expect(
      classifyMail(
        makeMail({ subject: 'Undelivered Mail Returned to Sender', headers: { 'auto-submitted': 'auto-replied' } }),
        own,
      ),
    ).toBe('bounce');
  });

  it('finds a loop by the Otklik header', () => {
    expect(classifyMail(makeMail({ headers: { 'x-otklik-mail': '1' } }), own)).toBe('loop');
  });

  it('finds a loop by an own sender address, case-insensitively', () => {
    expect(classifyMail(makeMail({ from: { address: 'help@otklik.test', name: null } }), own)).toBe('loop');
  });

  it('prefers loop over auto-reply', () => {
    expect(classifyMail(makeMail({ headers: { 'x-otklik-mail': '1', 'auto-submitted': 'auto-generated' } }), own)).toBe(
      'loop',
    );
  });

  it('handles mail without a sender', () => {
    expect(classifyMail(makeMail({ from: null }), own)).toBeNull();
  });
});
