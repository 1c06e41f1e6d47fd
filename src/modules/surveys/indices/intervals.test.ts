import { describe, expect, it } from 'vitest';
import { meanInterval, meanIntervalFromSums, netScoreInterval, npsInterval, studentT95, wilson } from './intervals.ts';

/** The interval a case expects to be there. */
const some = <T>(value: T | null | undefined): T => value ?? expect.unreachable('expected a value');

describe('wilson', () => {
  it('gives [0.490, 0.943] for 8 of 10', () => {
    const ci = some(wilson(8, 10));
    expect(ci.low).toBeCloseTo(0.4902, 4);
    expect(ci.high).toBeCloseTo(0.9433, 4);
  });

  it('gives [0.057, 0.510] for 2 of 10 and [0.108, 0.603] for 3 of 10', () => {
    expect(some(wilson(2, 10)).low).toBeCloseTo(0.0567, 4);
    expect(some(wilson(2, 10)).high).toBeCloseTo(0.5098, 4);
    expect(some(wilson(3, 10)).low).toBeCloseTo(0.1078, 4);
    expect(some(wilson(3, 10)).high).toBeCloseTo(0.6032, 4);
  });

  it('starts exactly at 0 for 0 of 10 and still leaves room above', () => {
    expect(wilson(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.2775, 4) });
  });

  it('ends exactly at 1 for 10 of 10', () => {
    expect(wilson(10, 10)).toEqual({ low: expect.closeTo(0.7225, 4), high: 1 });
  });

  it('has no interval for an empty sample', () => {
    expect(wilson(0, 0)).toBeNull();
  });

  it('narrows as the sample grows at the same share', () => {
    const small = some(wilson(50, 100));
    const large = some(wilson(500, 1000));
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
    expect(large.low).toBeCloseTo(0.4691, 4);
    expect(large.high).toBeCloseTo(0.5309, 4);
  });

  it('widens with a larger z', () => {
    const z95 = some(wilson(8, 10));
    const z99 = some(wilson(8, 10, 2.5758));
    expect(z99.low).toBeLessThan(z95.low);
    expect(z99.high).toBeGreaterThan(z95.high);
  });

  it('accepts a fractional effective count', () => {
    const ci = some(wilson(2.5, 10));
    expect(ci.low).toBeGreaterThan(some(wilson(2, 10)).low);
    expect(ci.high).toBeLessThan(some(wilson(3, 10)).high);
  });

  it.each([
    [-1, 10],
    [11, 10],
    [1, 2.5],
    [1, -1],
    [Number.NaN, 10],
  ])('rejects %s successes of %s', (successes, n) => {
    expect(() => wilson(successes, n)).toThrow(RangeError);
  });

  it('rejects a non-positive z', () => {
    expect(() => wilson(1, 2, 0)).toThrow(RangeError);
  });
});

describe('studentT95', () => {
  it.each([
    [1, 12.7062],
    [4, 2.7764],
    [30, 2.0423],
    [31, 2.0395],
    [60, 2.0003],
    [99, 1.9842],
    [120, 1.9799],
    [1000, 1.9623],
  ])('with %i degrees of freedom is %f', (df, t) => {
    expect(studentT95(df)).toBeCloseTo(t, 3);
  });

  it('approaches the normal quantile', () => {
    expect(studentT95(1_000_000)).toBeCloseTo(1.96, 3);
  });

  it('rejects zero degrees of freedom', () => {
    expect(() => studentT95(0)).toThrow(RangeError);
  });
});

