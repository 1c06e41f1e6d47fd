// Owns: the shape every survey index returns and the checks on the counts it is computed from.
// Pure; no db, no http.

/** A two-sided confidence interval, in the same units as the value it belongs to. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * One index over one slice (unit, staff member, category, channel, period).
 * `value` is null, and `ci` too, when the sample is empty: an index of nobody is unknown, never NaN or 0.
 */
export interface IndexResult {
  value: number | null;
  n: number;
  ci: Interval | null;
}

/** Counts come from our own tallies; a negative or fractional one is a bug upstream, so it throws. */
export function assertCount(name: string, count: number): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${count}`);
  }
}

/** The correction coefficient: how much a silent customer weighs against an explicit answer. */
export function assertCorrection(correction: number): void {
  if (!Number.isFinite(correction) || correction < 0 || correction > 1) {
    throw new RangeError(`the correction coefficient k must lie in [0, 1], got ${correction}`);
  }
}

export const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));
