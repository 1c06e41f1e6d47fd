// File contents on disk, addressed by their SHA-256: <root>/<sha[0..2]>/<sha[2..4]>/<sha>. An upload is
// streamed to a temp file while hashed, then renamed into place, so a reader never sees half a file and the
// same bytes are stored once however often they are uploaded.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../server/errors.ts';

/**
 * Kept in memory for sniffing. More than a PNG or PDF needs: a camera JPEG may put 64 KB of EXIF and
 * another of ICC profile before the frame header that holds its size.
 */
export const HEAD_BYTES = 256 * 1024;

/** Bytes received into a temp file, not yet in the store. */
export interface ReceivedContent {
  tempPath: string;
  sha256: string;
  size: number;
  /** The first HEAD_BYTES bytes (all of them for a small file). */
  head: Buffer;
}

export const attachmentsRoot = (dataDir: string) => path.join(dataDir, 'attachments');

export function contentPath(root: string, sha256: string): string {
  return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export function tooLarge(maxBytes: number): AppError {
  const message = `The file is larger than the ${formatBytes(maxBytes)} allowed`;
  return new AppError('payload_too_large', message, [{ path: 'file', code: 'too_large', message }]);
}

/** Streams `source` to a temp file under `root`; over `maxBytes` the temp file is removed and 413 thrown. */
export async function receive(
  root: string,
  source: Readable | AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<ReceivedContent> {
  const tempDir = path.join(root, 'tmp');
  await mkdir(tempDir, { recursive: true });
  const tempPath = path.join(tempDir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  try {
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Uint8Array>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          if (size > maxBytes) {
            throw tooLarge(maxBytes);
          }
          hash.update(chunk);
          if (headLength < HEAD_BYTES) {
            const part = Buffer.from(chunk.subarray(0, HEAD_BYTES - headLength));
            headChunks.push(part);
            headLength += part.length;
          }
          yield chunk;
        }
      },
      createWriteStream(tempPath, { flags: 'wx' }),
    );
  } catch (err) {
    await unlink(tempPath).catch(() => undefined);
    throw err;
  }
  return { tempPath, sha256: hash.digest('hex'), size, head: Buffer.concat(headChunks, headLength) };
}

/** Moves received content into the store (or drops it when those bytes are already there). */
export async function commit(root: string, content: ReceivedContent): Promise<void> {
  const target = contentPath(root, content.sha256);
  if (await exists(target)) {
    return discard(content);
  }
  await mkdir(path.dirname(target), { recursive: true });
  // rename() is atomic on one file system and replaces a file a concurrent upload of the same bytes put
  // there in the meantime with identical bytes, so the race is harmless.
  await rename(content.tempPath, target);
}

/** Removes the temp file of content that will not be stored; safe to call twice or after commit. */
export async function discard(content: ReceivedContent): Promise<void> {
  await unlink(content.tempPath).catch(() => undefined);
}

export function openContent(root: string, sha256: string): Promise<FileHandle> {
  return open(contentPath(root, sha256), 'r');
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  }
  if (bytes >= 1024) {
    return `${+(bytes / 1024).toFixed(1)} KB`;
  }
  return `${bytes} bytes`;
}
