import { describe, expect, it } from 'vitest';
import type { Outcome } from './evaluate.ts';
import { evaluate, stratifiedSplit } from './evaluate.ts';

/** Expands confusion-matrix cells into outcomes: cells[actual][predicted] = count. */
function fromCounts(cells: Record<string, Record<string, number>>): Outcome[] {
  return Object.entries(cells).flatMap(([actual, row]) =>
    Object.entries(row).flatMap(([predicted, count]) => Array.from({ length: count }, () => ({ actual, predicted }))),
  );
}

describe('evaluate', () => {
  // A: 8 right, 2 taken for B; B: 5 right, 5 taken for A.
  const result = evaluate(fromCounts({ a: { a: 8, b: 2 }, b: { b: 5, a: 5 } }));

  it('computes accuracy over all outcomes', () => {
    expect(result.accuracy).toBeCloseTo(13 / 20, 12);
  });

  it('computes per-class precision, recall and F1 from the confusion counts', () => {
    const [a, b] = result.perClass;
    expect(a).toMatchObject({ label: 'a', support: 10 });
    expect(a?.precision).toBeCloseTo(8 / 13, 12);
    expect(a?.recall).toBeCloseTo(8 / 10, 12);
    expect(a?.f1).toBeCloseTo(16 / 23, 12);
    expect(b).toMatchObject({ label: 'b', support: 10 });
    expect(b?.precision).toBeCloseTo(5 / 7, 12);
    expect(b?.recall).toBeCloseTo(5 / 10, 12);
    expect(b?.f1).toBeCloseTo(10 / 17, 12);
  });

  it('averages F1 over classes, unweighted, for macro-F1', () => {
    expect(result.macroF1).toBeCloseTo((16 / 23 + 10 / 17) / 2, 12);
  });

  it('lists the off-diagonal cells, most frequent first', () => {
    expect(result.confusions).toEqual([
      { actual: 'b', predicted: 'a', count: 5 },
      { actual: 'a', predicted: 'b', count: 2 },
    ]);
  });

  it('scores a class that is never predicted with zero precision instead of NaN', () => {
    const figures = evaluate(fromCounts({ a: { a: 3 }, c: { a: 1 } }));
    expect(figures.perClass.find((c) => c.label === 'c')).toEqual({
      label: 'c',
      precision: 0,
      recall: 0,
      f1: 0,
      support: 1,
    });
    expect(figures.macroF1).toBeCloseTo((2 * 0.75 * 1) / 1.75 / 2, 12);
  });

  it('gives perfect scores to perfect predictions and zeros to no outcomes', () => {
    expect(evaluate(fromCounts({ a: { a: 2 }, b: { b: 1 } }))).toMatchObject({
      accuracy: 1,
      macroF1: 1,
      confusions: [],
    });
    expect(evaluate([])).toMatchObject({ accuracy: 0, macroF1: 0, perClass: [] });
  });
});

describe('stratifiedSplit', () => {
  const items = [...Array(40).fill('a'), ...Array(20).fill('b'), ...Array(3).fill('c')].map((label: string, id) => ({
    id,
    label,
  }));

  it('keeps each label’s share in the test part and uses every item exactly once', () => {
    const { train, test } = stratifiedSplit(items, (i) => i.label, 0.25, 3);
    const count = (part: typeof items, label: string) => part.filter((i) => i.label === label).length;
    expect([count(test, 'a'), count(test, 'b'), count(test, 'c')]).toEqual([10, 5, 1]);
    expect([...train, ...test].map((i) => i.id).sort((x, y) => x - y)).toEqual(items.map((i) => i.id));
  });

  it('puts a rare label in both parts and is reproducible for a seed', () => {
    const rare = stratifiedSplit(items.slice(-2), (i) => i.label, 0.1, 1);
    expect([rare.train.length, rare.test.length]).toEqual([1, 1]);
    expect(stratifiedSplit(items, (i) => i.label, 0.3, 9)).toEqual(stratifiedSplit(items, (i) => i.label, 0.3, 9));
  });
});
