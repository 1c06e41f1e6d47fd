import { describe, expect, it } from 'vitest';
import { createRng, mixSeed, weightedPicker } from './random.ts';

const draws = (count: number, draw: () => number) => Array.from({ length: count }, draw);

describe('createRng', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    const first = createRng(42, 7);
    const second = createRng(42, 7);
    expect(draws(100, first.uint32)).toEqual(draws(100, second.uint32));
  });

  it('gives different sequences for different seeds or streams', () => {
    const base = draws(20, createRng(42).uint32);
    expect(draws(20, createRng(43).uint32)).not.toEqual(base);
    expect(draws(20, createRng(42, 1).uint32)).not.toEqual(base);
  });

  it('draws floats in [0, 1) with a mean near one half', () => {
    const xs = draws(20_000, createRng(1).next);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('draws integers within both bounds inclusive, reaching each', () => {
    const rng = createRng(2);
    const seen = new Set(draws(2_000, () => rng.int(3, 8)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('answers chance(0) never and chance(1) always', () => {
    const rng = createRng(3);
    expect(draws(1_000, () => Number(rng.chance(0))).every((x) => x === 0)).toBe(true);
    expect(draws(1_000, () => Number(rng.chance(1))).every((x) => x === 1)).toBe(true);
  });

  it('picks every element of a list and refuses an empty one', () => {
    const rng = createRng(4);
    expect(new Set(draws(500, () => rng.pick([1, 2, 3])))).toEqual(new Set([1, 2, 3]));
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('follows the weights of a weighted pick', () => {
    const rng = createRng(5);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i++) {
      counts[
        rng.weighted([
          ['a', 1],
          ['b', 3],
          ['c', 0],
        ] as const)
      ]++;
    }
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
  });

  it('draws dates inside the interval', () => {
    const rng = createRng(6);
    const from = new Date('2024-01-01T00:00:00Z');
    const to = new Date('2024-01-02T00:00:00Z');
    for (const at of draws(1_000, () => rng.dateBetween(from, to).getTime())) {
      expect(at).toBeGreaterThanOrEqual(from.getTime());
      expect(at).toBeLessThan(to.getTime());
    }
  });

  it('draws normal values with the asked mean and spread, and log-normal ones around the median', () => {
    const rng = createRng(7);
    const xs = draws(20_000, () => rng.gaussian(10, 2));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
    const median = draws(20_001, () => rng.logNormal(60, 1)).sort((a, b) => a - b)[10_000];
    expect(median).toBeGreaterThan(55);
    expect(median).toBeLessThan(65);
  });

  it('makes version-4 UUIDs that do not repeat', () => {
    const rng = createRng(8);
    const ids = Array.from({ length: 20_000 }, () => rng.uuid());
    for (const id of ids.slice(0, 100)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(createRng(8).uuid()).toBe(ids[0]);
  });

  it('forks an independent source reproducibly', () => {
    const parent = createRng(9);
    const child = parent.fork();
    const sameParent = createRng(9);
    const sameChild = sameParent.fork();
    expect(draws(10, child.uint32)).toEqual(draws(10, sameChild.uint32));
    expect(draws(10, parent.uint32)).toEqual(draws(10, sameParent.uint32));
  });
});

describe('weightedPicker', () => {
  it('draws like a weighted pick and skips zero weights', () => {
    const pick = weightedPicker([
      ['x', 0],
      ['y', 1],
      ['z', 1],
    ] as const);
    const rng = createRng(10);
    const counts = { x: 0, y: 0, z: 0 };
    for (let i = 0; i < 20_000; i++) {
      counts[pick(rng)]++;
    }
    expect(counts.x).toBe(0);
    expect(counts.y / counts.z).toBeCloseTo(1, 1);
  });

  it('refuses a table without a positive weight', () => {
    expect(() => weightedPicker([['x', 0]])).toThrow(RangeError);
  });
});

describe('mixSeed', () => {
  it('separates its inputs, including the high half of large numbers', () => {
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
    expect(mixSeed(1_700_000_000_000)).not.toBe(mixSeed(1_700_000_000_000 + 2 ** 32));
    expect(mixSeed(5)).toBe(mixSeed(5));
  });
});
