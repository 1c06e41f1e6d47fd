// Owns: the indices that count silent customers with the correction coefficient k — the staff and office
// dissatisfaction indices (ИНК@Персонал, ИНК@Офис) and the emotional loyalty index (ИЭЛ). Pure.
//
// Base: N = positive + neutral + negative + silent, after qualified answers are excluded. A silent customer
// is one sent the question who gave no answer by the survey deadline; k ∈ [0, 1] is how much that silence
// weighs as a negative answer (0: ignore it as a vote but keep it in the base; 1: count it as negative).
import { type IndexResult, assertCorrection, assertCount } from './index-result.ts';
import { netScoreInterval, wilson } from './intervals.ts';
import type { KeyAnswerCounts } from './key-answers.ts';

export type DissatisfactionResult = IndexResult & { excluded: number };

function baseOf(counts: Omit<KeyAnswerCounts, 'excluded'>): number {
  assertCount('positive', counts.positive);
  assertCount('neutral', counts.neutral);
  assertCount('negative', counts.negative);
  assertCount('silent', counts.silent);
  return counts.positive + counts.neutral + counts.negative + counts.silent;
}

/**
 * Dissatisfaction index, 0..1: share of negative answers + k × share of silent, over the non-excluded base.
 *
 * Interval: Wilson on the effective count negative + k·silent out of N. Each customer scores 1 (negative),
 * k (silent) or 0, so the index is a mean of scores in [0, 1]; Wilson treats it as a binomial proportion.
 * That is exact for k = 0 and k = 1 and, for k in between, conservative: a score in [0, 1] with mean p
 * has a variance of at most p(1 − p), so the true interval is no wider than this one.
 */
export function dissatisfactionIndex(counts: KeyAnswerCounts, correction: number): DissatisfactionResult {
  assertCorrection(correction);
  assertCount('excluded', counts.excluded);
  const base = baseOf(counts);
  if (base === 0) {
    return { value: null, n: 0, ci: null, excluded: counts.excluded };
  }
  const effective = Math.min(base, counts.negative + correction * counts.silent);
  return { value: effective / base, n: base, ci: wilson(effective, base), excluded: counts.excluded };
}

/** ИНК@Персонал: the key question is about the staff member; tally it with `excludeFromStaffIndex`. */
export const staffDissatisfactionIndex = dissatisfactionIndex;

/** ИНК@Офис: the key question is about the office and its processes; tally it with `excludeFromOfficeIndex`. */
export const officeDissatisfactionIndex = dissatisfactionIndex;

/**
 * Emotional loyalty index (ИЭЛ), on −100..100 like the NPS it adapts to retail:
 * 100 × (share positive − share negative − k × share silent).
 *
 * Interval: the NPS variance formula with each customer scoring +1 (positive), −1 (negative), −k (silent)
 * or 0 (neutral): var = (E[x²] − E[x]²) / N with E[x²] = (positive + negative + k²·silent) / N. For k = 0 or
 * k = 1 that is the standard (p + d − (p − d)²) / N with silent counted among the detractors or not at all.
 */
export function emotionalLoyaltyIndex(counts: Omit<KeyAnswerCounts, 'excluded'>, correction: number): IndexResult {
  assertCorrection(correction);
  const base = baseOf(counts);
  if (base === 0) {
    return { value: null, n: 0, ci: null };
  }
  const sum = counts.positive - counts.negative - correction * counts.silent;
  const sumOfSquares = counts.positive + counts.negative + correction * correction * counts.silent;
  return { value: (100 * sum) / base, n: base, ci: netScoreInterval(sum, sumOfSquares, base) };
}
