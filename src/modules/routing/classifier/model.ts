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

/** The examples as TF-IDF vectors over `bucketCount` buckets, with the idf of each bucket and of an unseen one. */
function vectorize(
  examples: readonly Example[],
  bucketCount: number,
): { vectors: SparseVector[]; idf: Float32Array; unseenIdf: number } {
  const tokenizer = createTokenizer();
  const documentFrequency = new Uint32Array(bucketCount);
  const vectors: SparseVector[] = examples.map((example) => {
    const vector = termFrequencies(tokenizer(example.text), bucketCount - 1);
    for (const bucket of vector.buckets) {
      documentFrequency[bucket] = (documentFrequency[bucket] ?? 0) + 1;
    }
    return vector;
  });
  const unseenIdf = inverseDocumentFrequency(examples.length, 0);
  const idf = new Float32Array(bucketCount);
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    idf[bucket] = inverseDocumentFrequency(examples.length, documentFrequency[bucket] as number);
  }
  for (const vector of vectors) {
    weighAndNormalise(vector, (bucket) => idf[bucket] as number);
  }
  return { vectors, idf, unseenIdf };
}

export function train(examples: readonly Example[], options: TrainOptions = {}): Model {
  const { bucketBits, epochs, learningRate, seed } = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  if (examples.length === 0) {
    throw new Error('classifier: cannot train on no examples');
  }
  const bucketCount = 2 ** bucketBits;
  const labels = [...new Set(examples.map((example) => example.label))].sort();
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const labelCount = labels.length;

  const { vectors, idf, unseenIdf } = vectorize(examples, bucketCount);
  const exampleCount = examples.length;
  const targets = examples.map((example) => labelIndex.get(example.label) as number);

  // Averaged SGD (Daumé's trick): `sum*` accumulates step-weighted updates so that the mean of
  // all iterates is weights - sum/steps, without touching every weight on every step.
  const weights = new Float64Array(bucketCount * labelCount);
  const sumWeights = new Float64Array(bucketCount * labelCount);
  const bias = new Float64Array(labelCount);
  const sumBias = new Float64Array(labelCount);
  const scores = new Float64Array(labelCount);
  const layer: Layer = { weights, bias, labelCount };
  const random = seededRandom(seed);
  const order = Array.from({ length: exampleCount }, (_, i) => i);
  let step = 1;

  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    const rate = learningRate / (1 + epoch);
    for (const doc of order) {
      const vector = vectors[doc] as SparseVector;
      const { buckets, values } = vector;
      linearScores(vector, layer, scores);
      softmaxInPlace(scores);
      scores[targets[doc] as number] = (scores[targets[doc] as number] as number) - 1;
      for (let c = 0; c < labelCount; c++) {
        const gradient = scores[c] as number;
        if (gradient > -1e-6 && gradient < 1e-6) {
          continue;
        }
        const delta = rate * gradient;
        bias[c] = (bias[c] as number) - delta;
        sumBias[c] = (sumBias[c] as number) - step * delta;
        for (let i = 0; i < buckets.length; i++) {
          const at = (buckets[i] as number) * labelCount + c;
          const update = delta * (values[i] as number);
          weights[at] = (weights[at] as number) - update;
          sumWeights[at] = (sumWeights[at] as number) - step * update;
        }
      }
      step++;
    }
  }

  const averaged = new Float32Array(bucketCount * labelCount);
  for (let i = 0; i < averaged.length; i++) {
    averaged[i] = (weights[i] as number) - (sumWeights[i] as number) / step;
  }
  const averagedBias = new Float32Array(labelCount);
  for (let c = 0; c < labelCount; c++) {
    averagedBias[c] = (bias[c] as number) - (sumBias[c] as number) / step;
  }
  return { labels, bucketBits, weights: averaged, bias: averagedBias, idf, unseenIdf };
}

export function predict(model: Model, text: string): Prediction {
  const labelCount = model.labels.length;
  const vector = termFrequencies(tokenize(text), 2 ** model.bucketBits - 1);
  weighAndNormalise(vector, (bucket) => model.idf[bucket] ?? model.unseenIdf);
  const scores = new Float64Array(labelCount);
  linearScores(vector, { weights: model.weights, bias: model.bias, labelCount }, scores);
  softmaxInPlace(scores);
  const ranking = model.labels
    .map((label, i) => ({ label, score: scores[i] as number }))
    .sort((a, b) => b.score - a.score || (a.label < b.label ? -1 : 1));
  const best = ranking[0] as { label: string; score: number };
  return { label: best.label, confidence: best.score, ranking };
}

/** The weights of a linear layer: one row of labelCount weights per bucket, and one bias per label. */
interface Layer {
  weights: Float32Array | Float64Array;
  bias: Float32Array | Float64Array;
  labelCount: number;
}

/** Each label's score of a vector: bias + Σ value × weight, into `out` (no allocation on the hot path). */
function linearScores(
  { buckets, values }: SparseVector,
  { weights, bias, labelCount }: Layer,
  out: Float64Array,
): void {
  for (let c = 0; c < labelCount; c++) {
    out[c] = bias[c] as number;
  }
  for (let i = 0; i < buckets.length; i++) {
    const base = (buckets[i] as number) * labelCount;
    const value = values[i] as number;
    for (let c = 0; c < labelCount; c++) {
      out[c] = (out[c] as number) + value * (weights[base + c] as number);
    }
  }
}

function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const score of scores) {
    if (score > max) {
      max = score;
    }
  }
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const exponent = Math.exp((scores[c] as number) - max);
    scores[c] = exponent;
    sum += exponent;
  }
  for (let c = 0; c < scores.length; c++) {
    scores[c] = (scores[c] as number) / sum;
  }
}
