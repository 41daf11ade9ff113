/**
 * Draws the apps' icon (a white check on LAN-blue) and writes it as the files browsers
 * and installers ask for, into shared/web/icons/: icon.svg, favicon.ico (16/32/48 px PNGs
 * inside), icon-192.png, icon-512.png, icon-maskable-512.png (full-bleed, the check inside
 * the maskable safe circle). Nothing is downloaded: PNGs are rasterised here (4×4
 * supersampling) and encoded with node:zlib. Run once when the design changes:
 *   npx tsx scripts/make-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = fileURLToPath(new URL('../shared/web/icons/', import.meta.url));
const BLUE = [0x0b, 0x4f, 0x8a] as const;
/** The check, in units of the icon's side: two strokes meeting at the bottom. */
const CHECK: Array<[number, number]> = [[0.30, 0.52], [0.44, 0.66], [0.71, 0.36]];
const STROKE = 0.09;
const RADIUS = 0.22;

function distToSegment(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function insideRoundedSquare(x: number, y: number, r: number): boolean {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return Math.hypot(x - cx, y - cy) <= r;
}

/** RGBA pixels of the icon at `size` px; `maskable` fills the whole square. */
function draw(size: number, maskable: boolean): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let white = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const u = (x + (sx + 0.5) / n) / size;
          const v = (y + (sy + 0.5) / n) / size;
          if (!maskable && !insideRoundedSquare(u, v, RADIUS)) continue;
          const d = Math.min(distToSegment(u, v, CHECK[0]!, CHECK[1]!), distToSegment(u, v, CHECK[1]!, CHECK[2]!));
          if (d <= STROKE / 2) white++;
          else bg++;
        }
      }
      const covered = bg + white;
      const i = (y * size + x) * 4;
      if (covered === 0) continue;
      // Colour of the covered part, alpha = coverage (straight, not premultiplied).
      for (let c = 0; c < 3; c++) px[i + c] = Math.round((BLUE[c]! * bg + 255 * white) / covered);
      px[i + 3] = Math.round((255 * covered) / (n * n));
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
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

function png(size: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]);
}

/** An ICO holding PNG images (read by every browser since 2007). */
function ico(images: Array<{ size: number; data: Buffer }>): Buffer {
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach((img, i) => {
    const e = 6 + 16 * i;
    head[e] = img.size >= 256 ? 0 : img.size;
    head[e + 1] = img.size >= 256 ? 0 : img.size;
    head.writeUInt16LE(1, e + 4);
    head.writeUInt16LE(32, e + 6);
    head.writeUInt32LE(img.data.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += img.data.length;
  });
  return Buffer.concat([head, ...images.map((i) => i.data)]);
}

const f = (v: number) => Number((v * 64).toFixed(2));
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="${f(RADIUS)}" fill="#0b4f8a"/>`
  + `<path d="M${CHECK.map(([x, y]) => `${f(x)} ${f(y)}`).join(' L')}" fill="none" stroke="#fff" stroke-width="${f(STROKE)}" stroke-linecap="round" stroke-linejoin="round"/></svg>\n`;

mkdirSync(OUT, { recursive: true });
writeFileSync(path.join(OUT, 'icon.svg'), svg);
writeFileSync(path.join(OUT, 'favicon.ico'), ico([16, 32, 48].map((size) => ({ size, data: png(size, draw(size, false)) }))));
for (const size of [192, 512]) writeFileSync(path.join(OUT, `icon-${size}.png`), png(size, draw(size, false)));
writeFileSync(path.join(OUT, 'icon-maskable-512.png'), png(512, draw(512, true)));
process.stdout.write(`icons written to ${OUT}\n`);
