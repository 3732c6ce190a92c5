import jsQR from 'jsqr';
import { PAPER_LEVELS_LUT } from './levels';
import type { GrayRaster } from './pngGray';

export type QrHit = {
  text: string;
  /**
   * How far the page content is turned clockwise, in degrees (−180, 180]: 0 upright, 90 when the
   * sheet went in turned a quarter to the right, 180 upside down; the remainder is skew.
   */
  angle: number;
};

/** jsQR wants RGBA; gray → opaque gray pixels (little-endian words: 0xAABBGGRR). */
function toRgba(r: GrayRaster): Uint8ClampedArray {
  const out = new Uint8ClampedArray(r.width * r.height * 4);
  const words = new Uint32Array(out.buffer);
  for (let i = 0; i < r.data.length; i++) {
    const v = r.data[i]!;
    words[i] = 0xff000000 | (v << 16) | (v << 8) | v;
  }
  return out;
}

function decode(r: GrayRaster): QrHit | null {
  const found = jsQR(toRgba(r), r.width, r.height, { inversionAttempts: 'dontInvert' });
  if (!found || !found.data) return null;
  const { topLeftCorner: a, topRightCorner: b } = found.location;
  const angle = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
  return { text: found.data, angle: angle <= -180 ? angle + 360 : angle };
}

/**
 * A square of the raster through the paper levels (noise gone, modules crisp: jsQR finds them in a
 * few ms instead of hundreds), optionally halved by averaging 2×2 blocks (a quarter of the pixels).
 */
function crop(r: GrayRaster, x0: number, y0: number, side: number, half: boolean): GrayRaster {
  const s = half ? side >> 1 : side;
  const data = new Uint8Array(s * s);
  const lut = PAPER_LEVELS_LUT;
  for (let y = 0; y < s; y++) {
    if (!half) {
      const row = (y0 + y) * r.width + x0;
      for (let x = 0; x < s; x++) data[y * s + x] = lut[r.data[row + x]!]!;
      continue;
    }
    const a = (y0 + 2 * y) * r.width + x0;
    const b = a + r.width;
    for (let x = 0; x < s; x++) {
      const i = 2 * x;
      data[y * s + x] = lut[(r.data[a + i]! + r.data[a + i + 1]! + r.data[b + i]! + r.data[b + i + 1]! + 2) >> 2]!;
    }
  }
  return { data, width: s, height: s };
}

/** Share of dark pixels in a rectangle, sampled every `step` pixels each way. */
export function inkShare(r: GrayRaster, x0: number, y0: number, w: number, h: number, step = 4): number {
  let dark = 0;
  let n = 0;
  for (let y = y0; y < y0 + h; y += step) {
    const row = y * r.width;
    for (let x = x0; x < x0 + w; x += step, n++) if (r.data[row + x]! < 128) dark++;
  }
  return n ? dark / n : 0;
}

/** Our code is 18 mm wide and sits within 16% of the short side from its corner (quiet zone included). */
const CORNER_SHARE = 0.24;
/** At this density a halved crop still has ≥ 2.5 px per module, enough for jsQR on a clean print. */
const HALF_RES_MIN_DPI = 180;

/**
 * Finds the form's QR code and reads which way up the page is. Our forms print it in the top-right
 * corner, so whichever way up the sheet went through the feeder, it is in one of the four corners:
 * those are tried first, the inkiest first (the code is by far the densest spot in any corner),
 * at half resolution when the density allows, then at full. Only a page with no code in any corner
 * (a foreign page, a continuation sheet) pays for a whole-page pass.
 */
export function detectQr(r: GrayRaster, dpi: number): QrHit | null {
  const side = Math.min(r.width, r.height, Math.round(CORNER_SHARE * Math.min(r.width, r.height)));
  const corners = (
    [
      [r.width - side, 0],
      [0, r.height - side],
      [r.width - side, r.height - side],
      [0, 0],
    ] as const
  )
    .map(([x, y]) => ({ x, y, ink: inkShare(r, x, y, side, side) }))
    .sort((a, b) => b.ink - a.ink);
  const passes = dpi >= HALF_RES_MIN_DPI ? [true, false] : [false];
  for (const { x, y } of corners) {
    for (const half of passes) {
      const hit = decode(crop(r, x, y, side, half));
      if (hit) return hit;
    }
  }
  return decode(r.width > 1200 || r.height > 1200 ? halveWhole(r) : r);
}

/** The whole page halved (not just a square): the last resort for a code somewhere unexpected. */
function halveWhole(r: GrayRaster): GrayRaster {
  const width = r.width >> 1;
  const height = r.height >> 1;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const a = 2 * y * r.width;
    const b = a + r.width;
    for (let x = 0; x < width; x++) {
      const i = 2 * x;
      data[y * width + x] = PAPER_LEVELS_LUT[(r.data[a + i]! + r.data[a + i + 1]! + r.data[b + i]! + r.data[b + i + 1]! + 2) >> 2]!;
    }
  }
  return { data, width, height };
}
