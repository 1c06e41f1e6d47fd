import { describe, expect, it } from 'vitest';
import { ces, csat, nps, npsFromCounts } from './satisfaction.ts';
import { CES_1_5, CES_1_7, CSAT_0_10, CSAT_1_5 } from './scales.ts';

const answersOf = (groups: Array<[answer: number, times: number]>): number[] =>
  groups.flatMap(([answer, times]) => Array.from({ length: times }, () => answer));

describe('nps', () => {
  it('gives 55 for 75 % promoters and 20 % detractors (the seed example)', () => {
    expect(npsFromCounts({ promoters: 75, passives: 5, detractors: 20 }).value).toBeCloseTo(55, 10);
  });

  it('gives 55 for the same shares on another sample size', () => {
    expect(npsFromCounts({ promoters: 15, passives: 1, detractors: 4 }).value).toBeCloseTo(55, 10);
  });

  it('gives 55 from raw 0–10 answers with the seed shares, with its interval and counts', () => {
    const result = nps(
      answersOf([
        [10, 40],
        [9, 35],
        [8, 3],
        [7, 2],
        [6, 10],
        [3, 6],
        [0, 4],
      ]),
    );
    expect(result).toMatchObject({ n: 100, promoters: 75, passives: 5, detractors: 20 });
    expect(result.value).toBeCloseTo(55, 10);
    expect(result.ci?.low).toBeCloseTo(39.23, 1);
    expect(result.ci?.high).toBeCloseTo(70.77, 1);
  });

  it('gives −100 when everyone is a detractor and 0 when everyone is passive', () => {
    expect(nps([0, 3, 6]).value).toBe(-100);
    expect(nps([7, 8, 7]).value).toBe(0);
  });

  it('is null with no answers', () => {
    expect(nps([])).toEqual({ value: null, n: 0, ci: null, promoters: 0, passives: 0, detractors: 0 });
  });

  it('rejects an answer off the 0–10 scale', () => {
    expect(() => nps([9, 11])).toThrow(RangeError);
  });

  it('rejects a negative count', () => {
    expect(() => npsFromCounts({ promoters: -1, passives: 0, detractors: 0 })).toThrow(RangeError);
  });
});

describe('csat', () => {
  it('gives the share satisfied and the mean on 1–5: 5, 4, 3, 5, 2 → 60 % and 3.8', () => {
    const result = csat([5, 4, 3, 5, 2], CSAT_1_5);
    expect(result.satisfied.value).toBeCloseTo(0.6, 10);
    expect(result.satisfied.n).toBe(5);
    expect(result.satisfied.ci?.low).toBeCloseTo(0.2307, 3);
    expect(result.satisfied.ci?.high).toBeCloseTo(0.8824, 3);
    expect(result.mean.value).toBeCloseTo(3.8, 10);
    expect(result.mean.ci).toEqual({ low: expect.closeTo(2.1811, 3), high: 5 });
  });

  it('counts 9–10 as satisfied on 0–10 by default and follows a configured threshold', () => {
    const answers = [10, 9, 8, 7, 0];
    expect(csat(answers, CSAT_0_10).satisfied.value).toBeCloseTo(0.4, 10);
    expect(csat(answers, { ...CSAT_0_10, satisfiedFrom: 8 }).satisfied.value).toBeCloseTo(0.6, 10);
    expect(csat(answers, CSAT_0_10).mean.value).toBeCloseTo(6.8, 10);
  });

  it('is null with no answers', () => {
    expect(csat([], CSAT_1_5)).toEqual({
      satisfied: { value: null, n: 0, ci: null },
      mean: { value: null, n: 0, ci: null },
    });
  });

  it('rejects an answer off the scale and an invalid scale', () => {
    expect(() => csat([0], CSAT_1_5)).toThrow(RangeError);
    expect(() => csat([3], { ...CSAT_1_5, satisfiedFrom: 7 })).toThrow(/invalid scale/);
  });
});

describe('ces', () => {
  it('gives the mean effort with a t interval clipped to 1–7: 7, 6, 5, 6 → 6 [4.70, 7]', () => {
    const result = ces([7, 6, 5, 6], CES_1_7);
    expect(result.value).toBe(6);
    expect(result.n).toBe(4);
    expect(result.ci).toEqual({ low: expect.closeTo(4.7008, 3), high: 7 });
  });

  it('works on 1–5 and rejects a 6 there', () => {
    expect(ces([1, 5], CES_1_5).value).toBe(3);
    expect(() => ces([6], CES_1_5)).toThrow(RangeError);
  });

  it('is null with no answers', () => {
    expect(ces([], CES_1_7)).toEqual({ value: null, n: 0, ci: null });
  });
});
