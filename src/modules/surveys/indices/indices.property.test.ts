import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type KeyAnswerCounts } from './key-answers.ts';
import { meanInterval, npsInterval, wilson } from './intervals.ts';
import { emailCaptureRate, responseRate } from './ratios.ts';
import { csat, nps } from './satisfaction.ts';
import { CSAT_0_10 } from './scales.ts';
import { dissatisfactionIndex, emotionalLoyaltyIndex } from './silent-weighted.ts';

const RUNS = { numRuns: 300 };
const count = fc.integer({ min: 0, max: 500 });
const k = fc.constantFrom(0, 0.25, 0.5, 0.75, 1);
const counts = fc.record<KeyAnswerCounts>({
  positive: count,
  neutral: count,
  negative: count,
  silent: count,
  excluded: count,
});
const sample = fc
  .integer({ min: 1, max: 10_000 })
  .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

describe('interval properties', () => {
  it('a Wilson interval contains the observed share and lies within [0, 1]', () => {
    fc.assert(
      fc.property(sample, ([successes, n]) => {
        const ci = wilson(successes, n)!;
        const p = successes / n;
        expect(ci.low).toBeGreaterThanOrEqual(0);
        expect(ci.high).toBeLessThanOrEqual(1);
        expect(ci.low).toBeLessThanOrEqual(p);
        expect(ci.high).toBeGreaterThanOrEqual(p);
      }),
      RUNS,
    );
  });

  it('a Wilson interval is symmetric under swapping successes and failures', () => {
    fc.assert(
      fc.property(sample, ([successes, n]) => {
        const ci = wilson(successes, n)!;
        const mirrored = wilson(n - successes, n)!;
        expect(ci.low).toBeCloseTo(1 - mirrored.high, 12);
        expect(ci.high).toBeCloseTo(1 - mirrored.low, 12);
      }),
      RUNS,
    );
  });

  it('a mean interval contains the mean', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 200 }), (values) => {
        const { value, ci } = meanInterval(values);
        expect(ci!.low).toBeLessThanOrEqual(value! + 1e-9);
        expect(ci!.high).toBeGreaterThanOrEqual(value! - 1e-9);
      }),
      RUNS,
    );
  });
});

describe('NPS properties', () => {
  it('lies within −100..100 with an interval that contains it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 300 }), (answers) => {
        const { value, ci } = nps(answers);
        expect(value!).toBeGreaterThanOrEqual(-100);
        expect(value!).toBeLessThanOrEqual(100);
        expect(ci!.low).toBeGreaterThanOrEqual(-100);
        expect(ci!.high).toBeLessThanOrEqual(100);
        expect(ci!.low).toBeLessThanOrEqual(value! + 1e-9);
        expect(ci!.high).toBeGreaterThanOrEqual(value! - 1e-9);
      }),
      RUNS,
    );
  });

  it('never widens beyond the interval of a coin flip between promoter and detractor', () => {
    fc.assert(
      fc.property(sample, fc.integer({ min: 0, max: 10_000 }), ([promoters, n], d) => {
        const ci = npsInterval(promoters, Math.min(d, n - promoters), n)!;
        expect(ci.high - ci.low).toBeLessThanOrEqual(2 * 1.96 * 100 * Math.sqrt(1 / n) + 1e-9);
      }),
      RUNS,
    );
  });

  it('falls when a promoter becomes a detractor', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 100 }), (answers) => {
        const before = nps([...answers, 10]).value!;
        const after = nps([...answers, 0]).value!;
        expect(after).toBeLessThan(before);
      }),
      RUNS,
    );
  });
});

describe('silent-weighted index properties', () => {
  it('the dissatisfaction index lies in [0, 1] inside its interval, and is null only for an empty base', () => {
    fc.assert(
      fc.property(counts, k, (c, weight) => {
        const result = dissatisfactionIndex(c, weight);
        const base = c.positive + c.neutral + c.negative + c.silent;
        if (base === 0) {
          return expect(result.value).toBeNull();
        }
        expect(result.value!).toBeGreaterThanOrEqual(0);
        expect(result.value!).toBeLessThanOrEqual(1);
        expect(result.ci!.low).toBeLessThanOrEqual(result.value! + 1e-12);
        expect(result.ci!.high).toBeGreaterThanOrEqual(result.value! - 1e-12);
      }),
      RUNS,
    );
  });

  it('the dissatisfaction index rises with one more negative answer and when a positive turns negative', () => {
    fc.assert(
      fc.property(counts, k, (c, weight) => {
        const before = dissatisfactionIndex(c, weight).value ?? 0;
        expect(dissatisfactionIndex({ ...c, negative: c.negative + 1 }, weight).value!).toBeGreaterThanOrEqual(before);
        if (c.positive > 0) {
          const turned = { ...c, positive: c.positive - 1, negative: c.negative + 1 };
          expect(dissatisfactionIndex(turned, weight).value!).toBeGreaterThan(before);
        }
      }),
      RUNS,
    );
  });

  it('the dissatisfaction index does not fall as silence weighs more', () => {
    fc.assert(
      fc.property(counts, (c) => {
        const values = [0, 0.5, 1].map((weight) => dissatisfactionIndex(c, weight).value ?? 0);
        expect(values[1]!).toBeGreaterThanOrEqual(values[0]!);
        expect(values[2]!).toBeGreaterThanOrEqual(values[1]!);
      }),
      RUNS,
    );
  });

  it('excluded answers never move the dissatisfaction index', () => {
    fc.assert(
      fc.property(counts, k, count, (c, weight, more) => {
        expect(dissatisfactionIndex({ ...c, excluded: more }, weight).value).toBe(
          dissatisfactionIndex(c, weight).value,
        );
      }),
      RUNS,
    );
  });

  it('the emotional loyalty index lies in −100..100 inside its interval and falls with more negatives', () => {
    fc.assert(
      fc.property(counts, k, (c, weight) => {
        const result = emotionalLoyaltyIndex(c, weight);
        const worse = emotionalLoyaltyIndex({ ...c, negative: c.negative + 1 }, weight);
        expect(worse.value!).toBeLessThanOrEqual(result.value ?? 0);
        if (result.value === null) {
          return;
        }
        expect(result.value).toBeGreaterThanOrEqual(-100);
        expect(result.value).toBeLessThanOrEqual(100);
        expect(result.ci!.low).toBeGreaterThanOrEqual(-100);
        expect(result.ci!.high).toBeLessThanOrEqual(100);
        expect(result.ci!.low).toBeLessThanOrEqual(result.value + 1e-9);
        expect(result.ci!.high).toBeGreaterThanOrEqual(result.value - 1e-9);
      }),
      RUNS,
    );
  });
});

describe('share properties', () => {
  it('no index returns NaN', () => {
    fc.assert(
      fc.property(sample, counts, k, ([part, whole], c, weight) => {
        const results = [
          responseRate(part, whole),
          responseRate(0, 0),
          emailCaptureRate(part, whole),
          dissatisfactionIndex(c, weight),
          emotionalLoyaltyIndex(c, weight),
          csat([], CSAT_0_10).mean,
        ];
        for (const result of results) {
          expect(Number.isNaN(result.value)).toBe(false);
          if (result.ci) {
            expect(Number.isNaN(result.ci.low) || Number.isNaN(result.ci.high)).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });
});
