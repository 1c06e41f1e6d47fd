// Composes the customer's first words of a demo appeal — subject and description — from the catalogues beside
// this file, and the appeal's text context: one per appeal keeps the product, order number and amounts the same
// from the customer's first letter to the agent's last reply (texts.thread.ts words the replies).
import { capitalised, latinName, transliterate, type Gender } from './names.ts';
import { DEPARTMENTS } from './places.ts';
import { dayMonthEn, dayMonthRu, PRODUCTS, retailPrice, rubles, type Product } from './products.ts';
import type { Rng } from './random.ts';
import { render, renderParts, type TextContext } from './template.ts';
import { ENGLISH_BY_CATEGORY, ENGLISH_BY_KIND, ENGLISH_BY_TOPIC } from './texts.english.ts';
import { QUESTION_TEXTS, REVIEW_TEXTS, THANKS_TEXTS, WISH_TEXTS } from './texts.feedback.ts';
import { INCIDENT_TEXTS } from './texts.incidents.ts';
import {
  CALL_SUMMARY_PREFIXES,
  EDMS_PREFIXES,
  SUBMISSION_PREFIXES,
  SUBMISSION_SUFFIXES,
  topicOf,
} from './texts.replies.ts';
import type { CategoryTexts } from './texts.types.ts';

export interface TextPerson {
  gender: Gender;
  full: string;
  polite: string;
}

export interface AppealTextInput {
  kind: string;
  categoryCode: string;
  channel: string;
  english: boolean;
  /** The customer who writes; null for anonymous reviews and posts. */
  writer: TextPerson | null;
  /** The appeal's creation time shifted into the unit's local time. */
  localMs: number;
  /** How the texts name the store concerned: «на ул. Ленина, 12» and, for English, the city. */
  store: { ru: string; en: string };
  chain: string;
  /** 1–5 for reviews, null otherwise. */
  rating: number | null;
}

export interface AppealText {
  subject: string;
  description: string;
  ctx: TextContext;
}

const PROMOS = [
  'Чёрная пятница',
  'Обмен старой техники',
  'Второй товар за полцены',
  'Кешбэк 20 % баллами',
  'Распродажа года',
  'Рассрочка 0-0-24',
];
const INTERVALS = ['с 9:00 до 13:00', 'с 10:00 до 14:00', 'с 14:00 до 18:00', 'с 18:00 до 22:00'];
const MINUTES = [15, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90];
const STAFF_MALE = ['Алексей', 'Дмитрий', 'Сергей', 'Артём', 'Игорь', 'Максим', 'Никита', 'Роман'];
const STAFF_FEMALE = ['Ирина', 'Екатерина', 'Ольга', 'Анна', 'Светлана', 'Юлия', 'Марина', 'Дарья'];
const STAFF_LAST = ['Соколов', 'Морозов', 'Волков', 'Лебедев', 'Козлов', 'Новиков', 'Орлов', 'Зайцев'];
const DAY = 86_400_000;
const LARGE = PRODUCTS.filter((p) => p.large);

const SUBMISSION_PREFIX_BY_KIND: Readonly<Record<string, string>> = {
  incident: 'Покупатель оставил претензию:',
  thanks: 'Покупатель просит передать благодарность:',
  wish: 'Покупатель оставил пожелание:',
};
const OPENINGS = ['Здравствуйте!', 'Добрый день.', 'Добрый вечер!', 'Уважаемая служба поддержки!', '', '', ''];
const CLOSINGS: Readonly<Record<string, readonly string[]>> = {
  incident: ['Спасибо.', 'С уважением, {customer}.', 'Заранее спасибо за ответ.', '', ''],
  thanks: ['Спасибо!', 'С уважением, {customer}.', ''],
  question: ['Заранее спасибо.', 'Спасибо.', ''],
  wish: ['Спасибо.', ''],
  review: [''],
};

export function pluralRu(count: number, one: string, few: string, many: string): string {
  const mod10 = count % 10;
  const mod100 = count % 100;
  const word =
    mod10 === 1 && mod100 !== 11 ? one : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? few : many;
  return `${count} ${word}`;
}

/** When the customer was in the store: usually today or yesterday, sometimes a few days ago. */
function visitDay(rng: Rng, localMs: number): string {
  const draw = rng.next();
  if (draw < 0.3) {
    return 'сегодня';
  }
  if (draw < 0.65) {
    return 'вчера';
  }
  return dayMonthRu(localMs - rng.int(2, 6) * DAY);
}

function pickProduct(rng: Rng, categoryCode: string): Product {
  return categoryCode === 'delivery' || categoryCode === 'installation' ? rng.pick(LARGE) : rng.pick(PRODUCTS);
}

