import { describe, expect, it } from 'vitest';
import {
  CES_1_5,
  CES_1_7,
  CSAT_0_10,
  CSAT_1_5,
  KEY_YES_NO,
  type BandedKeyScale,
  type Scale,
  classifyKeyAnswer,
  isSatisfied,
  npsGroup,
  validateScale,
} from './scales.ts';

const fivePointKey: BandedKeyScale = { kind: 'key_scale', min: 1, max: 5, negativeTo: 2, positiveFrom: 4 };

describe('validateScale', () => {
  it.each([CSAT_1_5, CSAT_0_10, CES_1_7, CES_1_5, KEY_YES_NO, fivePointKey])(
    'accepts the standard scale %o',
    (scale) => {
      expect(validateScale(scale)).toEqual({ ok: true, scale });
    },
  );

  it('rejects a CSAT scale other than 0–10 or 1–5', () => {
    const scale = { kind: 'csat', min: 1, max: 10, satisfiedFrom: 9 } as unknown as Scale;
    expect(validateScale(scale)).toMatchObject({ ok: false, errors: [{ path: 'min', code: 'invalid_range' }] });
  });

  it('rejects a satisfied threshold off the scale', () => {
    expect(validateScale({ ...CSAT_1_5, satisfiedFrom: 6 })).toMatchObject({
      ok: false,
      errors: [{ path: 'satisfiedFrom', code: 'out_of_scale' }],
    });
  });

  it('rejects a fractional satisfied threshold', () => {
    expect(validateScale({ ...CSAT_0_10, satisfiedFrom: 8.5 })).toMatchObject({
      ok: false,
      errors: [{ code: 'not_integer' }],
    });
  });

  it('rejects a CES scale of 0–10', () => {
    const scale = { kind: 'ces', min: 0, max: 10 } as unknown as Scale;
    expect(validateScale(scale).ok).toBe(false);
  });

  it('rejects overlapping key-question bands and names every problem', () => {
    const result = validateScale({ ...fivePointKey, negativeTo: 6, positiveFrom: 3 });
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { path: 'negativeTo', code: 'out_of_scale' },
        { path: 'positiveFrom', code: 'bands_overlap' },
      ],
    });
  });

  it('rejects an unknown kind', () => {
    expect(validateScale({ kind: 'stars' } as unknown as Scale)).toMatchObject({
      ok: false,
      errors: [{ code: 'unknown_kind' }],
    });
  });
});

describe('answers on a scale', () => {
  it('counts 4 and 5 as satisfied on the default 1–5 CSAT scale', () => {
    expect([1, 2, 3, 4, 5].map((a) => isSatisfied(a, CSAT_1_5))).toEqual([false, false, false, true, true]);
  });

  it('lets the company move the satisfied threshold', () => {
    expect(isSatisfied(8, CSAT_0_10)).toBe(false);
    expect(isSatisfied(8, { ...CSAT_0_10, satisfiedFrom: 8 })).toBe(true);
  });

  it('groups NPS answers: 0–6 detractors, 7–8 passives, 9–10 promoters', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsGroup)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });

  it.each([-1, 11, 7.5])('rejects the NPS answer %s', (answer) => {
    expect(() => npsGroup(answer)).toThrow(RangeError);
  });

  it('classifies yes/no key answers by which answer is good news', () => {
    expect(classifyKeyAnswer('yes', KEY_YES_NO)).toBe('positive');
    expect(classifyKeyAnswer('no', KEY_YES_NO)).toBe('negative');
    // "Did anything upset you in the store?" — here no is the good answer.
    expect(classifyKeyAnswer('no', { kind: 'key_yes_no', positiveAnswer: 'no' })).toBe('positive');
  });

  it('classifies banded key answers as negative, neutral or positive', () => {
    expect([1, 2, 3, 4, 5].map((a) => classifyKeyAnswer(a, fivePointKey))).toEqual([
      'negative',
      'negative',
      'neutral',
      'positive',
      'positive',
    ]);
  });

  it('rejects a number for a yes/no question and a word for a scale', () => {
    expect(() => classifyKeyAnswer(1, KEY_YES_NO)).toThrow(RangeError);
    expect(() => classifyKeyAnswer('yes', fivePointKey)).toThrow(RangeError);
    expect(() => classifyKeyAnswer(6, fivePointKey)).toThrow(RangeError);
  });
});
