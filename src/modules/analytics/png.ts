// Small charts for e-mail, drawn into an RGBA buffer and encoded as PNG with node:zlib: no native binaries, no
// browser. Labels are left to the HTML around the image, which mail clients render in the reader's fonts.
import { deflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];

/** The CRC-32 of each byte value (the PNG specification's table). */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let crc = n;
    for (let k = 0; k < 8; k++) {
      crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
    }
    table[n] = crc >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    // A Uint32Array of 256 read at an index below 256: always a number.
    crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
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

/** A rectangle in pixels from the top left corner; fractions are rounded when it is drawn. */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export class Canvas {
  readonly data: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.data = new Uint8Array(width * height * 4);
    this.fill({ left: 0, top: 0, width, height }, background);
  }

  /** Fills the rectangle, clipped to the canvas. */
  fill(rect: Rect, [red, green, blue]: Rgb): void {
    const left = Math.max(0, Math.round(rect.left));
    const top = Math.max(0, Math.round(rect.top));
    const right = Math.min(this.width, Math.round(rect.left + rect.width));
    const bottom = Math.min(this.height, Math.round(rect.top + rect.height));
    for (let row = top; row < bottom; row++) {
      for (let column = left; column < right; column++) {
        const offset = (row * this.width + column) * 4;
        this.data[offset] = red;
        this.data[offset + 1] = green;
        this.data[offset + 2] = blue;
        this.data[offset + 3] = 255;
      }
    }
  }

  /** The colour at a pixel of the canvas. */
  pixel(column: number, row: number): Rgb {
    const [red = 0, green = 0, blue = 0] = this.data.subarray((row * this.width + column) * 4);
    return [red, green, blue];
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
export function drawBars(chart: BarChart): Canvas {
  const width = chart.width ?? 480;
  const height = chart.height ?? 120;
  const canvas = new Canvas(width, height);
  const max = Math.max(0, ...chart.values);
  const slot = width / Math.max(1, chart.values.length);
  const gap = slot > 4 ? Math.max(1, Math.floor(slot * 0.2)) : 0;
  const plot = height - 1;
  chart.values.forEach((value, index) => {
    if (max <= 0 || value <= 0) {
      return;
    }
    const bar = Math.max(1, Math.round((plot * value) / max));
    const color = chart.highlight?.index === index ? chart.highlight.color : (chart.color ?? PALETTE.blue);
    canvas.fill({ left: index * slot + gap / 2, top: plot - bar, width: slot - gap, height: bar }, color);
  });
  canvas.fill({ left: 0, top: height - 1, width, height: 1 }, PALETTE.axis);
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
  values.forEach((value, index) => {
    if (max > 0 && value > 0) {
      const bar = { left: 0, top: index * rowHeight + 3, width: Math.max(1, Math.round((width * value) / max)) };
      canvas.fill({ ...bar, height: rowHeight - 6 }, opts.color ?? PALETTE.blue);
    }
  });
  return canvas;
}
