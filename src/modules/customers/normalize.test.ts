import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone } from './normalize.ts';

describe('normalizePhone', () => {
  it.each([
    ['8 (912) 345-67-89', '+79123456789'],
    ['+7 912 345 67 89', '+79123456789'],
    ['79123456789', '+79123456789'],
    ['9123456789', '+79123456789'],
    ['8-800-555-35-35', '+78005553535'],
    ['+7(495)123-45-67', '+74951234567'],
    ['+375 29 123-45-67', '+375291234567'],
    ['+49 30 1234567', '+49301234567'],
    ['0049 30 1234567', '+49301234567'],
    ['+1 (212) 555-0100', '+12125550100'],
    ['  +7 912 345 67 89  ', '+79123456789'],
    ['+998 90 123 45 67', '+998901234567'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizePhone(input)).toMatchObject({ ok: true, value: expected, placeholder: false });
  });

  it.each([
    '',
    'abc',
    '123',
    '+7 912 345',
    '+7 912 345 67 89 00',
    '1234567',
    'phone: 8912',
    '+0123456789',
    '++79123456789x',
  ])('refuses %j', (input) => {
    expect(normalizePhone(input)).toMatchObject({ ok: false, code: 'invalid_phone' });
  });

  it.each(['+7 000 000 00 00', '8 999 999 99 99', '+7 111 111 11 11'])('flags %s as a placeholder', (input) => {
    expect(normalizePhone(input)).toMatchObject({ ok: true, placeholder: true });
  });
});

describe('normalizeEmail', () => {
  it.each([
    ['Ivan.Petrov@Mail.RU', 'ivan.petrov@mail.ru'],
    ['  anna@yandex.ru ', 'anna@yandex.ru'],
    ['o.brien+cs@gmail.com', 'o.brien+cs@gmail.com'],
    ['клиент@почта.рф', 'клиент@почта.рф'],
  ])('normalises %s', (input, expected) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, value: expected, placeholder: false });
  });

  it.each([
    '',
    'ivan',
    'ivan@',
    '@mail.ru',
    'ivan@mail',
    'a b@mail.ru',
    'ivan@@mail.ru',
    'ivan@mail.r',
    '<ivan@mail.ru>',
  ])('refuses %j', (input) => {
    expect(normalizeEmail(input)).toMatchObject({ ok: false, code: 'invalid_email' });
  });

  it.each([
    'noemail@mail.ru',
    'NoEmail@gmail.com',
    'no-email@yandex.ru',
    '123@mail.ru',
    '0@mail.ru',
    '111111@mail.ru',
    'aaa@mail.ru',
    'net@mail.ru',
    'нет@почта.рф',
    'test@test.ru',
    'ivan@example.com',
    'no.email@bk.ru',
    'nomail@list.ru',
    'netpochty@mail.ru',
  ])('flags %s as a placeholder', (input) => {
    expect(normalizeEmail(input)).toMatchObject({ ok: true, placeholder: true });
  });

  it.each(['ivan123@mail.ru', 'a.b@mail.ru', 'nora@mail.ru', 'test.engineer@corp.ru', '1234567@mail.ru'])(
    'does not flag the real address %s',
    (input) => {
      expect(normalizeEmail(input)).toMatchObject({ ok: true, placeholder: false });
    },
  );
});