/** Draws every value a template may ask for, so that the number of draws does not depend on the template. */
export function appealContext(rng: Rng, input: AppealTextInput): TextContext {
  const product = pickProduct(rng, input.categoryCode);
  const raw = rng.float(product.price[0], product.price[1]);
  const days = rng.int(3, 40);
  const staffGender = rng.chance(0.55) ? 1 : 0;
  const staffFirst = staffGender ? rng.pick(STAFF_FEMALE) : rng.pick(STAFF_MALE);
  const staffLast = rng.pick(STAFF_LAST);
  const staffName = rng.chance(0.6) ? `${staffFirst} ${staffGender ? `${staffLast}а` : staffLast}` : staffFirst;
  const purchaseMs = input.localMs - rng.int(1, 45) * DAY;
  const writer = input.writer;
  const values: Record<string, string> = {
    product: product.nom,
    productAcc: product.acc,
    productGen: product.gen,
    productPrep: product.prep,
    productEn: product.en,
    brand: rng.pick(product.brands),
    symptom: rng.pick(product.symptoms),
    feature: rng.pick(product.features),
    price: rubles(retailPrice(raw)),
    priceDiscount: rubles(retailPrice(raw * rng.float(0.75, 0.92))),
    priceSmall: rubles(rng.pick([990, 1490, 1990, 2490, 2990, 3490, 4990])),
    bonus: String(rng.pick([300, 500, 1000, 1500, 2000])),
    date: dayMonthRu(purchaseMs),
    dateEn: dayMonthEn(purchaseMs),
    visit: visitDay(rng, input.localMs),
    time: `${rng.int(10, 21)}:${String(rng.int(0, 59)).padStart(2, '0')}`,
    days: pluralRu(days, 'день', 'дня', 'дней'),
    daysEn: `${days} days`,
    checkDays: String(rng.pick([10, 14, 20, 30, 45])),
    minutes: String(rng.pick(MINUTES)),
    counters: String(rng.pick([4, 5, 6, 8])),
    count: String(rng.int(3, 25)),
    order: `${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`,
    repairNo: `СЦ-${rng.int(10_000, 99_999)}`,
    promo: rng.pick(PROMOS),
    interval: rng.pick(INTERVALS),
    dept: rng.pick(DEPARTMENTS),
    staffName,
    staffFirst,
    staffNameEn: latinName(staffName),
    store: input.store.ru,
    storeEn: input.store.en,
    chain: input.chain,
    chainEn: capitalised(transliterate(input.chain)),
    customer: writer?.full ?? 'покупатель',
    name: writer?.polite ?? (input.english ? 'customer' : 'уважаемый клиент'),
    rating: String(input.rating ?? ''),
  };
  const writerGender = writer ? (writer.gender === 'f' ? 1 : 0) : rng.chance(0.5) ? 1 : 0;
  return { values, genders: { w: writerGender, s: staffGender, a: 0, p: product.gender } };
}

function russianCatalogue(kind: string, categoryCode: string, rating: number | null): CategoryTexts | undefined {
  if (kind === 'incident') {
    return INCIDENT_TEXTS[categoryCode];
  }
  if (kind === 'thanks') {
    return THANKS_TEXTS[categoryCode];
  }
  if (kind === 'question') {
    return QUESTION_TEXTS[categoryCode];
  }
  if (kind === 'wish') {
    return WISH_TEXTS[categoryCode];
  }
  const review = REVIEW_TEXTS[categoryCode];
  return review && ((rating ?? 5) >= 4 ? review.positive : review.negative);
}

/** Wraps the customer's words the way the channel records them: a call summary, a store's submission. */
function wrapForChannel(rng: Rng, kind: string, channel: string, body: string): string {
  if (channel === 'phone' || channel === 'callback') {
    return `${rng.pick(CALL_SUMMARY_PREFIXES)} ${body}`;
  }
  if (channel === 'store_submission') {
    const prefix = rng.chance(0.3)
      ? (SUBMISSION_PREFIX_BY_KIND[kind] ?? rng.pick(SUBMISSION_PREFIXES))
      : rng.pick(SUBMISSION_PREFIXES);
    return `${prefix} «${body}» ${rng.pick(SUBMISSION_SUFFIXES)}`.trim();
  }
  if (channel === 'edms') {
    return `${rng.pick(EDMS_PREFIXES)} ${body}`;
  }
  return body;
}

export function appealText(rng: Rng, input: AppealTextInput): AppealText {
  const ctx = appealContext(rng, input);
  if (input.english) {
    const texts =
      ENGLISH_BY_CATEGORY[input.categoryCode] ??
      (input.kind === 'incident' ? ENGLISH_BY_TOPIC[topicOf(input.categoryCode)] : undefined) ??
      ENGLISH_BY_KIND[input.kind];
    if (!texts) {
      throw new Error(`demo texts: no English catalogue for ${input.kind} / ${input.categoryCode}`);
    }
    const [subject, body] = rng.pick(texts.stories);
    const closing = rng.chance(0.5) && input.writer ? ` Regards, ${input.writer.full}.` : '';
    return { subject: render(subject, ctx, rng), description: render(body, ctx, rng) + closing, ctx };
  }
  const texts = russianCatalogue(input.kind, input.categoryCode, input.rating);
  if (!texts) {
    throw new Error(`demo texts: no catalogue for ${input.kind} / ${input.categoryCode}`);
  }
  // A call is summarised by the agent: no greeting, no signature.
  const spoken = input.channel === 'phone' || input.channel === 'callback';
  const opening = rng.pick(OPENINGS);
  const closing = rng.pick(CLOSINGS[input.kind] ?? ['']);
  const [subject, story, demand] = rng.pick(texts.stories);
  const parts = [spoken ? '' : opening, story];
  if (input.kind === 'incident') {
    parts.push(demand ?? rng.pick(texts.demands ?? ['']));
  }
  if (input.kind === 'review') {
    parts.unshift('Оценка: {rating} из 5.');
  }
  parts.push(spoken ? '' : closing);
  const body = renderParts(parts, ctx, rng);
  return { subject: render(subject, ctx, rng), description: wrapForChannel(rng, input.kind, input.channel, body), ctx };
}
