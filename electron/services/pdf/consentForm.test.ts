import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { formQrPayload, parseFormQrPayload } from '../../../shared/forms/consentFormModel';
import type { ConsentFormModel } from '../../../shared/forms/consentFormModel';
import { CONSENT_FORM_LAYOUT, CONSENT_FORM_TITLE, renderConsentForm, renderConsentFormWithPages } from './consentForm';
import { sampleConsentFormModel } from './consentForm.fixtures';
import { FORM_FONT, loadFormFont } from './font';
import { darkFraction, decodeGray, popplerWorkspace, px, squash, withPoppler } from './testing/poppler';

const pdfs = popplerWorkspace('nin1-consent-');
const { run, writePdf, text, pageCount, renderGray, renderQrRegion, moduleMismatches } = pdfs;
const decodeQr = decodeGray;
const L = CONSENT_FORM_LAYOUT;

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
      ...model.eventFields.flatMap((f) => [f.label, f.value]),
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
    const png = path.join(pdfs.dir, 'page');
    const r = run('pdftoppm', ['-r', '50', '-png', pdf, png], { FONTCONFIG_FILE: pdfs.emptyFontconfig() });
    expect(r.status).toBe(0);
    expect(r.stderr.trim()).toBe('');
    expect(readdirSync(pdfs.dir).filter((f) => f.startsWith('page-') && f.endsWith('.png'))).toHaveLength(pages);

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
    const r = run('pdftoppm', ['-r', '50', '-png', file, path.join(pdfs.dir, 'big')], { FONTCONFIG_FILE: pdfs.emptyFontconfig() });
    expect(r.stderr.trim()).toBe('');
  });

  it('renders rare-but-Big5 name characters (堃 喆 玥 溫 峯) and very long values', async () => {
    const rare: ConsentFormModel = {
      ...sampleConsentFormModel(3),
      person: { name: '溫堃喆', id: 'F223456789', birthDate: '民國88年2月29日' },
      eventFields: [
        { label: '原住址', value: '臺中市霧峯區峯谷里中正路一段1234巷56弄78號之9十二樓之3', span: true },
        { label: '新住址', value: `新北市板橋區玥明街${'一'.repeat(60)}號 Room 1205, No. 7, Sec. 3, Zhongshan Rd.`, span: true },
      ],
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
