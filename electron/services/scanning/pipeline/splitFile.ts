import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFArray } from 'pdf-lib';
import sharp from 'sharp';
import type { ScannedPage } from '../backend';
import { scanFailure } from '../failure';

export type FileKind = 'png' | 'jpeg' | 'tiff' | 'pdf';

/** What a file is, by its first bytes (never by its name: a renamed file is still what it is). */
export function sniffKind(bytes: Uint8Array): FileKind | null {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a && b(3) === 0) || (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0 && b(3) === 0x2a)) return 'tiff';
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return 'pdf';
  return null;
}

/** Density of the rasters pdftoppm makes from PDFs that are not plain scans. */
const RASTER_DPI = 200;

const filterNames = (dict: PDFDict): string[] => {
  const f = dict.get(PDFName.of('Filter'));
  if (f instanceof PDFName) return [f.decodeText()];
  if (f instanceof PDFArray) return f.asArray().map((x) => (x instanceof PDFName ? x.decodeText() : ''));
  return [];
};

/**
 * A scanner's PDF is one JPEG per page: take those bytes as they are (no re-encoding, works on
 * every OS). Returns null when any page is something else (vector text, Flate images, several
 * images), which then goes through pdftoppm.
 */
async function embeddedJpegs(bytes: Uint8Array, name: string): Promise<ScannedPage[] | null> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch {
    throw scanFailure('FILE_UNREADABLE', name);
  }
  const pages: ScannedPage[] = [];
  for (const [i, page] of doc.getPages().entries()) {
    const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    const images = (xobjects?.entries() ?? [])
      .map(([, ref]) => doc.context.lookup(ref))
      .filter((o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
    const only = images.length === 1 ? images[0]! : null;
    const filters = only ? filterNames(only.dict) : [];
    if (!only || filters.length !== 1 || filters[0] !== 'DCTDecode') return null;
    const jpeg = Buffer.from(only.contents);
    const meta = await sharp(jpeg).metadata().catch(() => null);
    if (!meta?.width) return null;
    const dpi = Math.round(meta.width / (page.getWidth() / 72));
    pages.push({ name: `${name} 第 ${i + 1} 頁`, bytes: jpeg, dpi });
  }
  return pages.length ? pages : null;
}

let pdftoppmMissing: boolean | null = null;

/** Any other PDF: render each page with poppler, as a scanner would have seen it. */
async function rasterized(bytes: Uint8Array, name: string): Promise<ScannedPage[]> {
  const dir = await mkdtemp(join(tmpdir(), 'nin1-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, bytes);
    const result = await new Promise<{ code: number | null; missing: boolean }>((resolve) => {
      const child = spawn('pdftoppm', ['-r', String(RASTER_DPI), '-gray', '-png', file, join(dir, 'p')], { stdio: 'ignore' });
      child.on('error', (e: NodeJS.ErrnoException) => resolve({ code: null, missing: e.code === 'ENOENT' }));
      child.on('exit', (code) => resolve({ code, missing: false }));
    });
    if (result.missing) {
      pdftoppmMissing = true;
      throw scanFailure('FORMAT_UNSUPPORTED', `${name}：非掃描影像的 PDF 需要 poppler（pdftoppm）`);
    }
    if (result.code !== 0) throw scanFailure('FILE_UNREADABLE', name);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
    if (!files.length) throw scanFailure('FILE_UNREADABLE', `${name}：沒有頁面`);
    return Promise.all(files.map(async (f, i) => ({ name: `${name} 第 ${i + 1} 頁`, bytes: await readFile(join(dir, f)), dpi: RASTER_DPI })));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A dropped file as pages, in order, each with its idempotency key `file:<sha256>:<n>` (the same
 * content is the same pages, whatever the file is called). TIFF and PDF may hold many pages.
 */
export async function splitFile(name: string, bytes: Buffer, sha256: string): Promise<ScannedPage[]> {
  const kind = sniffKind(bytes);
  if (!kind) throw scanFailure('FORMAT_UNSUPPORTED', name);
  let pages: ScannedPage[];
  if (kind === 'pdf') {
    pages = (await embeddedJpegs(bytes, name)) ?? (pdftoppmMissing ? [] : await rasterized(bytes, name));
    if (!pages.length) throw scanFailure('FORMAT_UNSUPPORTED', `${name}：非掃描影像的 PDF 需要 poppler（pdftoppm）`);
  } else if (kind === 'tiff') {
    const meta = await sharp(bytes).metadata().catch(() => {
      throw scanFailure('FILE_UNREADABLE', name);
    });
    const count = meta.pages ?? 1;
    pages = Array.from({ length: count }, (_, i) => ({ name: count > 1 ? `${name} 第 ${i + 1} 頁` : name, bytes, tiffPage: i }));
  } else {
    pages = [{ name, bytes }];
  }
  return pages.map((p, i) => ({ ...p, key: `file:${sha256}:${i + 1}` }));
}
