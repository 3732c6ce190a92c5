import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formQrPayload, parseFormQrPayload } from '../../../shared/forms/consentFormModel';
import type { ConsentFormModel } from '../../../shared/forms/consentFormModel';
import { CONSENT_FORM_LAYOUT, CONSENT_FORM_TITLE, renderConsentForm, renderConsentFormWithPages } from './consentForm';
import { sampleConsentFormModel } from './consentForm.fixtures';
import { FORM_FONT, loadFormFont } from './font';
import { qrMatrix } from './qr';

// ------------------------------------------------------------------------------------------------
// poppler helpers (real binaries; the suite is skipped, loudly, only where poppler is not installed)

const hasBinary = (name: string): boolean => {
  const r = spawnSync(name, ['-v'], { encoding: 'utf8' });
  return !(r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT');
};
const POPPLER = ['pdffonts', 'pdftotext', 'pdftoppm', 'pdfinfo'].every(hasBinary);
if (!POPPLER) console.warn('consentForm.test: poppler-utils (pdffonts/pdftotext/pdftoppm/pdfinfo) not found: skipping PDF checks');
const withPoppler = POPPLER ? describe : describe.skip;

let dir: string;
/** fontconfig file with no font directories: poppler must render from the embedded font alone. */
let emptyFontconfig: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'nin1-consent-'));
  emptyFontconfig = path.join(dir, 'empty-fonts.conf');
  writeFileSync(emptyFontconfig, '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig></fontconfig>\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
const writePdf = (bytes: Uint8Array): string => {
  const file = path.join(dir, `form-${++fileNo}.pdf`);
  writeFileSync(file, bytes);
  return file;
};

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
};

const text = (pdf: string, page?: number): string => {
  const args = page ? ['-f', String(page), '-l', String(page)] : [];
  const r = run('pdftotext', [...args, '-enc', 'UTF-8', pdf, '-']);
  expect(r.status).toBe(0);
  return r.stdout.toString('utf8');
};
/** Compare ignoring whitespace: pdftotext may split table cells and wrapped lines. */
const squash = (s: string): string => s.replace(/\s+/g, '');

const pageCount = (pdf: string): number => {
  const m = /^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdf]).stdout.toString('utf8'));
  return Number(m?.[1]);
};

type Gray = { width: number; height: number; data: Uint8Array };

/** Render one page (optionally a crop, in pixels) to 8-bit grayscale with system fonts hidden. */
const renderGray = (pdf: string, page: number, dpi: number, crop?: { x: number; y: number; w: number; h: number }): Gray & { stderr: string } => {
  const prefix = path.join(dir, `r${++fileNo}`);
  const cropArgs = crop ? ['-x', String(crop.x), '-y', String(crop.y), '-W', String(crop.w), '-H', String(crop.h)] : [];
  const r = run('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), ...cropArgs, pdf, prefix], {
    FONTCONFIG_FILE: emptyFontconfig,
  });
  expect(r.status).toBe(0);
  const file = readdirSync(dir).find((f) => f.startsWith(path.basename(prefix) + '-') && f.endsWith('.pgm'));
  if (!file) throw new Error('pdftoppm wrote no image');
  return { ...parsePgm(readFileSync(path.join(dir, file))), stderr: r.stderr };
};

/** Binary PGM (P5, maxval 255) as written by pdftoppm -gray. */
const parsePgm = (buf: Buffer): Gray => {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, data: buf.subarray(header[0].length, header[0].length + width * height) };
};

const darkFraction = (img: Gray, region?: { x0: number; y0: number; x1: number; y1: number }): number => {
  const { x0 = 0, y0 = 0, x1 = img.width, y1 = img.height } = region ?? {};
  let dark = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (img.data[y * img.width + x]! < 128) dark++;
  return dark / ((x1 - x0) * (y1 - y0));
};

const L = CONSENT_FORM_LAYOUT;
const QR_DPI = 200;
const px = (pt: number, dpi: number): number => Math.round((pt * dpi) / 72);

/** Crop around the page's QR code (quiet zone included), rendered with system fonts hidden. */
const renderQrRegion = (pdf: string, page: number) => {
  const pad = 14; // pt
  const crop = {
    x: px(L.qr.x - pad, QR_DPI),
    y: px(L.pageHeight - L.qr.top - pad, QR_DPI),
    w: px(L.qr.size + 2 * pad, QR_DPI),
    h: px(L.qr.size + 2 * pad, QR_DPI),
  };
  return { img: renderGray(pdf, page, QR_DPI, crop), crop };
};

