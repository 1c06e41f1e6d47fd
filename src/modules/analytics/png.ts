// Small charts for e-mail, drawn into an RGBA buffer and encoded as PNG with node:zlib: no native binaries, no
// browser. Labels are left to the HTML around the image, which mail clients render in the reader's fonts.
import { deflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** PNG of a width × height RGBA image (8 bits per channel, rows top to bottom). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) {
    throw new RangeError('rgba must hold width × height × 4 bytes');
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export class Canvas {
  readonly data: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.data = new Uint8Array(width * height * 4);
    this.fill(0, 0, width, height, background);
  }

  /** Fills the rectangle [x, x + w) × [y, y + h), clipped to the canvas. */
  fill(x: number, y: number, w: number, h: number, [r, g, b]: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++) {
      for (let xx = x0; xx < x1; xx++) {
        const i = (yy * this.width + xx) * 4;
        this.data[i] = r;
        this.data[i + 1] = g;
        this.data[i + 2] = b;
        this.data[i + 3] = 255;
      }
    }
  }

  pixel(x: number, y: number): Rgb {
    const i = (y * this.width + x) * 4;
    return [this.data[i]!, this.data[i + 1]!, this.data[i + 2]!];
  }

  png(): Buffer {
    return encodePng(this.width, this.height, this.data);
  }
}

export interface BarChart {
  values: readonly number[];
  width?: number;
  height?: number;
  color?: Rgb;
  /** Drawn in this colour instead: e.g. the report's own day among the days before it. */
  highlight?: { index: number; color: Rgb };
}

export const PALETTE = {
  blue: [34, 139, 230] as Rgb,
  grey: [173, 181, 189] as Rgb,
  orange: [253, 126, 20] as Rgb,
  axis: [134, 142, 150] as Rgb,
};

/** Vertical bars scaled to the largest value, on a baseline; zero values leave an empty slot. */
export function drawBars(c: BarChart): Canvas {
  const width = c.width ?? 480;
  const height = c.height ?? 120;
  const canvas = new Canvas(width, height);
  const n = Math.max(1, c.values.length);
  const max = Math.max(0, ...c.values);
  const slot = width / n;
  const gap = slot > 4 ? Math.max(1, Math.floor(slot * 0.2)) : 0;
  const plot = height - 1;
  c.values.forEach((v, i) => {
    if (max <= 0 || v <= 0) {
      return;
    }
    const h = Math.max(1, Math.round((plot * v) / max));
    canvas.fill(
      i * slot + gap / 2,
      plot - h,
      slot - gap,
      h,
      c.highlight?.index === i ? c.highlight.color : (c.color ?? PALETTE.blue),
    );
  });
  canvas.fill(0, height - 1, width, 1, PALETTE.axis);
  return canvas;
}

/** Horizontal bars, one per row (for ranked lists: channels, categories). */
export function drawRankBars(
  values: readonly number[],
  opts: { width?: number; rowHeight?: number; color?: Rgb } = {},
): Canvas {
  const width = opts.width ?? 240;
  const rowHeight = opts.rowHeight ?? 18;
  const canvas = new Canvas(width, Math.max(1, values.length) * rowHeight);
  const max = Math.max(0, ...values);
  values.forEach((v, i) => {
    if (max > 0 && v > 0) {
      canvas.fill(
        0,
        i * rowHeight + 3,
        Math.max(1, Math.round((width * v) / max)),
        rowHeight - 6,
        opts.color ?? PALETTE.blue,
      );
    }
  });
  return canvas;
}
