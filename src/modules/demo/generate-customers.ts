// Pure generation of demo customers in batches: names, E.164 phones, e-mails (a quarter missing, a few
// placeholders such as noemail@mail.ru), companies with an INN, birthdays, consents. Real phones and e-mails
// are unique across the whole run, as the database's (kind, value) index demands.
import type { CustomerRef, DemoCustomer, DemoIdentity } from './model.ts';
import { foreignName, personName, transliterate, type PersonName } from './names.ts';
import type { Rng, Weighted } from './random.ts';

export interface CustomerOptions {
  count: number;
  baseDate: Date;
  years: number;
  batchSize?: number;
}

const DAY = 86_400_000;
const EMAIL_DOMAINS: readonly Weighted<string>[] = [
  ['mail.ru', 34],
  ['yandex.ru', 26],
  ['gmail.com', 18],
  ['bk.ru', 5],
  ['list.ru', 5],
  ['inbox.ru', 3],
  ['rambler.ru', 4],
  ['ya.ru', 5],
];
const FOREIGN_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com'] as const;
// Values agents type when a customer will not give an e-mail; customers.normalize flags each as a placeholder.
const PLACEHOLDER_EMAILS = [
  'noemail@mail.ru',
  'no@mail.ru',
  'net@mail.ru',
  '0@mail.ru',
  'nomail@yandex.ru',
  'net-pochty@mail.ru',
] as const;
const PLACEHOLDER_PHONES = ['+70000000000', '+79999999999'] as const;
const COMPANY_FORMS = ['ООО', 'АО'] as const;
const COMPANY_WORDS = [
  'Вектор',
  'Альянс',
  'СтройИнвест',
  'Гарант',
  'Северный ветер',
  'Техноком',
  'Меридиан',
  'Прогресс',
  'Уральские узоры',
  'Сибирский двор',
  'Логистик Плюс',
  'Ласточка',
  'Здоровье',
  'Автоцентр',
  'Фабрика окон',
] as const;
const INN_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];

