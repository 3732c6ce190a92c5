// PDF checks with the real poppler binaries (pdftotext, pdffonts, pdftoppm, pdfinfo) and jsQR, for
// the form tests: text extraction, font embedding, rendering with system fonts hidden, QR decoding.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { CONSENT_FORM_LAYOUT as L } from '../consentForm';
import { qrMatrix } from '../qr';

const hasBinary = (name: string): boolean => {
  const r = spawnSync(name, ['-v'], { encoding: 'utf8' });
  return !(r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT');
};
export const POPPLER = ['pdffonts', 'pdftotext', 'pdftoppm', 'pdfinfo'].every(hasBinary);
/** `describe`, or `describe.skip` (loudly) where poppler-utils is not installed. */
export const withPoppler = (() => {
  if (!POPPLER) console.warn('poppler-utils (pdffonts/pdftotext/pdftoppm/pdfinfo) not found: skipping PDF checks');
  return POPPLER ? describe : describe.skip;
})();

export type Gray = { width: number; height: number; data: Uint8Array };

/** Compare ignoring whitespace: pdftotext may split table cells and wrapped lines. */
export const squash = (s: string): string => s.replace(/\s+/g, '');

export const QR_DPI = 200;
export const px = (pt: number, dpi: number): number => Math.round((pt * dpi) / 72);

/**
 * A temp folder for one test file (made in beforeAll, removed in afterAll) and the poppler calls on
 * PDFs written there. Rendering always runs with an empty fontconfig: poppler must draw from the
 * embedded font alone, or the test would pass on a machine that has the font installed.
 */
export function popplerWorkspace(prefix = 'nin1-pdf-') {
  let dir = '';
  let emptyFontconfig = '';
  let fileNo = 0;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
    emptyFontconfig = path.join(dir, 'empty-fonts.conf');
    writeFileSync(emptyFontconfig, '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig></fontconfig>\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
    const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
  };

  const parsePgm = (buf: Buffer): Gray => {
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('not a binary PGM');
    const width = Number(header[1]);
    const height = Number(header[2]);
    return { width, height, data: buf.subarray(header[0].length, header[0].length + width * height) };
  };

  /** Render one page (optionally a crop, in pixels) to 8-bit grayscale with system fonts hidden. */
  const renderGray = (pdf: string, page: number, dpi: number, crop?: { x: number; y: number; w: number; h: number }): Gray & { stderr: string } => {
    const prefixPath = path.join(dir, `r${++fileNo}`);
    const cropArgs = crop ? ['-x', String(crop.x), '-y', String(crop.y), '-W', String(crop.w), '-H', String(crop.h)] : [];
    const r = run('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), ...cropArgs, pdf, prefixPath], { FONTCONFIG_FILE: emptyFontconfig });
    expect(r.status).toBe(0);
    const file = readdirSync(dir).find((f) => f.startsWith(path.basename(prefixPath) + '-') && f.endsWith('.pgm'));
    if (!file) throw new Error('pdftoppm wrote no image');
    return { ...parsePgm(readFileSync(path.join(dir, file))), stderr: r.stderr };
  };

  /** The pixels around the page's QR code at QR_DPI, quiet zone included. */
  const pad = 14; // pt
  const qrCrop = { x: px(L.qr.x - pad, QR_DPI), y: px(L.pageHeight - L.qr.top - pad, QR_DPI), w: px(L.qr.size + 2 * pad, QR_DPI), h: px(L.qr.size + 2 * pad, QR_DPI) };

  /** Crop around the page's QR code (quiet zone included), rendered with system fonts hidden. */
  const renderQrRegion = (pdf: string, page: number) => ({ img: renderGray(pdf, page, QR_DPI, qrCrop), crop: qrCrop });

  return {
    get dir() {
      return dir;
    },
    emptyFontconfig: () => emptyFontconfig,
    run,
    renderGray,
    renderQrRegion,
    writePdf(bytes: Uint8Array): string {
      const file = path.join(dir, `form-${++fileNo}.pdf`);
      writeFileSync(file, bytes);
      return file;
    },
    text(pdf: string, page?: number): string {
      const args = page ? ['-f', String(page), '-l', String(page)] : [];
      const r = run('pdftotext', [...args, '-enc', 'UTF-8', pdf, '-']);
      expect(r.status).toBe(0);
      return r.stdout.toString('utf8');
    },
    pageCount(pdf: string): number {
      const m = /^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdf]).stdout.toString('utf8'));
      return Number(m?.[1]);
    },
    /** pdffonts rows (header lines dropped), each split into columns. */
    fonts(pdf: string): string[][] {
      const out = run('pdffonts', [pdf]).stdout.toString('utf8');
      return out.split('\n').slice(2).filter((l) => l.trim()).map((l) => l.trim().split(/\s+/));
    },
    /** Render every page at a low resolution with system fonts hidden; poppler's complaints (stderr). */
    renderAll(pdf: string): string {
      const r = run('pdftoppm', ['-r', '40', '-png', pdf, path.join(dir, `all${++fileNo}`)], { FONTCONFIG_FILE: emptyFontconfig });
      expect(r.status).toBe(0);
      return r.stderr.trim();
    },
    /** The QR code printed on `page`, decoded. */
    decodeQr(pdf: string, page: number): string | null {
      return decodeGray(renderQrRegion(pdf, page).img);
    },
    /**
     * The QR code of every page, decoded, first page first: one pdftoppm run for all the crops,
     * since a process per page costs more than the rendering.
     */
    decodeQrPages(pdf: string): (string | null)[] {
      const prefixPath = path.join(dir, `q${++fileNo}`);
      const r = run('pdftoppm', ['-r', String(QR_DPI), '-gray', '-x', String(qrCrop.x), '-y', String(qrCrop.y), '-W', String(qrCrop.w), '-H', String(qrCrop.h), pdf, prefixPath], { FONTCONFIG_FILE: emptyFontconfig });
      expect(r.status).toBe(0);
      // pdftoppm pads the page numbers to one width, so the names sort in page order.
      const files = readdirSync(dir).filter((f) => f.startsWith(path.basename(prefixPath) + '-') && f.endsWith('.pgm')).sort();
      return files.map((f) => decodeGray(parsePgm(readFileSync(path.join(dir, f)))));
    },
    /** Sample every module centre of the drawn symbol and compare with the matrix for `payload`. */
    moduleMismatches(pdf: string, page: number, payload: string): number {
      const { img, crop } = renderQrRegion(pdf, page);
      const matrix = qrMatrix(payload);
      const m = L.qr.size / matrix.size;
      let bad = 0;
      for (let r = 0; r < matrix.size; r++) {
        for (let c = 0; c < matrix.size; c++) {
          const x = Math.floor(((L.qr.x + (c + 0.5) * m) * QR_DPI) / 72) - crop.x;
          const y = Math.floor(((L.pageHeight - L.qr.top + (r + 0.5) * m) * QR_DPI) / 72) - crop.y;
          if ((img.data[y * img.width + x]! < 128) !== matrix.get(r, c)) bad++;
        }
      }
      return bad;
    },
  };
}

/** Decode with jsQR (wants RGBA). */
export function decodeGray(img: Gray): string | null {
  const rgba = new Uint8ClampedArray(img.width * img.height * 4);
  for (let i = 0; i < img.width * img.height; i++) {
    const v = img.data[i]!;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  return jsQR(rgba, img.width, img.height)?.data ?? null;
}

export function darkFraction(img: Gray, region?: { x0: number; y0: number; x1: number; y1: number }): number {
  const { x0 = 0, y0 = 0, x1 = img.width, y1 = img.height } = region ?? {};
  let dark = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (img.data[y * img.width + x]! < 128) dark++;
  return dark / ((x1 - x0) * (y1 - y0));
}
