import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formQrPayload } from '../../../../shared/forms/consentFormModel';
import { renderConsentFormWithPages } from '../../pdf/consentForm';
import { sampleConsentFormModel } from '../../pdf/consentForm.fixtures';
import { assemblePdf } from '../pdfAssemble';
import { blankPage, degrade, foreignPagePdf, hasBinary, rasterizePdf, type Degrade } from '../testing/scanFixtures';
import { cleanPage, effectiveDpi, uprightRotation, type CleanOptions } from './cleanPage';
import { encodePngGray, readPngStream } from './pngGray';
import { sniffKind, splitFile } from './splitFile';

const POPPLER = hasBinary('pdftoppm');
if (!POPPLER) console.warn('cleanPage.test: poppler-utils (pdftoppm) not found: skipping rasterised-form checks');
const withPoppler = POPPLER ? describe : describe.skip;

const OPTIONS: CleanOptions = { encoding: 'png', grayBits: 2, maxDpi: 200, jpegQuality: 60 };
const model = sampleConsentFormModel(12); // two pages
let pages: Record<number, Buffer[]> = {};
const dir = mkdtempSync(join(tmpdir(), 'nin1-clean-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  if (!POPPLER) return;
  const { pdf } = await renderConsentFormWithPages(model);
  pages = { 150: rasterizePdf(pdf, 150), 200: rasterizePdf(pdf, 200), 300: rasterizePdf(pdf, 300) };
});

describe('geometry', () => {
  it('reads the density a file states when it fits an A4 sheet, else infers it from the pixels', () => {
    expect(effectiveDpi(1654, 2339, 200)).toBe(200);
    expect(effectiveDpi(1654, 2339, 72)).toBe(200); // "72" written by scanners that do not know
    expect(effectiveDpi(2480, 3508, undefined)).toBe(300);
  });

  it('turns a page upright from the QR angle and straightens small skews only', () => {
    expect(uprightRotation(0.2)).toBe(0);
    expect(uprightRotation(90.3)).toBe(270);
    expect(uprightRotation(-90)).toBe(90);
    expect(uprightRotation(179.5)).toBe(180);
    expect(uprightRotation(2.5)).toBe(357.5);
    expect(uprightRotation(182)).toBe(178);
    expect(uprightRotation(40)).toBe(0); // not a feeder skew: leave it
  });
});

