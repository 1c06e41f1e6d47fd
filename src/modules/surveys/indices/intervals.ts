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
export function wilson(successes: number, trials: number, quantile = Z_95): Interval | null {
  if (!Number.isInteger(trials) || trials < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${trials}`);
  }
  if (!Number.isFinite(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`successes must lie in [0, n], got ${successes} of ${trials}`);
  }
  if (!(quantile > 0) || !Number.isFinite(quantile)) {
    throw new RangeError(`z must be positive, got ${quantile}`);
  }
  if (trials === 0) {
    return null;
  }
  const share = successes / trials;
  const quantile2 = quantile * quantile;
  const denominator = 1 + quantile2 / trials;
  const centre = (share + quantile2 / (2 * trials)) / denominator;
  const spread = (share * (1 - share)) / trials + quantile2 / (4 * trials * trials);
  const half = (quantile * Math.sqrt(spread)) / denominator;
  // At a share of 0 or 1 the exact bound is 0 or 1; rounding would otherwise leave 1e-17 crumbs.
  return {
    low: successes === 0 ? 0 : clamp(centre - half, 0, share),
    high: successes === trials ? 1 : clamp(centre + half, share, 1),
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
  const normal = Z_95;
  const dof = degreesOfFreedom;
  return (
    normal +
    (normal ** 3 + normal) / (4 * dof) +
    (5 * normal ** 5 + 16 * normal ** 3 + 3 * normal) / (96 * dof ** 2) +
    (3 * normal ** 7 + 19 * normal ** 5 + 17 * normal ** 3 - 15 * normal) / (384 * dof ** 3)
  );
}

/**
 * Mean of the values with a 95 % t interval (sample standard deviation, n − 1). One value gives a mean but
 * no interval: a single answer says nothing about spread. `bounds` clips the interval to the answer scale.
 */
export function meanInterval(values: readonly number[], bounds?: Interval): IndexResult {
  const count = values.length;
  if (count === 0) {
    return { value: null, n: 0, ci: null };
  }
  if (values.some((value) => !Number.isFinite(value))) {
    throw new RangeError('values must be finite numbers');
  }
  const mean = values.reduce((sum, value) => sum + value, 0) / count;
  if (count === 1) {
    return { value: mean, n: count, ci: null };
  }
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (count - 1);
  return { value: mean, n: count, ci: tInterval(mean, variance, count, bounds) };
}

/**
 * Interval of a net score on −100..100, where each of n customers scores +1, −1 or something in between.
 * `sum` is Σ score and `sumOfSquares` Σ score²; the variance of the mean is (E[x²] − E[x]²) / n.
 * With promoters +1 and detractors −1 this is exactly the standard NPS formula (p + d − (p − d)²) / n.
 * Degenerate samples (everyone a promoter) get a zero-width interval, as that formula gives.
 */
export function netScoreInterval(sum: number, sumOfSquares: number, count: number, quantile = Z_95): Interval | null {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${count}`);
  }
  if (count === 0) {
    return null;
  }
  const mean = sum / count;
  const variance = Math.max(0, sumOfSquares / count - mean * mean) / count;
  const half = quantile * 100 * Math.sqrt(variance);
  return { low: clamp(100 * mean - half, -100, 100), high: clamp(100 * mean + half, -100, 100) };
}

/** NPS interval: p = promoters / n, d = detractors / n, var = (p + d − (p − d)²) / n, NPS ± z·100·√var. */
export function npsInterval(promoters: number, detractors: number, count: number, quantile = Z_95): Interval | null {
  if (promoters < 0 || detractors < 0 || promoters + detractors > count) {
    throw new RangeError(
      `promoters and detractors must be counts within n, got ${promoters} + ${detractors} of ${count}`,
    );
  }
  return netScoreInterval(promoters - detractors, promoters + detractors, count, quantile);
}

/**
 * The same mean and t interval as `meanInterval`, from the sums a database aggregates (n, Σx, Σx²) instead of
 * the values. The sample variance is (Σx² − (Σx)²/n) / (n − 1), floored at 0 against rounding.
 */
export function meanIntervalFromSums(count: number, sum: number, sumOfSquares: number, bounds?: Interval): IndexResult {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${count}`);
  }
  if (!Number.isFinite(sum) || !Number.isFinite(sumOfSquares)) {
    throw new RangeError('sums must be finite numbers');
  }
  if (count === 0) {
    return { value: null, n: 0, ci: null };
  }
  const mean = sum / count;
  if (count === 1) {
    return { value: mean, n: count, ci: null };
  }
  const variance = Math.max(0, (sumOfSquares - (sum * sum) / count) / (count - 1));
  return { value: mean, n: count, ci: tInterval(mean, variance, count, bounds) };
}

/** mean ± t·√(variance / count), clipped to the answer scale's bounds when given. */
function tInterval(mean: number, variance: number, count: number, bounds: Interval | undefined): Interval {
  const half = studentT95(count - 1) * Math.sqrt(variance / count);
  const low = bounds ? bounds.low : -Infinity;
  const high = bounds ? bounds.high : Infinity;
  return { low: clamp(mean - half, low, high), high: clamp(mean + half, low, high) };
}