describe('meanInterval', () => {
  it('is null for no values', () => {
    expect(meanInterval([])).toEqual({ value: null, n: 0, ci: null });
  });

  it('gives a mean but no interval for one value', () => {
    expect(meanInterval([4])).toEqual({ value: 4, n: 1, ci: null });
  });

  it('uses the t quantile on small samples: 5, 4, 3, 5, 2 → 3.8 ± 2.776·√(1.7/5)', () => {
    const result = meanInterval([5, 4, 3, 5, 2]);
    expect(result.value).toBeCloseTo(3.8, 10);
    expect(result.ci?.low).toBeCloseTo(3.8 - 1.6189, 3);
    expect(result.ci?.high).toBeCloseTo(3.8 + 1.6189, 3);
  });

  it('clips the interval to the given bounds', () => {
    const result = meanInterval([5, 4, 3, 5, 2], { low: 1, high: 5 });
    expect(result.ci?.high).toBe(5);
    expect(result.ci?.low).toBeCloseTo(2.1811, 3);
  });

  it('gives a zero-width interval when every value is the same', () => {
    expect(meanInterval([3, 3, 3]).ci).toEqual({ low: 3, high: 3 });
  });

  it('is close to the normal interval on a large sample', () => {
    const values = Array.from({ length: 100 }, (_, i) => i % 2);
    const result = meanInterval(values);
    expect(result.ci?.low).toBeCloseTo(0.5 - 0.0997, 3);
    expect(result.ci?.high).toBeCloseTo(0.5 + 0.0997, 3);
  });

  it('rejects a value that is not a number', () => {
    expect(() => meanInterval([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('npsInterval', () => {
  it('matches the hand calculation for 75 promoters and 20 detractors of 100: 55 ± 15.77', () => {
    // p = .75, d = .2, var = (.95 − .55²) / 100 = .006475, half = 1.96 · 100 · .08047
    const ci = some(npsInterval(75, 20, 100));
    expect(ci.low).toBeCloseTo(39.23, 1);
    expect(ci.high).toBeCloseTo(70.77, 1);
  });

  it('matches the hand calculation for 3 promoters, 2 passives and 5 detractors: −20 ± 53.8', () => {
    // p = .3, d = .5, var = (.8 − .04) / 10 = .076, half = 1.96 · 100 · .27568 = 54.03
    const ci = some(npsInterval(3, 5, 10));
    expect(ci.low).toBeCloseTo(-20 - 54.03, 1);
    expect(ci.high).toBeCloseTo(-20 + 54.03, 1);
  });

  it('clips to −100..100', () => {
    const ci = some(npsInterval(9, 0, 10));
    expect(ci.high).toBe(100);
    expect(ci.low).toBeGreaterThan(50);
  });

  it('is zero-width when everyone is a promoter, as the variance formula gives', () => {
    expect(npsInterval(10, 0, 10)).toEqual({ low: 100, high: 100 });
  });

  it('is null for no answers', () => {
    expect(npsInterval(0, 0, 0)).toBeNull();
  });

  it('rejects more promoters and detractors than answers', () => {
    expect(() => npsInterval(6, 5, 10)).toThrow(RangeError);
  });

  it('equals the net-score interval with scores +1 and −1', () => {
    expect(netScoreInterval(75 - 20, 75 + 20, 100)).toEqual(npsInterval(75, 20, 100));
  });
});

describe('meanIntervalFromSums', () => {
  it('equals meanInterval on the same values', () => {
    const values = [5, 4, 3, 5, 2, 1, 5, 5];
    const sum = values.reduce((total, value) => total + value, 0);
    const squares = values.reduce((total, value) => total + value * value, 0);
    const fromSums = meanIntervalFromSums(values.length, sum, squares, { low: 1, high: 5 });
    const direct = meanInterval(values, { low: 1, high: 5 });
    expect(fromSums.value).toBeCloseTo(some(direct.value), 12);
    expect(fromSums.ci?.low).toBeCloseTo(some(direct.ci).low, 10);
    expect(fromSums.ci?.high).toBeCloseTo(some(direct.ci).high, 10);
  });

  it('is null for no values and has no interval for one', () => {
    expect(meanIntervalFromSums(0, 0, 0)).toEqual({ value: null, n: 0, ci: null });
    expect(meanIntervalFromSums(1, 7, 49)).toEqual({ value: 7, n: 1, ci: null });
  });

  it('never takes the root of a negative variance left by rounding', () => {
    const ci = some(meanIntervalFromSums(3, 0.3, 0.03 - 1e-18).ci);
    expect(ci.low).toBeCloseTo(0.1, 12);
    expect(ci.high - ci.low).toBe(0);
  });

  it('rejects a fractional n', () => {
    expect(() => meanIntervalFromSums(2.5, 1, 1)).toThrow(RangeError);
  });
});
