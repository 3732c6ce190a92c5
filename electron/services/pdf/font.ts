import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import * as fontkit from 'fontkit';
import type { Font as FontkitFont, Subset as FontkitSubset } from 'fontkit';
import type { PDFDocument } from 'pdf-lib';
import { resourcePath } from '../resources';

/**
 * The Traditional Chinese font embedded in printed forms: Noto Sans CJK TC Regular (SIL OFL 1.1),
 * pre-subset by scripts/subset-font.py to ASCII, Latin-1, CJK symbols, Bopomofo, full-width forms,
 * all of Big5/CP950 and all of CJK Unified Ideographs (U+4E00-U+9FFF, Ext. A). See
 * resources/fonts/README.md.
 */
export const FORM_FONT = {
  /** Relative to the resources directory (see resources.ts). */
  file: 'fonts/NotoSansCJKtc-Regular-subset.otf',
  postscriptName: 'NotoSansCJKtc-Regular',
} as const;

/** The fontkit 2 subset plus the `encodeStream()` that pdf-lib 1.17 calls. */
type StreamingSubset = FontkitSubset & { encodeStream?: () => Readable };

/** The object pdf-lib's `PDFDocument.registerFontkit` wants. */
export type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];

const bytesByPath = new Map<string, Promise<Uint8Array>>();
const parsedByBytes = new WeakMap<Uint8Array, Map<string, FontkitFont>>();
const PATCHED = Symbol('nin1.encodeStreamPatched');

/**
 * pdf-lib 1.17 serialises a subset with `subset.encodeStream().on('data'|'end')`, an API that
 * fontkit 2 dropped (and fontkit 1 / @pdf-lib/fontkit writes broken CJK subsets). Wrap
 * `createSubset` once per parsed font so every subset also has `encodeStream()`.
 */
const withEncodeStream = (font: FontkitFont): FontkitFont => {
  const marked = font as FontkitFont & { [PATCHED]?: true };
  if (marked[PATCHED]) return font;
  const original = font.createSubset.bind(font);
  font.createSubset = (): FontkitSubset => {
    const subset = original() as StreamingSubset;
    subset.encodeStream = () => Readable.from([subset.encode()]);
    return subset;
  };
  Object.defineProperty(font, PATCHED, { value: true });
  return font;
};

/**
 * Parse font bytes with fontkit 2, cached per byte array (identity) and face: forms are printed
 * all day, and parsing the 7 MB font's tables again for each one would waste time and memory.
 */
export const parseFont = (bytes: Uint8Array, postscriptName?: string): FontkitFont => {
  let faces = parsedByBytes.get(bytes);
  if (!faces) {
    faces = new Map();
    parsedByBytes.set(bytes, faces);
  }
  const key = postscriptName ?? '';
  const cached = faces.get(key);
  if (cached) return cached;
  // @types/fontkit says Buffer, but fontkit 2 only needs a Uint8Array.
  const parsed = fontkit.create(bytes as Buffer, postscriptName);
  if ('fonts' in parsed) {
    throw new Error(`font collection given: pass one of ${parsed.fonts.map((f) => f.postscriptName).join(', ')}`);
  }
  const font = withEncodeStream(parsed);
  faces.set(key, font);
  return font;
};

/**
 * Adapter for `pdfDoc.registerFontkit(fontkitAdapter)`: fontkit 2 behind the fontkit-1 API pdf-lib
 * expects, reusing the cached parsed font when given the same bytes.
 */
export const fontkitAdapter: PdfLibFontkit = {
  create: (bytes: Uint8Array, postscriptName?: string) =>
    parseFont(bytes, postscriptName) as unknown as ReturnType<PdfLibFontkit['create']>,
};

/** Read a font file once per path; later calls return the same Uint8Array (so the parse cache hits). */
export const loadFontBytes = (fontPath: string = resourcePath(FORM_FONT.file)): Promise<Uint8Array> => {
  let pending = bytesByPath.get(fontPath);
  if (!pending) {
    pending = readFile(fontPath).then((buf) => new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
    pending.catch(() => bytesByPath.delete(fontPath));
    bytesByPath.set(fontPath, pending);
  }
  return pending;
};

export type LoadedFont = { path: string; bytes: Uint8Array; font: FontkitFont };

/** The form font's bytes and parsed fontkit font (both cached). `fontPath` overrides the resource path. */
export const loadFormFont = async (fontPath: string = resourcePath(FORM_FONT.file)): Promise<LoadedFont> => {
  const bytes = await loadFontBytes(fontPath);
  return { path: fontPath, bytes, font: parseFont(bytes) };
};

/** Forget cached font bytes (parsed fonts are dropped with their bytes). For tests and font swaps. */
export const clearFontCache = (): void => {
  bytesByPath.clear();
};

/**
 * PDF subset font name `ABCDEF+PostScriptName` (ISO 32000 9.6.4): a six-uppercase-letter tag
 * derived from `seed`, so the same form content always gets the same tag.
 */
export const subsetFontName = (seed: string, postscriptName: string = FORM_FONT.postscriptName): string => {
  const digest = createHash('sha256').update(seed).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i]! % 26));
  return `${tag}+${postscriptName}`;
};
