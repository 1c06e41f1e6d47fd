// A small seeded random source for the demo-data generator: sfc32 (128-bit state, fast, good statistics)
// with the helpers the generator needs. Pure: the same seed and stream give the same sequence on every
// machine, because only integer arithmetic and V8's fdlibm-based Math functions are used.

export type Weighted<T> = readonly [value: T, weight: number];

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An unsigned 32-bit integer. */
  uint32(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly Weighted<T>[]): T;
  /** An instant in [from, to). */
  dateBetween(from: Date, to: Date): Date;
  /** Normally distributed (Box–Muller). */
  gaussian(mean?: number, sd?: number): number;
  /** Log-normal with the given median: skewed durations such as "time to resolve". */
  logNormal(median: number, sigma: number): number;
  /** A version-4 UUID made of this source's bits, so ids are as reproducible as everything else. */
  uuid(): string;
  /** An independent source seeded from this one: lets optional work draw numbers without shifting the rest. */
  fork(): Rng;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Mixes any number of integers into one 32-bit seed (murmur3's finaliser over a running hash). */
export function mixSeed(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    // Parts above 2^32 (epoch milliseconds) keep their high half too.
    const high = Math.floor(part / 0x1_0000_0000);
    if (high !== 0) {
      h = Math.imul(h ^ (high >>> 0), 0x27d4eb2f);
    }
  }
  return h >>> 0;
}

/** sfc32 seeded with (seed, stream): distinct pairs give distinct states, hence distinct sequences. */
export function createRng(seed: number, stream = 0): Rng {
  let a = seed >>> 0;
  let b = stream >>> 0;
  let c = 0xdeadbeef;
  let d = 1;
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The first outputs of a freshly seeded sfc32 are correlated with the seed; discard them.
  for (let i = 0; i < 15; i++) {
    uint32();
  }

  const next = (): number => uint32() / 0x1_0000_0000;
  let spare: number | undefined;
  const gaussian = (mean = 0, sd = 1): number => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return mean + sd * z;
    }
    const u = 1 - next(); // (0, 1]: log(0) would be -Infinity
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  };

  return {
    next,
    uint32,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) {
        throw new RangeError('pick from an empty list');
      }
      return items[Math.floor(next() * items.length)]!;
    },
    weighted<T>(items: readonly Weighted<T>[]): T {
      let total = 0;
      for (const [, w] of items) {
        total += w;
      }
      let r = next() * total;
      for (const [value, w] of items) {
        r -= w;
        if (r < 0) {
          return value;
        }
      }
      if (items.length === 0) {
        throw new RangeError('weighted pick from an empty list');
      }
      return items[items.length - 1]![0];
    },
    dateBetween: (from, to) => new Date(from.getTime() + Math.floor(next() * (to.getTime() - from.getTime()))),
    gaussian,
    logNormal: (median, sigma) => median * Math.exp(sigma * gaussian()),
    uuid() {
      const w = [uint32(), uint32(), uint32(), uint32()];
      const bytes = new Array<number>(16);
      for (let i = 0; i < 16; i++) {
        bytes[i] = (w[i >> 2]! >>> ((i & 3) * 8)) & 0xff;
      }
      bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
      bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
      const h = bytes.map((x) => HEX[x]!);
      return `${h[0]}${h[1]}${h[2]}${h[3]}-${h[4]}${h[5]}-${h[6]}${h[7]}-${h[8]}${h[9]}-${h[10]}${h[11]}${h[12]}${h[13]}${h[14]}${h[15]}`;
    },
    fork: () => createRng(uint32(), uint32()),
  };
}

/**
 * A picker over a fixed weighted list with the cumulative sums computed once: O(log n) per draw,
 * for the hot loops that draw millions of times from the same table.
 */
export function weightedPicker<T>(items: readonly Weighted<T>[]): (rng: Rng) => T {
  const values = items.filter(([, w]) => w > 0).map(([v]) => v);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of items) {
    if (w > 0) {
      cumulative.push((total += w));
    }
  }
  if (values.length === 0) {
    throw new RangeError('weighted picker needs a positive weight');
  }
  return (rng) => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return values[lo]!;
  };
}
