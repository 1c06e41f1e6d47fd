import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commit, contentPath, discard, HEAD_BYTES, receive } from './content-store.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'otklik-store-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const chunks = (...parts: Buffer[]) => Readable.from(parts);
const files = async () =>
  (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);

describe('content store', () => {
  it('hashes while streaming, keeps only the head in memory and files the bytes under their hash', async () => {
    const data = Buffer.alloc(HEAD_BYTES + 1000, 7);
    const received = await receive(root, chunks(data.subarray(0, 1000), data.subarray(1000)), 10 * HEAD_BYTES);
    expect(received).toMatchObject({ size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    expect(received.head.length).toBe(HEAD_BYTES);
    await commit(root, received);
    expect((await readFile(contentPath(root, received.sha256))).equals(data)).toBe(true);
    expect(contentPath(root, received.sha256)).toBe(
      path.join(root, received.sha256.slice(0, 2), received.sha256.slice(2, 4), received.sha256),
    );
    expect(await files()).toEqual([received.sha256]);
  });

  it('stores the same bytes once', async () => {
    const first = await receive(root, chunks(Buffer.from('same')), 100);
    const second = await receive(root, chunks(Buffer.from('same')), 100);
    await commit(root, first);
    await commit(root, second);
    expect(await files()).toEqual([first.sha256]);
  });

  it('refuses more than the limit and leaves no temp file', async () => {
    await expect(receive(root, chunks(Buffer.alloc(60), Buffer.alloc(60)), 100)).rejects.toMatchObject({
      code: 'payload_too_large',
      fields: [{ path: 'file', code: 'too_large' }],
    });
    expect(await files()).toEqual([]);
  });

  it('discards received bytes that will not be kept', async () => {
    const received = await receive(root, chunks(Buffer.from('draft')), 100);
    await discard(received);
    await discard(received);
    expect(await files()).toEqual([]);
  });
});
