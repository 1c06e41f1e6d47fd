import { describe, expect, it } from 'vitest';
import { DOCX, OCTET_STREAM, PPTX, sniff, XLSX, zipEntryNames } from './sniff.ts';

// Builders for the smallest headers each format needs; the sniffer never reads past them.
const bytes = (...parts: (number[] | string | Uint8Array)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : [...p])));
const be16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le24 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

function png(width: number, height: number): Uint8Array {
  return bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    be32(13),
    'IHDR',
    be32(width),
    be32(height),
    [8, 6, 0, 0, 0],
  );
}

const segment = (marker: number, payload: number[]) => [0xff, marker, ...be16(payload.length + 2), ...payload];

function jpeg(width: number, height: number, opts: { sof?: number; before?: number[][] } = {}): Uint8Array {
  const sof = segment(opts.sof ?? 0xc0, [8, ...be16(height), ...be16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return bytes(
    [0xff, 0xd8],
    ...(opts.before ?? [segment(0xe0, [...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0])]),
    sof,
    segment(0xda, [1, 1, 0, 0, 0x3f, 0]),
  );
}

const gif = (version: string, width: number, height: number) => bytes(version, le16(width), le16(height), [0xf7, 0, 0]);

function riff(chunk: string, data: number[]): Uint8Array {
  return bytes('RIFF', le32(4 + 8 + data.length), 'WEBP', chunk, le32(data.length), data);
}
const webpLossy = (w: number, h: number) =>
  riff('VP8 ', [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...le16(w), ...le16(h), 0, 0]);
const webpLossless = (w: number, h: number) =>
  riff('VP8L', [0x2f, ...le32(((w - 1) & 0x3fff) | (((h - 1) & 0x3fff) << 14)), 0]);
const webpExtended = (w: number, h: number) => riff('VP8X', [0x10, 0, 0, 0, ...le24(w - 1), ...le24(h - 1)]);

function zip(names: string[], opts: { descriptor?: boolean } = {}): Uint8Array {
  return bytes(
    ...names.flatMap((name) => {
      const body = Buffer.from(`contents of ${name}`);
      const size = opts.descriptor ? 0 : body.length;
      const header = bytes(
        [0x50, 0x4b, 0x03, 0x04],
        le16(20),
        le16(opts.descriptor ? 8 : 0),
        le16(0),
        le32(0),
        le32(0),
        le32(size),
        le32(size),
        le16(name.length),
        le16(0),
        name,
      );
      return [header, body];
    }),
  );
}

const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('sniff: images and their size', () => {
  it.each([
    ['PNG', png(1024, 768), 'image/png', 1024, 768],
    ['a large PNG', png(20_000, 15_000), 'image/png', 20_000, 15_000],
    ['baseline JPEG (SOF0)', jpeg(800, 600), 'image/jpeg', 800, 600],
    ['progressive JPEG (SOF2)', jpeg(1920, 1080, { sof: 0xc2 }), 'image/jpeg', 1920, 1080],
    [
      'JPEG with EXIF and DQT/DHT before the frame',
      jpeg(4032, 3024, {
        before: [
          segment(0xe1, [...Buffer.from('Exif\0\0'), ...new Array(3000).fill(0)]),
          segment(0xdb, new Array(65).fill(1)),
          segment(0xc4, new Array(30).fill(0)),
        ],
      }),
      'image/jpeg',
      4032,
      3024,
    ],
    [
      'JPEG with fill bytes before a marker',
      bytes([0xff, 0xd8, 0xff, 0xff, 0xff], segment(0xc0, [8, ...be16(10), ...be16(20), 1, 1, 0x11, 0]).slice(1)),
      'image/jpeg',
      20,
      10,
    ],
    ['GIF87a', gif('GIF87a', 320, 200), 'image/gif', 320, 200],
    ['GIF89a', gif('GIF89a', 1, 65535), 'image/gif', 1, 65535],
    ['lossy WebP (VP8)', webpLossy(1280, 720), 'image/webp', 1280, 720],
    ['lossless WebP (VP8L)', webpLossless(16383, 2), 'image/webp', 16383, 2],
    ['extended WebP (VP8X)', webpExtended(5000, 3000), 'image/webp', 5000, 3000],
  ])('reads %s', (_name, head, contentType, ...size) => {
    const [width, height] = size;
    expect(sniff(head)).toEqual({ contentType, width, height });
  });

  it.each([
    ['a PNG cut before IHDR', png(10, 10).slice(0, 12), 'image/png'],
    ['a PNG claiming 0×0', png(0, 0), 'image/png'],
    ['a JPEG whose scan starts before any frame', bytes([0xff, 0xd8], segment(0xda, [0, 0])), 'image/jpeg'],
    [
      'a JPEG cut inside its EXIF segment',
      jpeg(800, 600, { before: [segment(0xe1, new Array(500).fill(0))] }).slice(0, 100),
      'image/jpeg',
    ],
    [
      'a JPEG with garbage where a marker belongs',
      bytes([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0x12, 0x34]),
      'image/jpeg',
    ],
    ['a WebP with an unknown first chunk', riff('ABCD', [1, 2, 3, 4]), 'image/webp'],
    ['a lossy WebP without its start code', riff('VP8 ', [0, 0, 0, 1, 2, 3, 0, 0, 0, 0]), 'image/webp'],
  ])('knows the type but not the size of %s', (_name, head, contentType) => {
    expect(sniff(head)).toEqual({ contentType, width: null, height: null });
  });
});

describe('sniff: documents', () => {
  it.each([
    ['PDF', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj'), 'application/pdf'],
    ['Word document', zip(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']), DOCX],
    [
      'Word document written with data descriptors',
      zip(['[Content_Types].xml', 'word/document.xml'], { descriptor: true }),
      DOCX,
    ],
    ['Excel workbook', zip(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml']), XLSX],
    ['PowerPoint deck', zip(['[Content_Types].xml', 'ppt/presentation.xml']), PPTX],
    ['Office package of unknown kind', zip(['[Content_Types].xml']), 'application/zip'],
    ['plain ZIP', zip(['photos/1.jpg', 'readme.txt']), 'application/zip'],
    ['ZIP cut inside its first name', zip(['word/document.xml']).slice(0, 35), 'application/zip'],
    ['ASCII text', text('Receipt no. 42, paid in cash.\r\n'), 'text/plain'],
    ['Russian text', text('Покупатель жалуется на долгое обслуживание.'), 'text/plain'],
    ['Kazakh text with BOM', text('\ufeffСатып алушы қызмет көрсетуге риза.'), 'text/plain'],
    ['emoji text', text('Спасибо 👍'), 'text/plain'],
    ['text with a NUL byte', bytes('abc', [0], 'def'), OCTET_STREAM],
    ['UTF-16 text (NULs between letters)', new Uint8Array(Buffer.from('hello', 'utf16le')), OCTET_STREAM],
    ['Windows-1251 text (invalid UTF-8)', bytes([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), OCTET_STREAM],
    ['random binary', bytes([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0xff, 0xfe]), OCTET_STREAM],
    ['an empty file', new Uint8Array(0), OCTET_STREAM],
  ])('recognises %s', (_name, head, contentType) => {
    expect(sniff(head)).toEqual({ contentType, width: null, height: null });
  });

  it('does not call text binary when the prefix cuts a character in half', () => {
    const cut = text('Жалоба').slice(0, 5); // 'Ж', 'а' and the first byte of 'л'
    expect(sniff(cut, false).contentType).toBe('text/plain');
    expect(sniff(cut, true).contentType).toBe(OCTET_STREAM);
  });

  it('ignores a declared extension: a PNG named like a PDF is still a PNG', () => {
    expect(sniff(png(2, 2)).contentType).toBe('image/png');
  });

  it('does not mistake "GIF8" text for a GIF', () => {
    expect(sniff(text('GIF8 is not a gif')).contentType).toBe('text/plain');
  });
});

describe('zipEntryNames', () => {
  it('lists names in archive order and stops at the limit', () => {
    expect(zipEntryNames(zip(['a', 'b', 'c']))).toEqual(['a', 'b', 'c']);
    expect(zipEntryNames(zip(['a', 'b', 'c']), 2)).toEqual(['a', 'b']);
  });
});