/** Decode with jsQR (wants RGBA). */
const decodeQr = (img: Gray): string | null => {
  const rgba = new Uint8ClampedArray(img.width * img.height * 4);
  for (let i = 0; i < img.width * img.height; i++) {
    const v = img.data[i]!;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  return jsQR(rgba, img.width, img.height)?.data ?? null;
};

/** Sample every module centre of the drawn symbol and compare with the matrix for `payload`. */
const moduleMismatches = (pdf: string, page: number, payload: string): number => {
  const { img, crop } = renderQrRegion(pdf, page);
  const matrix = qrMatrix(payload);
  const m = L.qr.size / matrix.size;
  let bad = 0;
  for (let r = 0; r < matrix.size; r++) {
    for (let c = 0; c < matrix.size; c++) {
      const x = Math.floor(((L.qr.x + (c + 0.5) * m) * QR_DPI) / 72) - crop.x;
      const y = Math.floor(((L.pageHeight - L.qr.top + (r + 0.5) * m) * QR_DPI) / 72) - crop.y;
      const dark = img.data[y * img.width + x]! < 128;
      if (dark !== matrix.get(r, c)) bad++;
    }
  }
  return bad;
};

// ------------------------------------------------------------------------------------------------

describe('consent form font', () => {
  it('has every Big5 hanzi (13,053), Bopomofo, CJK punctuation, full-width forms and Latin-1', async () => {
    const { font } = await loadFormFont();
    expect(font.postscriptName).toBe(FORM_FONT.postscriptName);
    const decoder = new TextDecoder('big5');
    const missing: string[] = [];
    let count = 0;
    // Big5 hanzi: A440-C67E (常用字) and C940-F9D5 (次常用字); trail bytes 40-7E, A1-FE.
    for (let lead = 0xa4; lead <= 0xf9; lead++) {
      if (lead === 0xc7 || lead === 0xc8) continue;
      for (const trail of [...range(0x40, 0x7e), ...range(0xa1, 0xfe)]) {
        if (lead === 0xc6 && trail > 0x7e) continue;
        if (lead === 0xf9 && trail > 0xd5) continue;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch === '\uFFFD') continue;
        count++;
        if (!font.hasGlyphForCodePoint(ch.codePointAt(0)!)) missing.push(ch);
      }
    }
    expect(count).toBe(13053);
    expect(missing).toEqual([]);
    const others = 'ㄅㄆㄇㄈㄩˇˊˋ˙，。、；：「」『』（）！？〈〉…—～ＡＺａｚ０９＠＃％éüñ©°±×÷①⑩㈠㎡℃※●○□■△✓';
    for (const ch of others) expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(true);
    // Beyond Big5: the whole URO and Ext. A are in (rare name characters).
    for (const cp of [0x4e00, 0x9fa5, 0x9fd5, 0x3402, 0x4db5]) expect(font.hasGlyphForCodePoint(cp)).toBe(true);
  });
});

