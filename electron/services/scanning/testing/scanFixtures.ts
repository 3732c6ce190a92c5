// Test and benchmark fixtures for scanning: real consent forms rendered by the app, rasterised by
// poppler's pdftoppm like a scanner would deliver them, then degraded (noise, turns, skew) with sharp.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { drawQrCode } from '../../pdf/qr';
import { seededRandom } from '../../demo/random';

export const hasBinary = (name: string, arg = '-v'): boolean => {
  const r = spawnSync(name, [arg], { encoding: 'utf8' });
  return !(r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT');
};

/**
 * Every page of a PDF as a PNG at `dpi`, as pdftoppm renders it (RGB even with `-gray`; density in
 * the file). `degrade` turns it into the one-channel gray file a scanner writes.
 */
export function rasterizePdf(pdf: Uint8Array, dpi: number): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'nin1-raster-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const r = spawnSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', file, join(dir, 'p')], { encoding: 'utf8' });
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw Object.assign(new Error('pdftoppm (poppler-utils) is not installed: run `npm run setup`'), { code: 'ENOENT' });
    if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => readFileSync(join(dir, f)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Deterministic PRNG shared with the demo data, so degraded pages are the same on every run. */
export const prng = seededRandom;

export type Degrade = { rotate?: 0 | 90 | 180 | 270; skew?: number; noise?: number; seed?: number; format?: 'png' | 'jpeg' | 'tiff' };

/**
 * What a feeder does to a sheet: turned a quarter or upside down, a slight skew, sensor noise
 * (uniform ± `noise` gray levels). The density is written into the output so the pipeline can read it.
 */
export async function degrade(png: Buffer, d: Degrade = {}): Promise<Buffer> {
  const meta = await sharp(png).metadata();
  const dpi = meta.density ?? 200;
  let img = sharp(png).toColourspace('b-w');
  const angle = (d.rotate ?? 0) + (d.skew ?? 0);
  if (angle) img = img.rotate(angle, { background: { r: 255, g: 255, b: 255 } });
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  if (d.noise) {
    const rand = prng(d.seed ?? 1);
    for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i]! + Math.round((rand() - 0.5) * 2 * d.noise)));
  }
  // Back to one gray channel (the white background of a rotation made it RGB), as a gray scan is.
  const out = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).toColourspace('b-w').withDensity(dpi);
  if (d.format === 'jpeg') return out.jpeg({ quality: 85 }).toBuffer();
  if (d.format === 'tiff') return out.tiff({ compression: 'lzw' }).toBuffer();
  return out.png({ compressionLevel: 3 }).toBuffer();
}

/** An empty sheet (the back of a single-sided form in a duplex scan), with a little noise. */
export async function blankPage(dpi = 200, noise = 6): Promise<Buffer> {
  const width = Math.round((210 / 25.4) * dpi);
  const height = Math.round((297 / 25.4) * dpi);
  const data = Buffer.alloc(width * height, 250);
  const rand = prng(7);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i]! + Math.round((rand() - 0.5) * 2 * noise)));
  return sharp(data, { raw: { width, height, channels: 1 } }).withDensity(dpi).png().toBuffer();
}

/** Some other office's form: text and a QR code that is not ours. */
export async function foreignPagePdf(qrText = 'https://forms.example.gov.tw/other/12345'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('Application for something else entirely', { x: 50, y: 780, size: 16, font });
  for (let i = 0; i < 30; i++) page.drawText(`Line ${i + 1}: lorem ipsum dolor sit amet, consectetur adipiscing elit.`, { x: 50, y: 740 - i * 20, size: 10, font });
  drawQrCode(page, qrText, { x: 480, y: 740, size: 60 });
  return doc.save();
}

/** Counter cases saved through the real service, and their forms printed through the real print path. */
export async function printedCases(
  ctx: import('../../context').ServiceContext,
  actor: import('../../context').Actor,
  drafts: import('../../../../shared/cases/schema').CaseDraft[],
): Promise<{ caseNo: string; pdf: Uint8Array; pages: number }[]> {
  const { createCase } = await import('../../cases/createCase');
  const { printCaseForm } = await import('../../cases/printForm');
  const out = [];
  for (const d of drafts) {
    const { caseNo } = createCase(ctx, actor, d);
    const { pdf, pages } = await printCaseForm(ctx, actor, caseNo);
    out.push({ caseNo, pdf, pages });
  }
  return out;
}

/** The demo's scanning clerk (黃淑芬), created on first use. */
export async function scanningClerk(ctx: import('../../context').ServiceContext): Promise<import('../../context').Actor> {
  const { createUser, ensureOffice } = await import('../../auth/users');
  let id = ctx.db.prepare("SELECT id FROM users WHERE username = 'scanner'").pluck().get() as number | undefined;
  if (id === undefined) {
    ensureOffice(ctx.db, ctx.config.officeCode, ctx.config.officeName);
    id = createUser(ctx.db, { username: 'scanner', displayName: '黃淑芬', role: 'scanning_clerk', officeCode: ctx.config.officeCode, password: 'demo1234' }, ctx.clock.now().toISOString());
  }
  return { user: { id, username: 'scanner', displayName: '黃淑芬', role: 'scanning_clerk', officeCode: ctx.config.officeCode }, workstation: 'FS01-SCAN', ip: '127.0.0.1' };
}

/** A draft with the 稅單查證 too: six items, so the form runs to a second page. */
export const twoPageDraft = async (): Promise<import('../../../../shared/cases/schema').CaseDraft> => {
  const { moveDraft } = await import('../../testing/fixtures');
  const base = moveDraft();
  const address = base.newAddress;
  return {
    ...base,
    hasHouseTaxBill: false,
    items: [...base.items, { code: 'V01', fields: { houseAddress: address, houseOwner: '王小明', question: '房屋稅籍及所有權人' } }],
  };
};

export type StackPage = { file: string; caseNo: string | null; formPage: number | null };

/**
 * Writes a day-end stack into `dir` as a network scanner would (one numbered file per page): each
 * printed form's pages rasterised at 200 dpi gray with light noise, every third sheet upside down,
 * then a blank back and a foreign form at the end. Returns where each page should land.
 */
export async function writeStack(dir: string, forms: { caseNo: string; pdf: Uint8Array }[], options: { extras?: boolean; dpi?: number } = {}): Promise<StackPage[]> {
  const { writeFileSync: write } = await import('node:fs');
  const out: StackPage[] = [];
  let n = 0;
  const put = (bytes: Buffer, caseNo: string | null, formPage: number | null) => {
    const file = `scan-${String(++n).padStart(4, '0')}.png`;
    write(join(dir, file), bytes);
    out.push({ file, caseNo, formPage });
  };
  for (const [i, f] of forms.entries()) {
    for (const [p, png] of rasterizePdf(f.pdf, options.dpi ?? 200).entries()) {
      put(await degrade(png, { noise: 6, seed: n + 1, ...(i % 3 === 2 ? { rotate: 180 as const } : {}) }), f.caseNo, p + 1);
    }
  }
  if (options.extras !== false) {
    put(await blankPage(options.dpi ?? 200), null, null);
    put(await degrade(rasterizePdf(await foreignPagePdf(), options.dpi ?? 200)[0]!, { noise: 6 }), null, null);
  }
  return out;
}
