// Pure normalisation of customers' contact details: E.164 phones, lower-cased e-mails, and recognition of
// placeholders that agents type when a customer has no e-mail (noemail@…, 123@mail.ru).

export type Normalized =
  { ok: true; value: string; placeholder: boolean } | { ok: false; code: string; message: string };

/** Russian numbers written the local way (8 912…, 912…) become +7…; others need their + country code. */
export function normalizePhone(input: string): Normalized {
  const trimmed = input.trim();
  if (!/^[+\d\s().\-/]+$/.test(trimmed)) {
    return { ok: false, code: 'invalid_phone', message: 'A phone may hold only digits, spaces, ()-. and a leading +' };
  }
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) {
    // already international
  } else if (trimmed.startsWith('00')) {
    digits = digits.slice(2);
  } else if (digits.length === 11 && (digits.startsWith('8') || digits.startsWith('7'))) {
    digits = `7${digits.slice(1)}`;
  } else if (digits.length === 10 && digits.startsWith('9')) {
    digits = `7${digits}`;
  } else {
    return {
      ok: false,
      code: 'invalid_phone',
      message: 'Give the number with its country code, e.g. +7 912 345-67-89',
    };
  }
  if (digits.length < 8 || digits.length > 15 || digits.startsWith('0')) {
    return { ok: false, code: 'invalid_phone', message: 'A phone number has 8 to 15 digits with its country code' };
  }
  if (digits.startsWith('7') && digits.length !== 11) {
    return { ok: false, code: 'invalid_phone', message: 'A Russian number has 10 digits after +7' };
  }
  return {
    ok: true,
    value: `+${digits}`,
    placeholder: /^\+7(\d)\1{9}$/.test(`+${digits}`) || /^\+7?0+$/.test(`+${digits}`),
  };
}

const EMAIL = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[^\s@"<>(),;:\\[\]]{2,}$/u;
const PLACEHOLDER_LOCALS = new Set([
  'no',
  'none',
  'noemail',
  'no-email',
  'no_email',
  'nomail',
  'no-mail',
  'no_mail',
  'noreply',
  'no-reply',
  'net',
  'нет',
  'null',
  'empty',
  'email',
  'mail',
  'test',
  'xxx',
  'x',
  'nope',
  'unknown',
  'anonymous',
  'client',
  'customer',
  'klient',
  'net-pochty',
  'netpochty',
  'otsutstvuet',
  'нетпочты',
  'отсутствует',
]);
const PLACEHOLDER_DOMAINS = new Set([
  'example.com',
  'example.org',
  'example.net',
  'test.com',
  'test.ru',
  'noemail.ru',
  'noemail.com',
  'nomail.ru',
  'localhost',
]);

export function normalizeEmail(input: string): Normalized {
  const value = input.trim().toLowerCase();
  if (value.length > 254 || !EMAIL.test(value)) {
    return { ok: false, code: 'invalid_email', message: 'Not an e-mail address' };
  }
  const [local = '', domain = ''] = value.split('@');
  const placeholder =
    PLACEHOLDER_LOCALS.has(local) ||
    PLACEHOLDER_DOMAINS.has(domain) ||
    /^\d{1,6}$/.test(local) || // 123@mail.ru, 0@mail.ru
    /^(.)\1+$/.test(local) || // aaa@…, 111111@…
    /^(no|net|нет)[-_.]?(e?mail|почты)/.test(local);
  return { ok: true, value, placeholder };
}

/** A customer's phone or e-mail, normalised. */
export type Identity = { kind: 'phone' | 'email'; value: string; placeholder: boolean };

/** Where each given phone and e-mail sits in the request, for its field error. */
export interface IdentityPaths {
  phone: (index: number) => string;
  email: (index: number) => string;
}

/** One field's error: the shape of the server's FieldError, kept here so that this file stays pure. */
interface FieldError {
  path: string;
  code: string;
  message: string;
}

type Normalizer = (input: string) => Normalized;

/** Normalises phones and e-mails, collecting a field error for each bad one; duplicates are dropped. */
export function normalizeIdentities(
  phones: string[],
  emails: string[],
  paths: IdentityPaths,
): { identities: Identity[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const identities: Identity[] = [];
  const add = (kind: Identity['kind'], given: string[], path: IdentityPaths['phone'], normalize: Normalizer) =>
    given.forEach((input, index) => {
      const normalized = normalize(input);
      if (!normalized.ok) {
        errors.push({ path: path(index), code: normalized.code, message: normalized.message });
      } else if (!seen.has(`${kind}:${normalized.value}`)) {
        seen.add(`${kind}:${normalized.value}`);
        identities.push({ kind, value: normalized.value, placeholder: normalized.placeholder });
      }
    });
  add('phone', phones, paths.phone, normalizePhone);
  add('email', emails, paths.email, normalizeEmail);
  return { identities, errors };
}
