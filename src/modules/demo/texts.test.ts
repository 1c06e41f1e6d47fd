import { describe, expect, it } from 'vitest';
import { CATEGORY_MIX } from './appeal-mix.ts';
import { allocate } from './calendar.ts';
import { PRODUCTS } from './products.ts';
import { createRng } from './random.ts';
import { render, type TextContext } from './template.ts';
import { threadText, type ThreadText } from './texts.thread.ts';
import { appealContext, appealText, pluralRu } from './texts.ts';
import { ENGLISH_BY_CATEGORY, ENGLISH_BY_KIND, ENGLISH_BY_TOPIC } from './texts.english.ts';
import { QUESTION_TEXTS, REVIEW_TEXTS, THANKS_TEXTS, WISH_TEXTS } from './texts.feedback.ts';
import { INCIDENT_TEXTS } from './texts.incidents.ts';
import type { CategoryTexts } from './texts.types.ts';

const LEFTOVER = /[{}<>[\]|]/;
const input = (kind: string, categoryCode: string, channel = 'email', english = false) => ({
  kind,
  categoryCode,
  channel,
  english,
  writer: { gender: 'f' as const, full: 'Иванова Анна Сергеевна', polite: 'Анна Сергеевна' },
  localMs: Date.UTC(2024, 11, 20, 15),
  store: { ru: 'на ул. Ленина, 12', en: 'Moskva', acc: 'магазин на ул. Ленина, 12' },
  chain: 'ТехноДом',
  rating: 2,
});

function catalogues(): [string, CategoryTexts][] {
  const reviews = Object.entries(REVIEW_TEXTS).flatMap(
    ([code, r]) =>
      [
        [code, r.positive],
        [code, r.negative],
      ] as [string, CategoryTexts][],
  );
  return [
    INCIDENT_TEXTS,
    THANKS_TEXTS,
    QUESTION_TEXTS,
    WISH_TEXTS,
    ENGLISH_BY_CATEGORY,
    ENGLISH_BY_TOPIC,
    ENGLISH_BY_KIND,
  ]
    .flatMap((c) => Object.entries(c))
    .concat(reviews);
}

describe('template', () => {
  it('fills slots, capitalises, chooses alternatives and agrees in gender', () => {
    const ctx: TextContext = { values: { product: 'стиральная машина' }, genders: { w: 1, s: 0, a: 0, p: 1 } };
    const rng = createRng(1);
    expect(
      render('{Product} <p:сломался|сломалась|сломалось|сломались>, я <w:купил|купила> её [вчера|вчера]', ctx, rng),
    ).toBe('Стиральная машина сломалась, я купила её вчера');
    expect(render('a [|] b .', ctx, rng)).toBe('a b.');
    expect(() => render('{nope}', ctx, rng)).toThrow(/nope/);
  });
});

describe('demo text catalogues', () => {
  it('has stories for every category the appeal mix can draw', () => {
    const byKind: Record<string, object> = {
      incident: INCIDENT_TEXTS,
      thanks: THANKS_TEXTS,
      question: QUESTION_TEXTS,
      wish: WISH_TEXTS,
      review: REVIEW_TEXTS,
    };
    for (const [kind, mix] of Object.entries(CATEGORY_MIX)) {
      for (const [code] of mix) {
        expect(Object.keys(byKind[kind] ?? {}), kind).toContain(code);
      }
    }
  });

  it('renders every story for every product and both genders without leftovers', () => {
    const rng = createRng(2);
    for (const [code, texts] of catalogues()) {
      for (const product of PRODUCTS) {
        for (const gender of [0, 1]) {
          const base = appealContext(rng, input('incident', code));
          const ctx: TextContext = {
            values: {
              ...base.values,
              product: product.nom,
              productAcc: product.acc,
              productGen: product.gen,
              productPrep: product.prep,
            },
            genders: { ...base.genders, w: gender, s: gender, p: product.gender },
          };
          for (const [subject, body, demand] of texts.stories) {
            for (const template of [subject, body, demand ?? '', ...(texts.demands ?? [])]) {
              expect(render(template, ctx, rng), `${code}: ${template}`).not.toMatch(LEFTOVER);
            }
          }
        }
      }
    }
  });

  it('writes appeals and thread messages of every kind and channel in full', () => {
    const rng = createRng(3);
    const whats: ThreadText[] = [
      'acknowledge',
      'askDetails',
      'resolve',
      'followUp',
      'noteToUnit',
      'noteGeneral',
      'noteEscalation',
      'noteRouted',
      'unitReport',
    ];
    for (const [kind, mix] of Object.entries(CATEGORY_MIX)) {
      for (const [code] of mix) {
        for (const channel of ['email', 'phone', 'chat', 'store_submission', 'edms', 'social', 'sms']) {
          for (const english of [false, true]) {
            const text = appealText(rng, input(kind, code, channel, english));
            expect(text.subject.length).toBeGreaterThan(3);
            expect(`${text.subject} ${text.description}`).not.toMatch(LEFTOVER);
            for (const what of whats) {
              const body = threadText(rng, text.ctx, what, {
                kind,
                categoryCode: code,
                english,
                channel,
                number: 17,
                agent: { gender: 'm', full: 'Олег Петров', polite: 'Олег' },
                unitName: 'магазин на ул. Ленина, 12',
                deadline: '22 декабря',
                deadlineEn: 'December 22',
              });
              expect(body, `${kind}/${code}/${channel}/${what}`).not.toMatch(LEFTOVER);
            }
          }
        }
      }
    }
  });

  it('agrees numerals with nouns', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 112].map((n) => pluralRu(n, 'день', 'дня', 'дней'))).toEqual([
      '1 день',
      '2 дня',
      '5 дней',
      '11 дней',
      '21 день',
      '22 дня',
      '25 дней',
      '112 дней',
    ]);
  });
});

describe('allocate', () => {
  it('splits a total exactly in proportion to the weights', () => {
    const counts = allocate(1_000, [1, 2, 3, 0.5, 0]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1_000);
    const [first = 0, , third = 0, , last] = counts;
    expect(last).toBe(0);
    expect(third / first).toBeCloseTo(3, 1);
  });
});
