// Owns: training and applying the appeal text classifier — multinomial logistic regression over
// hashed TF-IDF features, fitted by averaged SGD. Pure and deterministic given a seed.
import { inverseDocumentFrequency, termFrequencies, weighAndNormalise } from './features.ts';
import type { SparseVector } from './features.ts';
import { seededRandom, shuffleInPlace } from './random.ts';
import { createTokenizer, tokenize } from './tokenize.ts';

export interface Example {
  text: string;
  label: string;
}

export interface TrainOptions {
  /** log2 of the number of hashed feature buckets. */
  bucketBits?: number;
  epochs?: number;
  /** Initial SGD step; it decays as 1/(1 + epoch). */
  learningRate?: number;
  seed?: number;
}

export interface Model {
  labels: string[];
  bucketBits: number;
  /** Bucket-major: weights[bucket * labels.length + label]. */
  weights: Float32Array;
  bias: Float32Array;
  /** Per-bucket idf; buckets never seen in training hold `unseenIdf`. */
  idf: Float32Array;
  unseenIdf: number;
}

export interface Prediction {
  label: string;
  /** Softmax probability of the chosen label. */
  confidence: number;
  /** Every label with its probability, most likely first. */
  ranking: { label: string; score: number }[];
}

export const DEFAULT_TRAIN_OPTIONS: Required<TrainOptions> = { bucketBits: 18, epochs: 6, learningRate: 1, seed: 1 };

export function train(examples: readonly Example[], options: TrainOptions = {}): Model {
  const { bucketBits, epochs, learningRate, seed } = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  if (examples.length === 0) {
    throw new Error('classifier: cannot train on no examples');
  }
  const bucketCount = 2 ** bucketBits;
  const mask = bucketCount - 1;
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const k = labels.length;

  const tokenizer = createTokenizer();
  const documentFrequency = new Uint32Array(bucketCount);
  const vectors: SparseVector[] = examples.map((example) => {
    const vector = termFrequencies(tokenizer(example.text), mask);
    for (const bucket of vector.buckets) {
      documentFrequency[bucket] = (documentFrequency[bucket] ?? 0) + 1;
    }
    return vector;
  });
  const n = examples.length;
  const unseenIdf = inverseDocumentFrequency(n, 0);
  const idf = new Float32Array(bucketCount);
  for (let b = 0; b < bucketCount; b++) {
    idf[b] = inverseDocumentFrequency(n, documentFrequency[b] as number);
  }
  for (const vector of vectors) {
    weighAndNormalise(vector, (bucket) => idf[bucket] as number);
  }
  const targets = examples.map((e) => labelIndex.get(e.label) as number);

  // Averaged SGD (Daumé's trick): `sum*` accumulates step-weighted updates so that the mean of
  // all iterates is weights - sum/steps, without touching every weight on every step.
  const weights = new Float64Array(bucketCount * k);
  const sumWeights = new Float64Array(bucketCount * k);
  const bias = new Float64Array(k);
  const sumBias = new Float64Array(k);
  const scores = new Float64Array(k);
  const random = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  let step = 1;

  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    const rate = learningRate / (1 + epoch);
    for (const doc of order) {
      const { buckets, values } = vectors[doc] as SparseVector;
      linearScores(buckets, values, weights, bias, k, scores);
      softmaxInPlace(scores);
      scores[targets[doc] as number] = (scores[targets[doc] as number] as number) - 1;
      for (let c = 0; c < k; c++) {
        const gradient = scores[c] as number;
        if (gradient > -1e-6 && gradient < 1e-6) {
          continue;
        }
        const delta = rate * gradient;
        bias[c] = (bias[c] as number) - delta;
        sumBias[c] = (sumBias[c] as number) - step * delta;
        for (let i = 0; i < buckets.length; i++) {
          const at = (buckets[i] as number) * k + c;
          const update = delta * (values[i] as number);
          weights[at] = (weights[at] as number) - update;
          sumWeights[at] = (sumWeights[at] as number) - step * update;
        }
      }
      step++;
    }
  }

  const averaged = new Float32Array(bucketCount * k);
  for (let i = 0; i < averaged.length; i++) {
    averaged[i] = (weights[i] as number) - (sumWeights[i] as number) / step;
  }
  const averagedBias = new Float32Array(k);
  for (let c = 0; c < k; c++) {
    averagedBias[c] = (bias[c] as number) - (sumBias[c] as number) / step;
  }
  return { labels, bucketBits, weights: averaged, bias: averagedBias, idf, unseenIdf };
}

export function predict(model: Model, text: string): Prediction {
  const k = model.labels.length;
  const vector = termFrequencies(tokenize(text), 2 ** model.bucketBits - 1);
  weighAndNormalise(vector, (bucket) => model.idf[bucket] ?? model.unseenIdf);
  const scores = new Float64Array(k);
  linearScores(vector.buckets, vector.values, model.weights, model.bias, k, scores);
  softmaxInPlace(scores);
  const ranking = model.labels
    .map((label, i) => ({ label, score: scores[i] as number }))
    .sort((a, b) => b.score - a.score || (a.label < b.label ? -1 : 1));
  const best = ranking[0] as { label: string; score: number };
  return { label: best.label, confidence: best.score, ranking };
}

function linearScores(
  buckets: Uint32Array,
  values: Float32Array,
  weights: Float32Array | Float64Array,
  bias: Float32Array | Float64Array,
  k: number,
  out: Float64Array,
): void {
  for (let c = 0; c < k; c++) {
    out[c] = bias[c] as number;
  }
  for (let i = 0; i < buckets.length; i++) {
    const base = (buckets[i] as number) * k;
    const value = values[i] as number;
    for (let c = 0; c < k; c++) {
      out[c] = (out[c] as number) + value * (weights[base + c] as number);
    }
  }
}

function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) {
    if (s > max) {
      max = s;
    }
  }
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp((scores[c] as number) - max);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c++) {
    scores[c] = (scores[c] as number) / sum;
  }
}
