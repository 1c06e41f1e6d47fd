// Owns: the storage form of a trained classifier. Only buckets that carry information are written
// (a few per cent of 2^18), so a model of an organisation's appeals stays in the hundreds of KB.
// Layout (little-endian): "OTKC", u32 version, u32 header length, JSON header, zero padding to 4,
// u32[used] buckets, f32[used] idf, f32[used * labels] weights, f32[labels] bias.
import type { Model } from './model.ts';

const MAGIC = 'OTKC';
const FORMAT_VERSION = 1;

interface Header {
  labels: string[];
  bucketBits: number;
  unseenIdf: number;
  used: number;
}

export function serialize(model: Model): Buffer {
  const labelCount = model.labels.length;
  const used: number[] = [];
  const unseen = Math.fround(model.unseenIdf);
  for (let bucket = 0; bucket < model.idf.length; bucket++) {
    let informative = model.idf[bucket] !== unseen;
    for (let c = 0; c < labelCount && !informative; c++) {
      informative = model.weights[bucket * labelCount + c] !== 0;
    }
    if (informative) {
      used.push(bucket);
    }
  }
  const header: Header = {
    labels: model.labels,
    bucketBits: model.bucketBits,
    unseenIdf: model.unseenIdf,
    used: used.length,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = 12 + headerBytes.length;
  const padded = Math.ceil(prefix / 4) * 4;

  const buckets = Uint32Array.from(used);
  const idf = Float32Array.from(used, (bucket) => model.idf[bucket] as number);
  const weights = new Float32Array(used.length * labelCount);
  used.forEach((bucket, i) =>
    weights.set(model.weights.subarray(bucket * labelCount, bucket * labelCount + labelCount), i * labelCount),
  );

  const out = Buffer.alloc(padded + 4 * (used.length * 2 + weights.length + labelCount));
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(FORMAT_VERSION, 4);
  out.writeUInt32LE(headerBytes.length, 8);
  headerBytes.copy(out, 12);
  let offset = padded;
  for (const array of [buckets, idf, weights, model.bias]) {
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(out, offset);
    offset += array.byteLength;
  }
  return out;
}

export function deserialize(data: Uint8Array): Model {
  const input = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (input.length < 12 || input.toString('latin1', 0, 4) !== MAGIC) {
    throw new Error('classifier: not a serialized model');
  }
  const version = input.readUInt32LE(4);
  if (version !== FORMAT_VERSION) {
    throw new Error(`classifier: unsupported model format ${version}`);
  }
  const headerLength = input.readUInt32LE(8);
  const header = JSON.parse(input.toString('utf8', 12, 12 + headerLength)) as Header;
  const labelCount = header.labels.length;
  let offset = Math.ceil((12 + headerLength) / 4) * 4;
  // slice() copies, which also realigns the typed arrays whatever the source buffer's offset.
  const take = (count: number): ArrayBuffer => {
    const bytes = input.buffer.slice(input.byteOffset + offset, input.byteOffset + offset + count * 4) as ArrayBuffer;
    if (bytes.byteLength !== count * 4) {
      throw new Error('classifier: truncated model');
    }
    offset += count * 4;
    return bytes;
  };
  const buckets = new Uint32Array(take(header.used));
  const usedIdf = new Float32Array(take(header.used));
  const usedWeights = new Float32Array(take(header.used * labelCount));
  const bias = new Float32Array(take(labelCount));

  const bucketCount = 2 ** header.bucketBits;
  const idf = new Float32Array(bucketCount).fill(header.unseenIdf);
  const weights = new Float32Array(bucketCount * labelCount);
  buckets.forEach((bucket, slot) => {
    idf[bucket] = usedIdf[slot] as number;
    weights.set(usedWeights.subarray(slot * labelCount, slot * labelCount + labelCount), bucket * labelCount);
  });
  return { labels: header.labels, bucketBits: header.bucketBits, weights, bias, idf, unseenIdf: header.unseenIdf };
}
