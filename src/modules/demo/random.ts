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
  let hash = 0x9e3779b9;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    hash ^= hash >>> 16;
    // Parts above 2^32 (epoch milliseconds) keep their high half too.
    const high = Math.floor(part / 0x1_0000_0000);
    if (high !== 0) {
      hash = Math.imul(hash ^ (high >>> 0), 0x27d4eb2f);
    }
  }
  return hash >>> 0;
}

/** A version-4 UUID of four 32-bit words drawn from the source, each word's lowest byte first. */
function uuidOf(uint32: () => number): string {
  const bytes: number[] = [];
  for (let i = 0; i < 4; i++) {
    const word = uint32();
    bytes.push(word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, (word >>> 24) & 0xff);
  }
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.map((byte) => HEX[byte]).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** sfc32 seeded with (seed, stream): distinct pairs give distinct states, hence distinct sequences. */
export function createRng(seed: number, stream = 0): Rng {
  // sfc32's state: three 32-bit words and a counter.
  let wordA = seed >>> 0;
  let wordB = stream >>> 0;
  let wordC = 0xdeadbeef;
  let counter = 1;
  const uint32 = (): number => {
    const output = (((wordA + wordB) | 0) + counter) | 0;
    counter = (counter + 1) | 0;
    wordA = wordB ^ (wordB >>> 9);
    wordB = (wordC + (wordC << 3)) | 0;
    wordC = (wordC << 21) | (wordC >>> 11);
    wordC = (wordC + output) | 0;
    return output >>> 0;
  };
  // The first outputs of a freshly seeded sfc32 are correlated with the seed; discard them.
  for (let i = 0; i < 15; i++) {
    uint32();
  }

  const next = (): number => uint32() / 0x1_0000_0000;
  let spare: number | undefined;
  const gaussian = (mean = 0, sd = 1): number => {
    if (spare !== undefined) {
      const standard = spare;
      spare = undefined;
      return mean + sd * standard;
    }
    const uniform = 1 - next(); // (0, 1]: log(0) would be -Infinity
    const angle = next();
    const radius = Math.sqrt(-2 * Math.log(uniform));
    spare = radius * Math.sin(2 * Math.PI * angle);
    return mean + sd * radius * Math.cos(2 * Math.PI * angle);
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
      for (const [, weight] of items) {
        total += weight;
      }
      let remaining = next() * total;
      for (const [value, weight] of items) {
        remaining -= weight;
        if (remaining < 0) {
          return value;
        }
      }
      // Rounding can leave a sliver past the last weight: it belongs to the last item.
      const last = items.at(-1);
      if (!last) {
        throw new RangeError('weighted pick from an empty list');
      }
      return last[0];
    },
    dateBetween: (from, to) => new Date(from.getTime() + Math.floor(next() * (to.getTime() - from.getTime()))),
    gaussian,
    logNormal: (median, sigma) => median * Math.exp(sigma * gaussian()),
    uuid: () => uuidOf(uint32),
    fork: () => createRng(uint32(), uint32()),
  };
}

/**
 * A picker over a fixed weighted list with the cumulative sums computed once: O(log n) per draw,
 * for the hot loops that draw millions of times from the same table.
 */
export function weightedPicker<T>(items: readonly Weighted<T>[]): (rng: Rng) => T {
  const values = items.filter(([, weight]) => weight > 0).map(([value]) => value);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of items) {
    if (weight > 0) {
      cumulative.push((total += weight));
    }
  }
  if (values.length === 0) {
    throw new RangeError('weighted picker needs a positive weight');
  }
  return (rng) => {
    const target = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return values[lo]!;
  };
}