/** A 10-digit INN of a legal entity with a valid check digit, the way real registry codes look. */
export function companyInn(rng: Rng): string {
  const digits = [rng.int(1, 9), ...Array.from({ length: 8 }, () => rng.int(0, 9))];
  const check = (digits.reduce((sum, d, i) => sum + d * INN_WEIGHTS[i]!, 0) % 11) % 10;
  return [...digits, check].join('');
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function emailLocal(rng: Rng, person: PersonName): string {
  const first = transliterate(person.first);
  const last = transliterate(person.last);
  const year = String(rng.int(60, 105) % 100).padStart(2, '0');
  switch (rng.int(0, 5)) {
    case 0:
      return `${first}.${last}`;
    case 1:
      return `${last}${year}`;
    case 2:
      return `${first[0]}${last}`;
    case 3:
      return `${last}.${first}${rng.int(1, 99)}`;
    case 4:
      return `${first}_${last}${year}`;
    default:
      return `${first}${rng.int(100, 9999)}`;
  }
}

interface Seen {
  phones: Set<string>;
  emails: Set<string>;
}

function uniqueEmail(rng: Rng, seen: Seen, person: PersonName): string {
  const domain = person.foreign ? rng.pick(FOREIGN_DOMAINS) : rng.weighted(EMAIL_DOMAINS);
  let email = `${emailLocal(rng, person)}@${domain}`;
  while (seen.emails.has(email)) {
    email = email.replace('@', `${rng.int(0, 9)}@`);
  }
  seen.emails.add(email);
  return email;
}

function uniquePhone(rng: Rng, seen: Seen, foreign: boolean): string {
  let phone: string;
  do {
    phone =
      foreign && rng.chance(0.5)
        ? `+${rng.pick(['44', '49', '33', '39'])}${rng.int(100_000_000, 999_999_999)}${rng.int(0, 9)}`
        : `+79${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
  } while (seen.phones.has(phone));
  seen.phones.add(phone);
  return phone;
}

function displayName(rng: Rng, person: PersonName): string {
  if (person.foreign) {
    return person.full;
  }
  const draw = rng.next();
  // Stores type what the customer says; not every record holds a full name.
  return draw < 0.8 ? person.full : draw < 0.93 ? `${person.first} ${person.last}` : person.first;
}

function makeCustomer(rng: Rng, seen: Seen, options: CustomerOptions): DemoCustomer {
  const english = rng.chance(0.02);
  const person = english ? foreignName(rng) : personName(rng);
  const company = !english && rng.chance(0.05);
  const identities: DemoIdentity[] = [];
  const add = (kind: 'phone' | 'email', value: string, placeholder: boolean) =>
    identities.push({ id: rng.uuid(), kind, value, placeholder });

  if (rng.chance(0.005)) {
    add('phone', rng.pick(PLACEHOLDER_PHONES), true);
  } else if (rng.chance(0.93)) {
    add('phone', uniquePhone(rng, seen, english), false);
    if (rng.chance(0.07)) {
      add('phone', uniquePhone(rng, seen, english), false);
    }
  }
  // A quarter give no e-mail, a few a placeholder, the rest one (rarely two).
  const emailDraw = rng.next();
  if (emailDraw >= 0.25 && emailDraw < 0.28) {
    add('email', rng.pick(PLACEHOLDER_EMAILS), true);
  } else if (emailDraw >= 0.28) {
    add('email', uniqueEmail(rng, seen, person), false);
    if (rng.chance(0.04)) {
      add('email', uniqueEmail(rng, seen, person), false);
    }
  }

  const start = options.baseDate.getTime() - options.years * 365.25 * DAY;
  const age = Math.min(85, Math.max(18, rng.gaussian(42, 13)));
  const birthday = rng.chance(0.55)
    ? isoDate(options.baseDate.getTime() - age * 365.25 * DAY + rng.int(-180, 180) * DAY)
    : null;
  const consents: Record<string, boolean> = rng.chance(0.6)
    ? { email: rng.chance(0.7), sms: rng.chance(0.5), marketing: rng.chance(0.35) }
    : {};
  const tags: string[] = [];
  if (rng.chance(0.015)) {
    tags.push('vip');
  }
  if (company) {
    tags.push('b2b');
  }
  const name = displayName(rng, person);
  return {
    id: rng.uuid(),
    name,
    companyName: company ? `${rng.pick(COMPANY_FORMS)} «${rng.pick(COMPANY_WORDS)}»` : null,
    companyCode: company ? companyInn(rng) : null,
    birthday,
    consents,
    tags,
    createdAt: Math.round(start - rng.int(1, 730) * DAY - rng.int(0, DAY - 1)),
    identities,
    gender: person.gender,
    // An agent can say «Анна Сергеевна» only when the record holds the patronymic.
    polite: name === person.full ? person.polite : person.first,
    english,
  };
}

/** Customers in arrays of `batchSize` (5,000 by default), so a million never sit in memory at once. */
export function* customerBatches(rng: Rng, options: CustomerOptions): Generator<DemoCustomer[]> {
  const seen: Seen = { phones: new Set(), emails: new Set() };
  const size = options.batchSize ?? 5_000;
  for (let done = 0; done < options.count;) {
    const batchSize = Math.min(size, options.count - done);
    const batch: DemoCustomer[] = [];
    for (let i = 0; i < batchSize; i++) {
      batch.push(makeCustomer(rng, seen, options));
    }
    done += batchSize;
    yield batch;
  }
}

export function toCustomerRef(customer: DemoCustomer): CustomerRef {
  return {
    id: customer.id,
    full: customer.name ?? customer.polite,
    polite: customer.polite,
    gender: customer.gender,
    english: customer.english,
    hasEmail: customer.identities.some((identity) => identity.kind === 'email' && !identity.placeholder),
    vip: customer.tags.includes('vip'),
  };
}
