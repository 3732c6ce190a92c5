import sharp, { type Metadata, type Sharp } from 'sharp';
import type { PageEncoding } from '../../../../shared/scanning/profiles';
import type { ScannedPage } from '../backend';
import { scanFailure } from '../failure';
import { encodePngGray, type GrayBits, type GrayRaster } from './pngGray';
import { paperLevels } from './levels';
import { detectQr, inkShare, type QrHit } from './qrDetect';

export type CleanOptions = { encoding: PageEncoding; grayBits: GrayBits; maxDpi: number; jpegQuality: number };

export type CleanedPage = {
  image: Buffer;
  encoding: PageEncoding;
  width: number;
  height: number;
  dpi: number;
  /** Degrees turned clockwise to make the page upright (0 when left as scanned). */
  rotation: number;
  qr: QrHit | null;
  blank: boolean;
  thumb: Buffer;
  /** Milliseconds spent finding the QR code (for the benchmark). */
  qrMs: number;
};

/** A4 portrait, the form's paper: used to infer the density when a file does not state it. */
const A4_LONG_SIDE_IN = 297 / 25.4;
/** Refuse absurd rasters before decoding them (A4 at 1200 dpi is ~140 MP). */
export const MAX_PAGE_PIXELS = 150_000_000;
/**
 * Under this share of dark pixels (away from the edges) a page counts as blank: scanner noise and
 * dust stay well below it; a lone signature or a bare QR cover sheet (~0.3%) stays above.
 */
const BLANK_INK_SHARE = 0.0005;
/** Deskew only what the QR measures reliably and what a feeder plausibly does. */
const DESKEW_MIN = 1;
const DESKEW_MAX = 15;
const THUMB_WIDTH = 160;
const WHITE = { r: 255, g: 255, b: 255 };

/**
 * The density a page was scanned at: the file's own figure when it is plausible for a sheet of
 * about A4 size, else inferred from the pixel size (many scanners write 72 meaning "unknown").
 */
export function effectiveDpi(width: number, height: number, declared: number | undefined): number {
  const inferred = Math.max(width, height) / A4_LONG_SIDE_IN;
  if (declared && declared >= 50 && declared <= 2400 && declared / inferred > 0.5 && declared / inferred < 2) return Math.round(declared);
  return Math.max(50, Math.round(inferred));
}

/** Rotation that makes a page upright, from the QR angle; small skews are straightened too. */
export function uprightRotation(angle: number): number {
  const quarter = Math.round(angle / 90) * 90;
  const skew = angle - quarter;
  const fix = -(quarter + (Math.abs(skew) >= DESKEW_MIN && Math.abs(skew) <= DESKEW_MAX ? skew : 0));
  return Math.round((((fix % 360) + 360) % 360) * 100) / 100;
}

function isBlank(r: GrayRaster): boolean {
  // Ignore a 4% band at the edges, where feeders leave shadows and punch holes show.
  const mx = Math.floor(r.width * 0.04);
  const my = Math.floor(r.height * 0.04);
  return inkShare(r, mx, my, r.width - 2 * mx, r.height - 2 * my, 2) < BLANK_INK_SHARE;
}

