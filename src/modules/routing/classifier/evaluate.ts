// Owns: measuring a classifier — stratified train/test splits and the usual scores (accuracy,
// per-class precision/recall/F1, macro-F1, the most frequent confusions).
import { seededRandom, shuffleInPlace } from './random.ts';

export interface Outcome {
  actual: string;
  predicted: string;
}

export interface ClassScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Number of items whose actual label is this one. */
  support: number;
}

export interface Evaluation {
  accuracy: number;
  macroF1: number;
  perClass: ClassScores[];
  /** Off-diagonal cells of the confusion matrix, most frequent first. */
  confusions: { actual: string; predicted: string; count: number }[];
}

/**
 * Splits so that every label keeps (about) the same share in both parts; each label with at
 * least two items puts at least one in each part.
 */
export function stratifiedSplit<T>(
  items: readonly T[],
  labelOf: (item: T) => string,
  testFraction: number,
  seed = 1,
): { train: T[]; test: T[] } {
  const byLabel = new Map<string, T[]>();
  for (const item of items) {
    const label = labelOf(item);
    const group = byLabel.get(label);
    if (group) {
      group.push(item);
    } else {
      byLabel.set(label, [item]);
    }
  }
  const random = seededRandom(seed);
  const train: T[] = [];
  const test: T[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const group = shuffleInPlace((byLabel.get(label) as T[]).slice(), random);
    let testCount = Math.round(group.length * testFraction);
    if (group.length >= 2) {
      testCount = Math.min(Math.max(testCount, 1), group.length - 1);
    }
    test.push(...group.slice(0, testCount));
    train.push(...group.slice(testCount));
  }
  return { train, test };
}

// A class never predicted has precision 0 rather than NaN, as scikit-learn's zero_division=0.
const ratio = (numerator: number, denominator: number): number => (denominator === 0 ? 0 : numerator / denominator);

export function evaluate(outcomes: readonly Outcome[]): Evaluation {
  const labels = [...new Set(outcomes.flatMap((o) => [o.actual, o.predicted]))].sort();
  const truePositives = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const actualCount = new Map<string, number>();
  const confusionCount = new Map<string, { actual: string; predicted: string; count: number }>();
  let correct = 0;
  for (const { actual, predicted } of outcomes) {
    actualCount.set(actual, (actualCount.get(actual) ?? 0) + 1);
    predictedCount.set(predicted, (predictedCount.get(predicted) ?? 0) + 1);
    if (actual === predicted) {
      correct++;
      truePositives.set(actual, (truePositives.get(actual) ?? 0) + 1);
      continue;
    }
    const key = `${actual}\u0000${predicted}`;
    const cell = confusionCount.get(key) ?? { actual, predicted, count: 0 };
    cell.count++;
    confusionCount.set(key, cell);
  }
  const perClass = labels.map((label) => {
    const tp = truePositives.get(label) ?? 0;
    const precision = ratio(tp, predictedCount.get(label) ?? 0);
    const recall = ratio(tp, actualCount.get(label) ?? 0);
    const f1 = ratio(2 * precision * recall, precision + recall);
    return { label, precision, recall, f1, support: actualCount.get(label) ?? 0 };
  });
  // As scikit-learn: the mean over every label seen in either column, so a spurious label costs.
  const macroF1 = ratio(
    perClass.reduce((sum, c) => sum + c.f1, 0),
    perClass.length,
  );
  const confusions = [...confusionCount.values()].sort(
    (a, b) => b.count - a.count || a.actual.localeCompare(b.actual) || a.predicted.localeCompare(b.predicted),
  );
  return { accuracy: ratio(correct, outcomes.length), macroF1, perClass, confusions };
}
