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
const correction = fc.constantFrom(0, 0.25, 0.5, 0.75, 1);
/** The value a property expects to be there. */
const some = <T>(value: T | null | undefined): T => value ?? expect.unreachable('expected a value');
const counts = fc.record<KeyAnswerCounts>({
  positive: count,
  neutral: count,
  negative: count,
  silent: count,
  excluded: count,
});
const sample = fc
  .integer({ min: 1, max: 10_000 })
  .chain((trials) => fc.tuple(fc.integer({ min: 0, max: trials }), fc.constant(trials)));

describe('interval properties', () => {
  it('a Wilson interval contains the observed share and lies within [0, 1]', () => {
    fc.assert(
      fc.property(sample, ([successes, trials]) => {
        const ci = some(wilson(successes, trials));
        const share = successes / trials;
        expect(ci.low).toBeGreaterThanOrEqual(0);
        expect(ci.high).toBeLessThanOrEqual(1);
        expect(ci.low).toBeLessThanOrEqual(share);
        expect(ci.high).toBeGreaterThanOrEqual(share);
      }),
      RUNS,
    );
  });

  it('a Wilson interval is symmetric under swapping successes and failures', () => {
    fc.assert(
      fc.property(sample, ([successes, trials]) => {
        const ci = some(wilson(successes, trials));
        const mirrored = some(wilson(trials - successes, trials));
        expect(ci.low).toBeCloseTo(1 - mirrored.high, 12);
        expect(ci.high).toBeCloseTo(1 - mirrored.low, 12);
      }),
      RUNS,
    );
  });

  it('a mean interval contains the mean', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 200 }), (values) => {
        const result = meanInterval(values);
        const [value, ci] = [some(result.value), some(result.ci)];
        expect(ci.low).toBeLessThanOrEqual(value + 1e-9);
        expect(ci.high).toBeGreaterThanOrEqual(value - 1e-9);
      }),
      RUNS,
    );
  });
});

describe('NPS properties', () => {
  it('lies within −100..100 with an interval that contains it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 300 }), (answers) => {
        const result = nps(answers);
        const [value, ci] = [some(result.value), some(result.ci)];
        expect(value).toBeGreaterThanOrEqual(-100);
        expect(value).toBeLessThanOrEqual(100);
        expect(ci.low).toBeGreaterThanOrEqual(-100);
        expect(ci.high).toBeLessThanOrEqual(100);
        expect(ci.low).toBeLessThanOrEqual(value + 1e-9);
        expect(ci.high).toBeGreaterThanOrEqual(value - 1e-9);
      }),
      RUNS,
    );
  });

  it('never widens beyond the interval of a coin flip between promoter and detractor', () => {
    fc.assert(
      fc.property(sample, fc.integer({ min: 0, max: 10_000 }), ([promoters, trials], detractors) => {
        const ci = some(npsInterval(promoters, Math.min(detractors, trials - promoters), trials));
        expect(ci.high - ci.low).toBeLessThanOrEqual(2 * 1.96 * 100 * Math.sqrt(1 / trials) + 1e-9);
      }),
      RUNS,
    );
  });

  it('falls when a promoter becomes a detractor', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 100 }), (answers) => {
        const before = some(nps([...answers, 10]).value);
        const after = some(nps([...answers, 0]).value);
        expect(after).toBeLessThan(before);
      }),
      RUNS,
    );
  });
});

describe('silent-weighted index properties', () => {
  it('the dissatisfaction index lies in [0, 1] inside its interval, and is null only for an empty base', () => {
    fc.assert(
      fc.property(counts, correction, (tally, weight) => {
        const result = dissatisfactionIndex(tally, weight);
        const base = tally.positive + tally.neutral + tally.negative + tally.silent;
        if (base === 0) {
          return expect(result.value).toBeNull();
        }
        const [value, ci] = [some(result.value), some(result.ci)];
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        expect(ci.low).toBeLessThanOrEqual(value + 1e-12);
        expect(ci.high).toBeGreaterThanOrEqual(value - 1e-12);
      }),
      RUNS,
    );
  });

  it('the dissatisfaction index rises with one more negative answer and when a positive turns negative', () => {
    fc.assert(
      fc.property(counts, correction, (tally, weight) => {
        const before = dissatisfactionIndex(tally, weight).value ?? 0;
        const oneMore = dissatisfactionIndex({ ...tally, negative: tally.negative + 1 }, weight);
        expect(some(oneMore.value)).toBeGreaterThanOrEqual(before);
        if (tally.positive > 0) {
          const turned = { ...tally, positive: tally.positive - 1, negative: tally.negative + 1 };
          expect(some(dissatisfactionIndex(turned, weight).value)).toBeGreaterThan(before);
        }
      }),
      RUNS,
    );
  });

  it('the dissatisfaction index does not fall as silence weighs more', () => {
    fc.assert(
      fc.property(counts, (tally) => {
        const [ignored, half, full] = [0, 0.5, 1].map((weight) => dissatisfactionIndex(tally, weight).value ?? 0);
        expect(half).toBeGreaterThanOrEqual(some(ignored));
        expect(full).toBeGreaterThanOrEqual(some(half));
      }),
      RUNS,
    );
  });

  it('excluded answers never move the dissatisfaction index', () => {
    fc.assert(
      fc.property(counts, correction, count, (tally, weight, more) => {
        expect(dissatisfactionIndex({ ...tally, excluded: more }, weight).value).toBe(
          dissatisfactionIndex(tally, weight).value,
        );
      }),
      RUNS,
    );
  });

  it('the emotional loyalty index lies in −100..100 inside its interval and falls with more negatives', () => {
    fc.assert(
      fc.property(counts, correction, (tally, weight) => {
        const result = emotionalLoyaltyIndex(tally, weight);
        const worse = emotionalLoyaltyIndex({ ...tally, negative: tally.negative + 1 }, weight);
        expect(some(worse.value)).toBeLessThanOrEqual(result.value ?? 0);
        if (result.value === null) {
          return;
        }
        const ci = some(result.ci);
        expect(result.value).toBeGreaterThanOrEqual(-100);
        expect(result.value).toBeLessThanOrEqual(100);
        expect(ci.low).toBeGreaterThanOrEqual(-100);
        expect(ci.high).toBeLessThanOrEqual(100);
        expect(ci.low).toBeLessThanOrEqual(result.value + 1e-9);
        expect(ci.high).toBeGreaterThanOrEqual(result.value - 1e-9);
      }),
      RUNS,
    );
  });
});

describe('share properties', () => {
  it('no index returns NaN', () => {
    fc.assert(
      fc.property(sample, counts, correction, ([part, whole], tally, weight) => {
        const results = [
          responseRate(part, whole),
          responseRate(0, 0),
          emailCaptureRate(part, whole),
          dissatisfactionIndex(tally, weight),
          emotionalLoyaltyIndex(tally, weight),
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
