// Owns: the seeded pseudo-random source the classifier and its fixtures use, so that training,
// splits and generated corpora are reproducible across runs and machines.

export type Random = () => number;

/** mulberry32: a tiny, fast 32-bit generator; uniform in [0, 1). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates, in place. */
export function shuffleInPlace<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const other = Math.floor(random() * (i + 1));
    const kept = items[i] as T;
    items[i] = items[other] as T;
    items[other] = kept;
  }
  return items;
}
