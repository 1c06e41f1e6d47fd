import { describe, expect, it } from 'vitest';
import {
  type AnswerValue,
  type Question,
  checkAnswer,
  checkQuestions,
  indexColumns,
  isBlank,
  missingRequired,
} from './questions.ts';

const wording = { ru: 'Вопрос', en: 'Question' };
const base = { wording, touchpoint: null, required: false };
const csat: Question = { ...base, id: 'csat', type: 'csat', scale: { kind: 'csat', min: 1, max: 5, satisfiedFrom: 4 } };
const nps: Question = { ...base, id: 'nps', type: 'nps' };
const ces: Question = { ...base, id: 'ces', type: 'ces', scale: { kind: 'ces', min: 1, max: 7 } };
const staff: Question = {
  ...base,
  id: 'staff',
  type: 'key',
  subject: 'staff',
  scale: { kind: 'key_yes_no', positiveAnswer: 'yes' },
};
const office: Question = {
  ...base,
  id: 'office',
  type: 'key',
  subject: 'office',
  scale: { kind: 'key_scale', min: 1, max: 5, negativeTo: 2, positiveFrom: 4 },
};
const choice: Question = {
  ...base,
  id: 'why',
  type: 'multiple_choice',
  options: [
    { id: 'price', label: wording },
    { id: 'speed', label: wording },
  ],
};
const text: Question = { ...base, id: 'comment', type: 'text', required: true };

describe('checkQuestions', () => {
  it('accepts one question per index', () => {
    expect(checkQuestions([csat, nps, ces, staff, office, choice, text])).toEqual([]);
  });

  it('refuses a second question for the same index and a repeated id', () => {
    expect(checkQuestions([nps, { ...nps, id: 'nps2' }, { ...text, id: 'nps' }]).map((p) => [p.path, p.code])).toEqual([
      ['questions.1.type', 'one_per_index'],
      ['questions.2.id', 'duplicate'],
    ]);
  });

  it('allows a staff and an office key question side by side but not two about the staff', () => {
    expect(checkQuestions([staff, office])).toEqual([]);
    expect(checkQuestions([staff, { ...staff, id: 'staff2' }])[0]?.code).toBe('one_per_index');
  });

  it('names a satisfied threshold off the scale and overlapping key bands', () => {
    const bad: Question[] = [
      { ...csat, scale: { kind: 'csat', min: 1, max: 5, satisfiedFrom: 6 } },
      { ...office, scale: { kind: 'key_scale', min: 1, max: 5, negativeTo: 3, positiveFrom: 3 } },
    ];
    expect(checkQuestions(bad).map((p) => p.path)).toEqual([
      'questions.0.scale.satisfiedFrom',
      'questions.1.scale.positiveFrom',
    ]);
  });

  it('refuses repeated option ids', () => {
    expect(
      checkQuestions([
        {
          ...choice,
          options: [
            { id: 'a', label: wording },
            { id: 'a', label: wording },
          ],
        },
      ])[0]?.path,
    ).toBe('questions.0.options');
  });
});

describe('checkAnswer', () => {
  it.each([
    [csat, '4', 4],
    [csat, 5, 5],
    [nps, '0', 0],
    [nps, 10, 10],
    [ces, ' 7 ', 7],
    [office, 3, 3],
  ] as const)('takes %o answer %o as %o', (q, raw, value) => {
    expect(checkAnswer(q, raw)).toEqual({ ok: true, value });
  });

  it.each([
    [csat, 0],
    [csat, 6],
    [csat, '4.5'],
    [nps, 11],
    [nps, -1],
    [ces, 'seven'],
    [office, 0],
  ] as const)('refuses %o answer %o as off the scale', (q, raw) => {
    expect(checkAnswer(q, raw)).toMatchObject({ ok: false, code: 'out_of_scale' });
  });

  it('takes yes or no for a yes/no key question, nothing else', () => {
    expect(checkAnswer(staff, 'yes')).toEqual({ ok: true, value: 'yes' });
    expect(checkAnswer(staff, 'maybe')).toMatchObject({ ok: false, code: 'not_yes_no' });
  });

  it('takes a known option, a list of them once each, and refuses others', () => {
    expect(checkAnswer(choice, ['price', 'price', 'speed'])).toEqual({ ok: true, value: ['price', 'speed'] });
    expect(checkAnswer(choice, 'speed')).toEqual({ ok: true, value: ['speed'] });
    expect(checkAnswer(choice, ['price', 'colour'])).toMatchObject({ ok: false, code: 'unknown_option' });
    const single: Question = { ...choice, type: 'single_choice' };
    expect(checkAnswer(single, ['price'])).toMatchObject({ ok: false });
  });

  it('trims text and refuses more than 4000 characters', () => {
    expect(checkAnswer(text, '  хорошо  ')).toEqual({ ok: true, value: 'хорошо' });
    expect(checkAnswer(text, 'x'.repeat(4001))).toMatchObject({ ok: false, code: 'too_long' });
    expect(checkAnswer(text, 5)).toMatchObject({ ok: false, code: 'not_text' });
  });
});

describe('isBlank', () => {
  it.each([
    [undefined, true],
    [null, true],
    ['  ', true],
    [[], true],
    ['0', false],
    [0, false],
  ] as const)('%o → %s', (raw, blank) => {
    expect(isBlank(raw)).toBe(blank);
  });
});

describe('indexColumns', () => {
  const all = [csat, nps, ces, staff, office, text];
  const answers = (entries: [string, AnswerValue][]) => new Map(entries);

  it('copies the index answers and marks the key questions asked', () => {
    expect(
      indexColumns(
        all,
        answers([
          ['csat', 4],
          ['nps', 9],
          ['ces', 2],
          ['staff', 'yes'],
          ['office', 3],
        ]),
      ),
    ).toEqual({
      csatScore: 4,
      csatMax: 5,
      csatSatisfied: true,
      nps: 9,
      cesScore: 2,
      cesMax: 7,
      staffAsked: true,
      staffKey: 1,
      officeAsked: true,
      officeKey: 0,
      negative: false,
    });
  });

  it('leaves an unanswered key question null (silent) while still asked', () => {
    const columns = indexColumns(all, answers([['nps', 10]]));
    expect(columns).toMatchObject({
      staffAsked: true,
      staffKey: null,
      officeAsked: true,
      officeKey: null,
      negative: false,
    });
  });

  it.each([
    ['a CSAT below satisfied', [['csat', 3]]],
    ['an NPS detractor', [['nps', 6]]],
    ['a negative staff answer', [['staff', 'no']]],
    ['a negative office band', [['office', 2]]],
  ] as [string, [string, AnswerValue][]][])('calls %s negative', (_, entries) => {
    expect(indexColumns(all, answers(entries)).negative).toBe(true);
  });

  it('does not call a passive NPS negative', () => {
    expect(indexColumns(all, answers([['nps', 7]])).negative).toBe(false);
  });

  it('says no key question was asked when the survey has none', () => {
    expect(indexColumns([nps], answers([]))).toMatchObject({ staffAsked: false, officeAsked: false });
  });
});

describe('missingRequired', () => {
  it('names required questions without an answer', () => {
    expect(missingRequired([csat, text], new Map([['csat', 4]]))).toEqual(['comment']);
    expect(missingRequired([csat, text], new Map([['comment', 'ok']]))).toEqual([]);
  });
});