const rawOf = async (pipeline: Sharp): Promise<GrayRaster> => {
  const { data, info } = await pipeline.toColourspace('b-w').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected 1 channel, got ${info.channels}`);
  return { data, width: info.width, height: info.height };
};

const asRaw = (r: GrayRaster) => sharp(r.data, { raw: { width: r.width, height: r.height, channels: 1 } });

/** sharp's errors → the clerk's: a too-large raster or an undecodable file. */
function decodeFailure(e: unknown, name: string): Error {
  const message = (e as Error).message ?? '';
  if (/pixel limit/i.test(message)) return scanFailure('FILE_TOO_LARGE', `${name}：影像尺寸過大`);
  return scanFailure('FILE_UNREADABLE', name);
}

/** A decoded page before it is turned and encoded: enough to route it. */
export type PageAnalysis = {
  page: ScannedPage;
  /** Gray, levelled, at `dpi` (≤ maxDpi), as scanned (not yet turned). */
  work: GrayRaster;
  dpi: number;
  qr: QrHit | null;
  blank: boolean;
  qrMs: number;
  /** Width to resize the original to for the colour path. */
  workWidth: number;
};

const open = (page: ScannedPage) =>
  sharp(page.bytes, { page: page.tiffPage ?? 0, limitInputPixels: MAX_PAGE_PIXELS, failOn: 'error', sequentialRead: true }).autoOrient();

/**
 * First half of the cheap cleaning: decode once, gray, reduce to ≤ maxDpi, find the QR code and
 * tell blank pages apart. (Levels are applied when the page is encoded: jsQR binarises on its own.)
 */
export async function analyzePage(page: ScannedPage, options: CleanOptions): Promise<PageAnalysis> {
  let meta: Metadata;
  try {
    meta = await open(page).metadata();
  } catch (e) {
    throw decodeFailure(e, page.name);
  }
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) throw scanFailure('FILE_UNREADABLE', page.name);
  if (width * height > MAX_PAGE_PIXELS) throw scanFailure('FILE_TOO_LARGE', `${page.name}：影像尺寸過大`);
  const dpi = effectiveDpi(width, height, page.dpi ?? meta.density);
  const workDpi = Math.min(dpi, options.maxDpi);
  const workWidth = Math.max(1, Math.round((width * workDpi) / dpi));
  let work: GrayRaster;
  try {
    // One decode; flatten only what has alpha, resize only what is denser than needed (each is a pass).
    let p = open(page);
    if (meta.hasAlpha) p = p.flatten({ background: WHITE });
    if (workWidth !== width) p = p.resize({ width: workWidth, kernel: 'linear' });
    work = await rawOf(p);
  } catch (e) {
    throw decodeFailure(e, page.name);
  }
  // A blank sheet cannot carry a code: skip the search (duplex stacks are half blank backs).
  const blank = isBlank(work);
  const t = performance.now();
  const qr = blank ? null : detectQr(work, workDpi);
  const qrMs = performance.now() - t;
  return { page, work, dpi: workDpi, qr, blank, qrMs, workWidth };
}

/**
 * The turn a page needs: from its own QR code; a blank page stays as it is; a page without a code
 * takes the quarter turn of the page before it (a stack goes through the feeder one way up).
 */
export function chooseRotation(a: Pick<PageAnalysis, 'qr' | 'blank'>, previousRotation: number): number {
  if (a.qr) return uprightRotation(a.qr.angle);
  if (a.blank) return 0;
  return (((Math.round(previousRotation / 90) * 90) % 360) + 360) % 360;
}

/**
 * Turns a raster clockwise. A deskew grows the canvas (white corners); it is cut back to the
 * sheet's own size around the centre, so the page still prints as A4.
 */
async function turn(r: GrayRaster, rotation: number): Promise<GrayRaster> {
  // Upside down is the common case (a stack fed the wrong way): reversing the pixels is a copy.
  if (rotation === 180) return { data: new Uint8Array(r.data).reverse(), width: r.width, height: r.height };
  const turned = await rawOf(asRaw(r).rotate(rotation, { background: WHITE }));
  if (rotation % 90 === 0) return turned;
  const odd = Math.round(rotation / 90) % 2 === 1;
  const width = Math.min(turned.width, odd ? r.height : r.width);
  const height = Math.min(turned.height, odd ? r.width : r.height);
  const left = Math.floor((turned.width - width) / 2);
  const top = Math.floor((turned.height - height) / 2);
  return rawOf(asRaw(turned).extract({ left, top, width, height }));
}

/** Second half: turn the page upright and encode it (and its thumbnail). */
export async function finishPage(a: PageAnalysis, rotation: number, options: CleanOptions): Promise<CleanedPage> {
  const upright = rotation === 0 ? a.work : await turn(a.work, rotation);
  let image: Buffer;
  if (options.encoding === 'png') {
    image = await encodePngGray(upright, options.grayBits, paperLevels);
  } else {
    // Colour survives only on this path: decode again in colour, same size and turn.
    const { data, info } = await open(a.page).flatten({ background: WHITE }).resize({ width: a.workWidth, kernel: 'linear' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    image = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
      .rotate(rotation, { background: WHITE })
      .jpeg({ quality: options.jpegQuality })
      .toBuffer();
  }
  const thumb = await asRaw(upright).resize({ width: THUMB_WIDTH }).jpeg({ quality: 70 }).toBuffer();
  return { image, encoding: options.encoding, width: upright.width, height: upright.height, dpi: a.dpi, rotation, qr: a.qr, blank: a.blank, thumb, qrMs: a.qrMs };
}

/** Both halves for a page on its own (tests, re-scans of one page). */
export async function cleanPage(page: ScannedPage, options: CleanOptions, previousRotation = 0): Promise<CleanedPage> {
  const a = await analyzePage(page, options);
  return finishPage(a, chooseRotation(a, previousRotation), options);
}
