import { describe, expect, it } from 'vitest';
import { type KeyAnswerCounts, tallyKeyAnswers } from './key-answers.ts';
import { excludeFromStaffIndex } from './qualification.ts';
import { KEY_YES_NO } from './scales.ts';
import { dissatisfactionIndex, emotionalLoyaltyIndex, staffDissatisfactionIndex } from './silent-weighted.ts';

// A store's month: 6 positive, 1 neutral, 2 negative, 1 silent about the staff; 2 force-majeure answers.
const month: KeyAnswerCounts = { positive: 6, neutral: 1, negative: 2, silent: 1, excluded: 2 };

describe('dissatisfactionIndex (ИНК@Персонал, ИНК@Офис)', () => {
  it.each([
    [0, 0.2, 0.0567, 0.5098],
    [0.5, 0.25, 0.0809, 0.5578],
    [1, 0.3, 0.1078, 0.6032],
  ])('counts a silent customer with weight k = %s: (2 + k·1) / 10 = %s', (correction, value, low, high) => {
    const result = dissatisfactionIndex(month, correction);
    expect(result.value).toBeCloseTo(value, 10);
    expect(result.n).toBe(10);
    expect(result.excluded).toBe(2);
    expect(result.ci?.low).toBeCloseTo(low, 3);
    expect(result.ci?.high).toBeCloseTo(high, 3);
  });

  it('leaves force-majeure answers out of the base instead of counting them as negative', () => {
    const withForceMajeureAsNegative = dissatisfactionIndex({ ...month, negative: 4, excluded: 0 }, 0);
    expect(withForceMajeureAsNegative.value).toBeCloseTo(4 / 12, 10);
    expect(dissatisfactionIndex(month, 0).value).toBeCloseTo(2 / 10, 10);
  });

  it('computes the staff index from raw responses with silent and force majeure', () => {
    const counts = tallyKeyAnswers(
      [
        { answer: 'yes' },
        { answer: 'yes' },
        { answer: 'yes' },
        { answer: 'no', qualification: 'staff' },
        { answer: 'no', qualification: 'force_majeure' },
        { answer: 'no', qualification: 'product' },
        { answer: null },
        { answer: null },
      ],
      KEY_YES_NO,
      excludeFromStaffIndex,
    );
    // Base 3 yes + 1 no + 2 silent = 6; k = 0.5 → (1 + 0.5·2) / 6 = 1/3.
    const result = staffDissatisfactionIndex(counts, 0.5);
    expect(result.n).toBe(6);
    expect(result.excluded).toBe(2);
    expect(result.value).toBeCloseTo(1 / 3, 10);
  });

  it('is k when everyone is silent', () => {
    const allSilent = { positive: 0, neutral: 0, negative: 0, silent: 5, excluded: 0 };
    expect(dissatisfactionIndex(allSilent, 0)).toMatchObject({ value: 0, n: 5, ci: { low: 0 } });
    expect(dissatisfactionIndex(allSilent, 0.5).value).toBe(0.5);
    expect(dissatisfactionIndex(allSilent, 1)).toMatchObject({ value: 1, ci: { high: 1 } });
  });

  it('is null when every answer was excluded', () => {
    expect(dissatisfactionIndex({ positive: 0, neutral: 0, negative: 0, silent: 0, excluded: 4 }, 0.5)).toEqual({
      value: null,
      n: 0,
      ci: null,
      excluded: 4,
    });
  });

  it('is null for an empty slice', () => {
    expect(dissatisfactionIndex({ positive: 0, neutral: 0, negative: 0, silent: 0, excluded: 0 }, 1).value).toBeNull();
  });

  it.each([-0.1, 1.5, Number.NaN])('rejects the correction coefficient %s', (k) => {
    expect(() => dissatisfactionIndex(month, k)).toThrow(RangeError);
  });

  it('rejects a fractional or negative count', () => {
    expect(() => dissatisfactionIndex({ ...month, silent: 0.5 }, 1)).toThrow(RangeError);
    expect(() => dissatisfactionIndex({ ...month, excluded: -1 }, 1)).toThrow(RangeError);
  });
});

describe('emotionalLoyaltyIndex (ИЭЛ)', () => {
  it.each([
    // sum, Σx², var = (Σx²/N − (sum/N)²) / N, half = 1.96 · 100 · √var
    [0, 40, -9.58, 89.58],
    [0.5, 35, -16.95, 86.95],
    [1, 30, -25.78, 85.78],
  ])('with k = %s is 100 × (6 − 2 − k·1) / 10 = %s with its NPS-style interval', (correction, value, low, high) => {
    const result = emotionalLoyaltyIndex(month, correction);
    expect(result.value).toBeCloseTo(value, 10);
    expect(result.n).toBe(10);
    expect(result.ci?.low).toBeCloseTo(low, 1);
    expect(result.ci?.high).toBeCloseTo(high, 1);
  });

  it('equals NPS when positives are promoters, negatives detractors and nobody is silent', () => {
    const result = emotionalLoyaltyIndex({ positive: 75, neutral: 5, negative: 20, silent: 0 }, 0.5);
    expect(result.value).toBeCloseTo(55, 10);
    expect(result.ci?.low).toBeCloseTo(39.23, 1);
  });

  it('is −100·k when everyone is silent', () => {
    const allSilent = { positive: 0, neutral: 0, negative: 0, silent: 4 };
    expect(emotionalLoyaltyIndex(allSilent, 0).value).toBe(0);
    expect(emotionalLoyaltyIndex(allSilent, 0.5).value).toBe(-50);
    expect(emotionalLoyaltyIndex(allSilent, 1)).toEqual({ value: -100, n: 4, ci: { low: -100, high: -100 } });
  });

  it('is null with nobody asked', () => {
    expect(emotionalLoyaltyIndex({ positive: 0, neutral: 0, negative: 0, silent: 0 }, 1)).toEqual({
      value: null,
      n: 0,
      ci: null,
    });
  });

  it('rejects a correction coefficient above 1', () => {
    expect(() => emotionalLoyaltyIndex(month, 2)).toThrow(RangeError);
  });
});
