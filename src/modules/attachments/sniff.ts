// What a file really is, read from its first bytes: the client's declared type is never trusted, because
// what we serve back with that type is rendered by a browser. Pure: bytes in, type and image size out.

export interface Sniffed {
  contentType: string;
  width: number | null;
  height: number | null;
}

export const OCTET_STREAM = 'application/octet-stream';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

/**
 * @param head the first bytes of the file (all of it when `complete`)
 * @param complete false when `head` is a prefix, so a multi-byte character cut at its end is not "binary"
 */
export function sniff(head: Uint8Array, complete = true): Sniffed {
  const image = sniffImage(head);
  if (image) {
    return image;
  }
  return { contentType: sniffDocument(head, complete), width: null, height: null };
}

function sniffImage(bytes: Uint8Array): Sniffed | null {
  if (startsWith(bytes, PNG_SIGNATURE)) {
    return withSize('image/png', pngSize(bytes));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return withSize('image/jpeg', jpegSize(bytes));
  }
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') {
    return withSize('image/gif', [u16le(bytes, 6), u16le(bytes, 8)]);
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    return withSize('image/webp', webpSize(bytes));
  }
  return null;
}

function sniffDocument(bytes: Uint8Array, complete: boolean): string {
  if (bytes.length === 0) {
    return OCTET_STREAM;
  }
  if (ascii(bytes, 0, 5) === '%PDF-') {
    return 'application/pdf';
  }
  if (startsWith(bytes, ZIP_LOCAL_HEADER)) {
    return officeType(zipEntryNames(bytes)) ?? 'application/zip';
  }
  if (isUtf8Text(bytes, complete)) {
    return 'text/plain';
  }
  return OCTET_STREAM;
}

type Size = [number | null, number | null] | null;

function withSize(contentType: string, size: Size): Sniffed {
  const [width, height] = size ?? [null, null];
  // A zero or unreadable dimension is a broken header: say "unknown" rather than report a 0×0 image.
  return width && height ? { contentType, width, height } : { contentType, width: null, height: null };
}

function pngSize(bytes: Uint8Array): Size {
  // The IHDR chunk must come first: length(4) "IHDR"(4) width(4) height(4), big-endian.
  if (ascii(bytes, 12, 4) !== 'IHDR') {
    return null;
  }
  return [u32be(bytes, 16), u32be(bytes, 20)];
}

/** Walks the marker segments up to the first start-of-frame; its header holds the frame size. */
function jpegSize(bytes: Uint8Array): Size {
  let at = 2;
  while (at + 1 < bytes.length) {
    if (bytes[at] !== 0xff) {
      return null;
    }
    let marker = byteAt(bytes, at + 1);
    // Any number of 0xFF fill bytes may precede a marker.
    while (marker === 0xff && at + 2 < bytes.length) {
      marker = byteAt(bytes, ++at + 1);
    }
    at += 2;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      continue;
    } // stand-alone markers: no length
    if (marker === 0xd9 || marker === 0xda) {
      return null;
    } // end of image or scan data before any frame
    const length = u16be(bytes, at);
    if (length === null || length < 2) {
      return null;
    }
    if (isStartOfFrame(marker)) {
      return [u16be(bytes, at + 5), u16be(bytes, at + 3)];
    }
    at += length;
  }
  return null;
}