withPoppler('renderConsentForm (poppler)', () => {
  const model = sampleConsentFormModel(6);
  let pdf: string;
  let pages: number;

  beforeAll(async () => {
    const bytes = await renderConsentForm(model);
    pdf = writePdf(bytes);
    pages = pageCount(pdf);
  });

  it('embeds the font as a tagged subset (pdffonts: ABCDEF+Name, emb yes, sub yes, uni yes)', () => {
    const out = run('pdffonts', [pdf]).stdout.toString('utf8');
    const rows = out.split('\n').slice(2).filter((l) => l.trim());
    expect(rows).toHaveLength(1);
    const cols = rows[0]!.trim().split(/\s+/);
    expect(cols[0]).toMatch(/^[A-Z]{6}\+NotoSansCJKtc-Regular$/);
    const [emb, sub, uni] = cols.slice(-5, -2);
    expect({ emb, sub, uni }).toEqual({ emb: 'yes', sub: 'yes', uni: 'yes' });
  });

  it('carries the Chinese text (pdftotext)', () => {
    const all = squash(text(pdf));
    const expected = [
      CONSENT_FORM_TITLE,
      model.caseNo,
      model.officeName,
      model.rocDate,
      model.lifeEventName,
      model.person.name,
      model.person.id,
      model.person.birthDate,
      model.oldAddress,
      model.newAddress,
      '個人資料保護法',
      `表單版本：${model.formVersion}`,
      `第1頁／共${pages}頁`,
      ...model.items.flatMap((i) => [i.title, i.receiverName, i.consentText]),
    ];
    for (const s of expected) expect(all, s).toContain(squash(s));
    expect(model.items.map((i) => i.title)).toEqual([
      '稅單投遞地址變更',
      '地價稅自用住宅優惠稅率申請',
      '住址變更登記同意書（地政）',
      '駕照、行照地址更正',
      '身心障礙證明（手冊）地址變更',
      '辦理戶籍遷入時稅單查證',
    ]);
  });

  it('renders from the embedded font alone: no poppler warnings, page not blank, title inked', () => {
    const png = path.join(dir, 'page');
    const r = run('pdftoppm', ['-r', '50', '-png', pdf, png], { FONTCONFIG_FILE: emptyFontconfig });
    expect(r.status).toBe(0);
    expect(r.stderr.trim()).toBe('');
    expect(readdirSync(dir).filter((f) => f.startsWith('page-') && f.endsWith('.png'))).toHaveLength(pages);

    const img = renderGray(pdf, 1, 50);
    expect(img.stderr.trim()).toBe('');
    expect(Math.abs(img.width - px(L.pageWidth, 50))).toBeLessThanOrEqual(1);
    const ink = darkFraction(img);
    expect(ink).toBeGreaterThan(0.01); // text, rules and QR
    expect(ink).toBeLessThan(0.3); // not a black page either
    // The title band holds only text (the QR is to its right): ink there proves the glyphs render.
    const title = darkFraction(img, {
      x0: px(L.marginX + 60, 50),
      x1: px(L.qr.x - 20, 50),
      y0: px(L.titleBand.top, 50),
      y1: px(L.titleBand.top + L.titleBand.height, 50),
    });
    expect(title).toBeGreaterThan(0.03);
  });

  it('prints a QR code on page 1 that decodes to the form payload', () => {
    const { img } = renderQrRegion(pdf, 1);
    expect(img.stderr.trim()).toBe('');
    const decoded = decodeQr(img);
    expect(decoded).toBe(formQrPayload(model.caseNo, 1, pages));
    expect(decoded).toMatch(/^NIN1:KHF1-1151126-0007:1\/\d+$/);
    expect(parseFormQrPayload(decoded!)).toEqual({ caseNo: model.caseNo, page: 1, pages });
    // Module-exact: every drawn module matches the matrix for this payload.
    expect(moduleMismatches(pdf, 1, formQrPayload(model.caseNo, 1, pages))).toBe(0);
  });

  it('sets metadata (title, author = office, creator, /Lang zh-TW)', async () => {
    const info = run('pdfinfo', [pdf]).stdout.toString('utf8');
    expect(info).toMatch(new RegExp(`^Title:\\s+${CONSENT_FORM_TITLE}`, 'm'));
    expect(info).toMatch(new RegExp(`^Author:\\s+${model.officeName}$`, 'm'));
    expect(info).toMatch(/^Creator:\s+N合一臨櫃$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)/m);
    // /Lang sits in the catalog, which may be inside a compressed object stream: read it with pdf-lib.
    const doc = await PDFDocument.load(readFileSync(pdf), { updateMetadata: false });
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(zh-TW)');
  });

  it('paginates 12 items onto several pages, each with its own QR payload and page number', async () => {
    const big = sampleConsentFormModel(12);
    const { pdf: bytes, pages: reported } = await renderConsentFormWithPages(big);
    const file = writePdf(bytes);
    const n = pageCount(file);
    expect(n).toBeGreaterThanOrEqual(2);
    expect(reported).toBe(n);
    const all = squash(text(file));
    for (const item of big.items) expect(all).toContain(squash(item.title));
    for (let p = 1; p <= n; p++) {
      const pageText = squash(text(file, p));
      expect(pageText).toContain(`第${p}頁／共${n}頁`);
      expect(pageText).toContain(big.caseNo);
      if (p > 1) expect(pageText).toContain(squash(`${CONSENT_FORM_TITLE}（續）`));
      const { img } = renderQrRegion(file, p);
      expect(img.stderr.trim()).toBe('');
      expect(decodeQr(img)).toBe(formQrPayload(big.caseNo, p, n));
      expect(moduleMismatches(file, p, formQrPayload(big.caseNo, p, n))).toBe(0);
    }
    // Each page carries its own payload, not page 1's.
    expect(moduleMismatches(file, 2, formQrPayload(big.caseNo, 1, n))).toBeGreaterThan(0);
    const r = run('pdftoppm', ['-r', '50', '-png', file, path.join(dir, 'big')], { FONTCONFIG_FILE: emptyFontconfig });
    expect(r.stderr.trim()).toBe('');
  });

  it('renders rare-but-Big5 name characters (堃 喆 玥 溫 峯) and very long values', async () => {
    const rare: ConsentFormModel = {
      ...sampleConsentFormModel(3),
      person: { name: '溫堃喆', id: 'F223456789', birthDate: '民國88年2月29日' },
      oldAddress: '臺中市霧峯區峯谷里中正路一段1234巷56弄78號之9十二樓之3',
      newAddress: `新北市板橋區玥明街${'一'.repeat(60)}號 Room 1205, No. 7, Sec. 3, Zhongshan Rd.`,
    };
    rare.items = rare.items.map((i) => ({ ...i, fields: [...i.fields, { label: '配偶', value: '林玥峯' }] }));
    const { font } = await loadFormFont();
    for (const ch of '堃喆玥溫峯霧') {
      expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(true);
      expect(font.glyphForCodePoint(ch.codePointAt(0)!).id).toBeGreaterThan(0);
    }
    const file = writePdf(await renderConsentForm(rare));
    const all = squash(text(file));
    for (const s of ['溫堃喆', '林玥峯', '霧峯區峯谷里', 'Room1205,No.7,Sec.3,ZhongshanRd.']) expect(all).toContain(s);
    const img = renderGray(file, 1, 50);
    expect(img.stderr.trim()).toBe('');
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
