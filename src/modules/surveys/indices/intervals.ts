// Owns: the 95 % confidence intervals of the survey indices — Wilson for proportions, Student's t for
// means, and the standard NPS variance formula for net scores. Pure; no db, no http.
import { type IndexResult, type Interval, clamp } from './index-result.ts';

/** The two-sided 95 % normal quantile. */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion. `successes` may be fractional (an effective count such as
 * negatives + k × silent); the interval then treats it as if it were a binomial count.
 * Returns null for n = 0: there is no proportion of nobody.
 */
export function wilson(successes: number, n: number, z = Z_95): Interval | null {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${n}`);
  }
  if (!Number.isFinite(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must lie in [0, n], got ${successes} of ${n}`);
  }
  if (!(z > 0) || !Number.isFinite(z)) {
    throw new RangeError(`z must be positive, got ${z}`);
  }
  if (n === 0) {
    return null;
  }
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At p = 0 or 1 the exact bound is 0 or 1; rounding would otherwise leave 1e-17 crumbs.
  return {
    low: successes === 0 ? 0 : clamp(centre - half, 0, p),
    high: successes === n ? 1 : clamp(centre + half, p, 1),
  };
}

// Student's t two-sided 95 % quantiles for 1..30 degrees of freedom.
const T_95 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448, 2.1314,
  2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
];

/**
 * The 95 % quantile of Student's t: a table up to 30 degrees of freedom, then the Cornish–Fisher expansion
 * around the normal quantile (error below 1e-4 from 30 on), so the interval narrows smoothly towards the
 * normal one instead of jumping at an arbitrary n.
 */
export function studentT95(degreesOfFreedom: number): number {
  if (!Number.isInteger(degreesOfFreedom) || degreesOfFreedom < 1) {
    throw new RangeError(`degrees of freedom must be a positive integer, got ${degreesOfFreedom}`);
  }
  const tabled = T_95[degreesOfFreedom - 1];
  if (tabled !== undefined) {
    return tabled;
  }
  const z = Z_95;
  const v = degreesOfFreedom;
  return (
    z +
    (z ** 3 + z) / (4 * v) +
    (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * v ** 2) +
    (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * v ** 3)
  );
}

/**
 * Mean of the values with a 95 % t interval (sample standard deviation, n − 1). One value gives a mean but
 * no interval: a single answer says nothing about spread. `bounds` clips the interval to the answer scale.
 */
export function meanInterval(values: readonly number[], bounds?: Interval): IndexResult {
  const n = values.length;
  if (n === 0) {
    return { value: null, n: 0, ci: null };
  }
  if (values.some((x) => !Number.isFinite(x))) {
    throw new RangeError('values must be finite numbers');
  }
  const mean = values.reduce((sum, x) => sum + x, 0) / n;
  if (n === 1) {
    return { value: mean, n, ci: null };
  }
  const variance = values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1);
  const half = studentT95(n - 1) * Math.sqrt(variance / n);
  const low = bounds ? bounds.low : -Infinity;
  const high = bounds ? bounds.high : Infinity;
  return { value: mean, n, ci: { low: clamp(mean - half, low, high), high: clamp(mean + half, low, high) } };
}

/**
 * Interval of a net score on −100..100, where each of n customers scores +1, −1 or something in between.
 * `sum` is Σ score and `sumOfSquares` Σ score²; the variance of the mean is (E[x²] − E[x]²) / n.
 * With promoters +1 and detractors −1 this is exactly the standard NPS formula (p + d − (p − d)²) / n.
 * Degenerate samples (everyone a promoter) get a zero-width interval, as that formula gives.
 */
export function netScoreInterval(sum: number, sumOfSquares: number, n: number, z = Z_95): Interval | null {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${n}`);
  }
  if (n === 0) {
    return null;
  }
  const mean = sum / n;
  const variance = Math.max(0, sumOfSquares / n - mean * mean) / n;
  const half = z * 100 * Math.sqrt(variance);
  return { low: clamp(100 * mean - half, -100, 100), high: clamp(100 * mean + half, -100, 100) };
}

/** NPS interval: p = promoters / n, d = detractors / n, var = (p + d − (p − d)²) / n, NPS ± z·100·√var. */
export function npsInterval(promoters: number, detractors: number, n: number, z = Z_95): Interval | null {
  if (promoters < 0 || detractors < 0 || promoters + detractors > n) {
    throw new RangeError(`promoters and detractors must be counts within n, got ${promoters} + ${detractors} of ${n}`);
  }
  return netScoreInterval(promoters - detractors, promoters + detractors, n, z);
}

/**
 * The same mean and t interval as `meanInterval`, from the sums a database aggregates (n, Σx, Σx²) instead of
 * the values. The sample variance is (Σx² − (Σx)²/n) / (n − 1), floored at 0 against rounding.
 */
export function meanIntervalFromSums(n: number, sum: number, sumOfSquares: number, bounds?: Interval): IndexResult {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${n}`);
  }
  if (!Number.isFinite(sum) || !Number.isFinite(sumOfSquares)) {
    throw new RangeError('sums must be finite numbers');
  }
  if (n === 0) {
    return { value: null, n: 0, ci: null };
  }
  const mean = sum / n;
  if (n === 1) {
    return { value: mean, n, ci: null };
  }
  const variance = Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1));
  const half = studentT95(n - 1) * Math.sqrt(variance / n);
  const low = bounds ? bounds.low : -Infinity;
  const high = bounds ? bounds.high : Infinity;
  return { value: mean, n, ci: { low: clamp(mean - half, low, high), high: clamp(mean + half, low, high) } };
}