withPoppler('rasterised forms (pdftoppm) as a feeder delivers them', () => {
  const cases: [number, Degrade][] = [
    [150, {}],
    [150, { rotate: 90, noise: 12, seed: 2 }],
    [200, { rotate: 180, noise: 18, skew: 2, seed: 3 }],
    [200, { rotate: 270, skew: -1.5, noise: 8, seed: 4, format: 'jpeg' }],
    [300, { noise: 20, skew: 1.2, seed: 5, format: 'tiff' }],
    [300, { rotate: 180, seed: 6 }],
  ];
  it.each(cases)('at %i dpi, %o: reads the code, turns the page upright', async (dpi, d) => {
    for (const [i, png] of pages[dpi]!.entries()) {
      const cleaned = await cleanPage({ name: 'p', bytes: await degrade(png, d) }, OPTIONS);
      expect(cleaned.qr?.text).toBe(formQrPayload(model.caseNo, i + 1, 2));
      expect(cleaned.blank).toBe(false);
      // Upright after cleaning: the code is found again in the top-right corner, at no angle.
      const again = await cleanPage({ name: 'again', bytes: cleaned.image, dpi: cleaned.dpi }, OPTIONS);
      expect(Math.abs(again.qr!.angle)).toBeLessThan(1.2);
      expect(again.rotation).toBe(0);
      expect(cleaned.dpi).toBeLessThanOrEqual(200);
      // Portrait A4 at ≤ 200 dpi, 4 gray levels.
      expect(cleaned.height).toBeGreaterThan(cleaned.width);
      expect(readPngStream(cleaned.image).bitDepth).toBe(2);
    }
  });

  it('knows a blank back from a page, and reads a foreign code as foreign', async () => {
    const blank = await cleanPage({ name: 'blank', bytes: await blankPage(200) }, OPTIONS);
    expect(blank).toMatchObject({ blank: true, qr: null, rotation: 0 });
    const foreign = await cleanPage({ name: 'foreign', bytes: rasterizePdf(await foreignPagePdf(), 200)[0]! }, OPTIONS);
    expect(foreign.blank).toBe(false);
    expect(foreign.qr?.text).toBe('https://forms.example.gov.tw/other/12345');
  });

  it('turns a page without a code like the page before it (a stack goes in one way up)', async () => {
    const plain = await degrade(rasterizePdf(await foreignPagePdf('x'), 200)[0]!, {}); // has a tiny code; strip it below
    const noCode = await sharp(plain).composite([{ input: { create: { width: 300, height: 300, channels: 3, background: '#ffffff' } }, left: 1354, top: 0 }]).png().toBuffer();
    const turned = await degrade(noCode, { rotate: 180 });
    const cleaned = await cleanPage({ name: 'continuation', bytes: turned }, OPTIONS, 180);
    expect(cleaned.qr).toBeNull();
    expect(cleaned.rotation).toBe(180);
  });

  it('assembles cleaned pages into a PDF that poppler renders, embedding the stored bytes as they are', async () => {
    const a = await cleanPage({ name: 'a', bytes: pages[200]![0]! }, OPTIONS);
    const b = await cleanPage({ name: 'b', bytes: pages[200]![1]! }, { ...OPTIONS, encoding: 'jpeg' });
    const pdf = await assemblePdf(
      [a, b].map((c) => ({ encoding: c.encoding, bytes: c.image, width: c.width, height: c.height, dpi: c.dpi })),
      { title: 't', at: new Date('2026-11-26T00:00:00Z') },
    );
    const file = join(dir, 'assembled.pdf');
    writeFileSync(file, pdf);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info.stdout).toMatch(/Pages:\s+2/);
    expect(info.stdout).toMatch(/Page size:.*\(A4\)/); // A4 from pixels and density
    // The PDF carries the page's compressed data byte for byte (no re-encoding).
    expect(Buffer.from(pdf).includes(readPngStream(a.image).idat.subarray(0, 64))).toBe(true);
    // …and it reads back: the QR code is still there after a round trip through the PDF.
    const [back] = rasterizePdf(pdf, 200);
    const round = await cleanPage({ name: 'round', bytes: back! }, OPTIONS);
    expect(round.qr?.text).toBe(formQrPayload(model.caseNo, 1, 2));
  });
});

describe('files', () => {
  it('tells files by their first bytes, not their names', () => {
    expect(sniffKind(Buffer.from('%PDF-1.7'))).toBe('pdf');
    expect(sniffKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBe('png');
    expect(sniffKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffKind(Buffer.from([0x49, 0x49, 0x2a, 0x00]))).toBe('tiff');
    expect(sniffKind(Buffer.from('hello'))).toBeNull();
  });

  it('rejects what is not a scan, and truncated images, with the clerk’s words', async () => {
    await expect(splitFile('note.pdf', Buffer.from('not a pdf at all'), 'x')).rejects.toMatchObject({ error: { code: 'FORMAT_UNSUPPORTED' } });
    const png = await encodePngGray({ data: new Uint8Array(400 * 400).fill(200), width: 400, height: 400 }, 8);
    await expect(cleanPage({ name: 'half.png', bytes: png.subarray(0, png.length / 2) }, OPTIONS)).rejects.toMatchObject({
      error: { code: 'FILE_UNREADABLE', message: expect.stringContaining('half.png') },
    });
  });

  it('splits a multi-page TIFF and a scanner PDF of JPEG pages, keyed by content and page', async () => {
    // Three pages of 140 rows stacked: libvips writes them as a three-page TIFF.
    const tiff = await sharp(Buffer.alloc(100 * 420, 255), { raw: { width: 100, height: 420, channels: 1, pageHeight: 140 } }).tiff().toBuffer();
    const parts = await splitFile('stack.tif', tiff, 'abc');
    expect(parts.map((p) => [p.key, p.tiffPage])).toEqual([['file:abc:1', 0], ['file:abc:2', 1], ['file:abc:3', 2]]);
    const jpeg = await sharp({ create: { width: 1654, height: 2339, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    for (let i = 0; i < 2; i++) {
      const img = await doc.embedJpg(jpeg);
      doc.addPage([595.28, 841.89]).drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
    }
    const pdfParts = await splitFile('scan.pdf', Buffer.from(await doc.save()), 'def');
    expect(pdfParts).toHaveLength(2);
    expect(pdfParts[0]).toMatchObject({ key: 'file:def:1', dpi: 200 });
    expect(pdfParts[0]!.bytes.equals(jpeg)).toBe(true); // the scanner's JPEG, untouched
  });
});
