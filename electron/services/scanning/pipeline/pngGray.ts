import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';

const deflateAsync = promisify(deflate);

/** An 8-bit gray raster, row-major, one byte per pixel. */
export type GrayRaster = { data: Uint8Array; width: number; height: number };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const chunk = (type: string, data: Uint8Array): Buffer => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.byteLength, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
};

export type GrayBits = 1 | 2 | 4 | 8;

/** A tone curve applied while quantising (levels): input gray → output gray, both 0..255. */
export type ToneCurve = (v: number) => number;

/** Rounded quantisation table (0..255 → 0..2^bits−1) through `tone`, so paper noise near white rounds to white. */
const quantiser = (bits: GrayBits, tone: ToneCurve): Uint8Array => {
  const top = (1 << bits) - 1;
  return Uint8Array.from({ length: 256 }, (_, v) => Math.round((Math.max(0, Math.min(255, tone(v))) * top) / 255));
};

/**
 * Encodes a gray raster as a grayscale PNG of `bits` per pixel (filter "none" on every row), the
 * tone curve folded into the quantisation table (one pass over the pixels for both).
 * Written by hand because this exact byte layout is also a valid PDF image stream (FlateDecode
 * with PNG predictors), so the attachment PDF embeds the stored page without decoding or
 * re-compressing it. Deflate runs on libuv's thread pool, so pages of a stack compress in parallel.
 */
export async function encodePngGray(r: GrayRaster, bits: GrayBits, tone: ToneCurve = (v) => v): Promise<Buffer> {
  const lut = quantiser(bits, tone);
  const perByte = 8 / bits;
  const rowBytes = Math.ceil(r.width / perByte);
  const raw = Buffer.alloc((rowBytes + 1) * r.height); // byte 0 of each row: filter type 0
  for (let y = 0; y < r.height; y++) {
    const src = y * r.width;
    const dst = y * (rowBytes + 1) + 1;
    if (bits === 8) {
      for (let x = 0; x < r.width; x++) raw[dst + x] = lut[r.data[src + x]!]!;
      continue;
    }
    // Whole bytes first (the hot loop: ~4 M pixels a page, unrolled for the usual depths), then
    // the row's last partial byte.
    const whole = Math.floor(r.width / perByte);
    const d = r.data;
    if (bits === 2) {
      for (let i = 0, x = src; i < whole; i++, x += 4) raw[dst + i] = (lut[d[x]!]! << 6) | (lut[d[x + 1]!]! << 4) | (lut[d[x + 2]!]! << 2) | lut[d[x + 3]!]!;
    } else if (bits === 4) {
      for (let i = 0, x = src; i < whole; i++, x += 2) raw[dst + i] = (lut[d[x]!]! << 4) | lut[d[x + 1]!]!;
    } else {
      for (let i = 0, x = src; i < whole; i++) {
        let byte = 0;
        for (let k = 0; k < perByte; k++, x++) byte = (byte << bits) | lut[d[x]!]!;
        raw[dst + i] = byte;
      }
    }
    for (let x = whole * perByte; x < r.width; x++) {
      raw[dst + whole]! |= lut[r.data[src + x]!]! << (8 - bits * (1 + (x % perByte)));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(r.width, 0);
  ihdr.writeUInt32BE(r.height, 4);
  ihdr[8] = bits;
  ihdr[9] = 0; // colour type: grayscale
  const idat = await deflateAsync(raw, { level: 6 });
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

export type PngStream = { width: number; height: number; bitDepth: number; colorType: number; idat: Buffer };

/** The header and the concatenated IDAT data of a PNG (what a PDF image stream needs). */
export function readPngStream(png: Uint8Array): PngStream {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  let off = 8;
  let head: Omit<PngStream, 'idat'> | null = null;
  const parts: Buffer[] = [];
  while (off + 8 <= buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') head = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8]!, colorType: data[9]! };
    else if (type === 'IDAT') parts.push(data);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  if (!head) throw new Error('PNG without IHDR');
  return { ...head, idat: Buffer.concat(parts) };
}