function isStartOfFrame(marker: number): boolean {
  // C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding) share the range but are not frames.
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function webpSize(bytes: Uint8Array): Size {
  const chunk = ascii(bytes, 12, 4);
  const data = 20;
  if (chunk === 'VP8 ') {
    // Lossy: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height (2 bits of scale above).
    if (bytes[data + 3] !== 0x9d || bytes[data + 4] !== 0x01 || bytes[data + 5] !== 0x2a) {
      return null;
    }
    const width = u16le(bytes, data + 6);
    const height = u16le(bytes, data + 8);
    return width === null || height === null ? null : [width & 0x3fff, height & 0x3fff];
  }
  if (chunk === 'VP8L') {
    // Lossless: signature 0x2F, then width−1 and height−1 as two 14-bit fields, little-endian bit order.
    if (bytes[data] !== 0x2f) {
      return null;
    }
    const bits = u32le(bytes, data + 1);
    return bits === null ? null : [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
  }
  if (chunk === 'VP8X') {
    // Extended: flags(1) reserved(3), then canvas width−1 and height−1 as 24-bit little-endian.
    const width = u24le(bytes, data + 4);
    const height = u24le(bytes, data + 7);
    return width === null || height === null ? null : [width + 1, height + 1];
  }
  return null;
}

/**
 * Names from the local file headers found in the prefix. Scanning for the signature rather than hopping
 * by compressed size also works for archives written with data descriptors (sizes after the data).
 */
export function zipEntryNames(bytes: Uint8Array, max = 64): string[] {
  const names: string[] = [];
  for (let at = 0; at + 30 <= bytes.length && names.length < max; at++) {
    if (!startsWith(bytes, ZIP_LOCAL_HEADER, at)) {
      continue;
    }
    const nameLength = u16le(bytes, at + 26) ?? 0;
    if (at + 30 + nameLength > bytes.length) {
      break;
    }
    names.push(latin1(bytes, at + 30, nameLength));
    at += 29 + nameLength;
  }
  return names;
}

function officeType(names: string[]): string | null {
  if (names.some((n) => n.startsWith('word/'))) {
    return DOCX;
  }
  if (names.some((n) => n.startsWith('xl/'))) {
    return XLSX;
  }
  if (names.some((n) => n.startsWith('ppt/'))) {
    return PPTX;
  }
  // [Content_Types].xml alone says "Office Open XML" but not which kind; a plain archive is the honest answer.
  return null;
}

function isUtf8Text(bytes: Uint8Array, complete: boolean): boolean {
  if (bytes.includes(0)) {
    return false;
  }
  try {
    // stream: true holds back a character cut at the end of a prefix instead of calling it invalid.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  return prefix.every((byte, i) => bytes[at + i] === byte);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return at + length <= bytes.length ? latin1(bytes, at, length) : '';
}

function latin1(bytes: Uint8Array, at: number, length: number): string {
  let text = '';
  for (let i = at; i < at + length && i < bytes.length; i++) {
    text += String.fromCharCode(byteAt(bytes, i));
  }
  return text;
}

function u16be(bytes: Uint8Array, at: number): number | null {
  return at + 2 <= bytes.length ? (byteAt(bytes, at) << 8) | byteAt(bytes, at + 1) : null;
}

function u16le(bytes: Uint8Array, at: number): number | null {
  return at + 2 <= bytes.length ? byteAt(bytes, at) | (byteAt(bytes, at + 1) << 8) : null;
}

function u24le(bytes: Uint8Array, at: number): number | null {
  return at + 3 <= bytes.length
    ? byteAt(bytes, at) | (byteAt(bytes, at + 1) << 8) | (byteAt(bytes, at + 2) << 16)
    : null;
}

function u32le(bytes: Uint8Array, at: number): number | null {
  return at + 4 <= bytes.length
    ? (byteAt(bytes, at) |
        (byteAt(bytes, at + 1) << 8) |
        (byteAt(bytes, at + 2) << 16) |
        (byteAt(bytes, at + 3) << 24)) >>>
        0
    : null;
}

function u32be(bytes: Uint8Array, at: number): number | null {
  return at + 4 <= bytes.length
    ? ((byteAt(bytes, at) << 24) |
        (byteAt(bytes, at + 1) << 16) |
        (byteAt(bytes, at + 2) << 8) |
        byteAt(bytes, at + 3)) >>>
        0
    : null;
}

/** The byte at an index the caller has checked is inside the buffer. */
function byteAt(bytes: Uint8Array, index: number): number {
  return bytes[index] ?? 0;
}
