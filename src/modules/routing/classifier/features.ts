// Owns: the hashing trick and TF-IDF weighting that turn token lists into sparse, L2-normalised
// vectors over a fixed number of buckets — no vocabulary to store, no unseen-word errors.

/** A sparse vector: parallel arrays of bucket indices and values. */
export interface SparseVector {
  buckets: Uint32Array;
  values: Float32Array;
}

/** FNV-1a over UTF-16 code units; the top bit picks a sign so collisions cancel rather than pile up. */
export function hashFeature(feature: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Bucket → signed log-scaled term frequency; repeated words count, but sub-linearly. */
export function termFrequencies(features: readonly string[], bucketMask: number): SparseVector {
  const counts = new Map<string, number>();
  for (const feature of features) {
    counts.set(feature, (counts.get(feature) ?? 0) + 1);
  }
  const byBucket = new Map<number, number>();
  for (const [feature, count] of counts) {
    const hash = hashFeature(feature);
    const bucket = hash & bucketMask;
    const sign = hash >>> 31 === 1 ? -1 : 1;
    byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + sign * (1 + Math.log(count)));
  }
  const buckets = new Uint32Array(byBucket.size);
  const values = new Float32Array(byBucket.size);
  let slot = 0;
  for (const [bucket, value] of byBucket) {
    buckets[slot] = bucket;
    values[slot] = value;
    slot++;
  }
  return { buckets, values };
}

/** Smoothed inverse document frequency, as in scikit-learn: ln((n+1)/(df+1)) + 1. */
export function inverseDocumentFrequency(documentCount: number, documentFrequency: number): number {
  return Math.log((documentCount + 1) / (documentFrequency + 1)) + 1;
}

/** Multiplies by idf and scales to unit length, in place. */
export function weighAndNormalise(vector: SparseVector, idfOf: (bucket: number) => number): SparseVector {
  const { buckets, values } = vector;
  let sumOfSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const weighted = (values[i] as number) * idfOf(buckets[i] as number);
    values[i] = weighted;
    sumOfSquares += weighted * weighted;
  }
  if (sumOfSquares > 0) {
    const scale = 1 / Math.sqrt(sumOfSquares);
    for (let i = 0; i < values.length; i++) {
      values[i] = (values[i] as number) * scale;
    }
  }
  return vector;
}
