/**
 * Draws the two Teams app icons as PNGs with no image library: color.png
 * (192x192, a white document with text lines on the accent colour) and
 * outline.png (32x32, the same document as a white outline on transparent).
 * Run: node --import tsx manifests/teams/icons.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // RGBA
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0: none
    for (let x = 0; x < size; x++) row.set(pixel(x, y), 1 + x * 4);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ACCENT: Rgba = [0x1d, 0x35, 0x57, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** The document, in unit coordinates (0..1): page box and three text lines. */
const inBox = (u: number, v: number, x0: number, y0: number, x1: number, y1: number) =>
  u >= x0 && u < x1 && v >= y0 && v < y1;
const page = (u: number, v: number) => inBox(u, v, 0.28, 0.18, 0.72, 0.82);
const line = (u: number, v: number) =>
  inBox(u, v, 0.36, 0.34, 0.64, 0.39) || inBox(u, v, 0.36, 0.47, 0.64, 0.52) || inBox(u, v, 0.36, 0.6, 0.56, 0.65);

const color = png(192, (x, y) => {
  const u = (x + 0.5) / 192;
  const v = (y + 0.5) / 192;
  if (page(u, v)) return line(u, v) ? ACCENT : WHITE;
  return ACCENT;
});

// Outline: white on transparent only (Teams' rule), a 2 px page border and the lines.
const outline = png(32, (x, y) => {
  const inside = x >= 8 && x <= 23 && y >= 5 && y <= 26;
  const border = inside && (x <= 9 || x >= 22 || y <= 6 || y >= 25);
  const text = (y === 11 || y === 15 || y === 19) && x >= 12 && x <= (y === 19 ? 17 : 19);
  return border || text ? WHITE : CLEAR;
});

const dir = import.meta.dirname;
writeFileSync(path.join(dir, 'color.png'), color);
writeFileSync(path.join(dir, 'outline.png'), outline);
process.stdout.write(`wrote ${path.join(dir, 'color.png')} and outline.png\n`);
