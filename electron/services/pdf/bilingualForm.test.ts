import { afterAll, beforeAll, expect, it } from 'vitest';
import { formQrPayload, type ConsentFormModel } from '../../../shared/forms/consentFormModel';
import { LANGUAGES, type Language } from '../../../shared/language/languages';
import { buildConsentFormModel } from '../cases/formModel';
import { printCaseForm } from '../cases/printForm';
import type { ServiceContext } from '../context';
import { makeContext, tempDir } from '../testing/fixtures';
import { CONSENT_FORM_TITLE, renderConsentFormWithPages } from './consentForm';
import { loadTranslationFile } from './printTexts';
import { createExampleCase } from './testing/exampleCases';
import { popplerWorkspace, squash, withPoppler } from './testing/poppler';

// Issue 16 §1: the consent form in each citizen language, from saved example cases, read back with
// poppler (text, fonts, rendering with system fonts hidden, the QR on every page).
const pdfs = popplerWorkspace('nin1-bilingual-');
const tmp = tempDir('nin1-bilingual-db-');
let ctx: ServiceContext;
const OTHERS = LANGUAGES.filter((l) => l !== 'zh-TW');
const cases = new Map<string, { caseNo: string; model: ConsentFormModel }>();
const forms = new Map<Language, { file: string; pages: number }>();

beforeAll(async () => {
  ctx = makeContext(tmp.file('cases.sqlite'));
  for (const event of ['assistance', 'death']) {
    const caseNo = createExampleCase(ctx, event);
    cases.set(event, { caseNo, model: buildConsentFormModel(ctx, caseNo) });
  }
  // 救生圈: the form, its items and the 一次告知 補件 page, once per language (through the app's print path).
  for (const lang of OTHERS) {
    const { pdf, pages } = await printCaseForm(ctx, null, cases.get('assistance')!.caseNo, lang);
    forms.set(lang, { file: pdfs.writePdf(pdf), pages });
  }
});
afterAll(() => {
  ctx.db.close();
  tmp.cleanup();
});

const tr = (lang: Language, key: string) => loadTranslationFile('print', lang)[key]!;
/** pdftotext in content-stream order: a wrapped paragraph's lines come out together, not interleaved with the signature column. */
const rawText = (file: string): string => pdfs.run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']).stdout.toString('utf8');

withPoppler('bilingual consent form (issue 16 §1)', () => {
  it('pdftotext returns both languages: the Chinese original and, in each language, the headings, item titles, consent sentences and instructions', () => {
    const { model } = cases.get('assistance')!;
    for (const lang of OTHERS) {
      const text = squash(rawText(forms.get(lang)!.file));
      for (const zh of [CONSENT_FORM_TITLE, '本人同意事項', '一次告知補件通知單', ...model.items.map((i) => i.consentText)]) expect(text, `${lang}: ${zh}`).toContain(squash(zh));
      const keys = ['form.title', 'form.signature', 'form.privacy.heading', 'form.label.caseNo', 'missing.title', 'form.translationNote', ...model.items.map((i) => `item.${i.code}.title`)];
      for (const key of keys) expect(text, `${lang}: ${key}`).toContain(squash(tr(lang, key)));
      // Each consent sentence in the citizen's language, whole (Khmer included: /ActualText gives it back in logical order).
      for (const i of model.items) expect(text, `${lang}: item.${i.code}.consent`).toContain(squash(tr(lang, `item.${i.code}.consent`)));
      // Drafts are marked in the data only, never on paper.
      expect(text).not.toMatch(/draft/i);
    }
  });

  it('embeds only subsets (tagged names) of Noto fonts, and every page renders from them alone without a poppler warning', () => {
    const expected: Record<string, string[]> = {
      th: ['NotoSansCJKtc-Regular', 'NotoSansThai-Regular', 'NotoSans-Regular'],
      km: ['NotoSansCJKtc-Regular', 'NotoSansKhmer-Regular', 'NotoSans-Regular'],
      vi: ['NotoSansCJKtc-Regular', 'NotoSans-Regular'],
    };
    for (const lang of OTHERS) {
      if (!expected[lang]) continue; // en, id and zh-Hans use the same fonts as vi
      const { file } = forms.get(lang)!;
      const rows = pdfs.fonts(file);
      for (const cols of rows) {
        expect(cols[0], lang).toMatch(/^[A-Z]{6}\+Noto/);
        expect(cols.slice(-5, -2), `${lang} ${cols[0]}`).toEqual(['yes', 'yes', 'yes']);
      }
      expect(rows.map((c) => c[0]!.slice(7)).sort(), lang).toEqual(expected[lang].sort());
      expect(pdfs.renderAll(file), lang).toBe('');
    }
  });

  it('a bilingual form takes more pages, and the QR on every page still says page n of the new total', async () => {
    const { caseNo, model } = cases.get('death')!;
    const zh = await renderConsentFormWithPages(model);
    const vi = await renderConsentFormWithPages(model, { language: 'vi' });
    expect(vi.pages).toBeGreaterThan(zh.pages);
    const file = pdfs.writePdf(vi.pdf);
    expect(pdfs.pageCount(file)).toBe(vi.pages);
    // One poppler run each for all pages (pdftotext ends every page with a form feed).
    const qrs = pdfs.decodeQrPages(file);
    const pageTexts = rawText(file).split('\f');
    expect(qrs).toHaveLength(vi.pages);
    for (let p = 1; p <= vi.pages; p++) {
      expect(qrs[p - 1], `QR on page ${p}`).toBe(formQrPayload(caseNo, p, vi.pages));
      expect(squash(pageTexts[p - 1]!)).toContain(squash(`第 ${p} 頁／共 ${vi.pages} 頁 Trang ${p}/${vi.pages}`));
    }
    // The 後續辦理時程 page is bilingual too.
    expect(squash(pageTexts.join(''))).toContain(squash(tr('vi', 'schedule.title')));
  });

  it('the case’s language is the default: a case saved with language km prints Khmer beside the Chinese', async () => {
    const { caseNo } = cases.get('assistance')!;
    ctx.db.prepare('UPDATE cases SET language = ? WHERE case_no = ?').run('km', caseNo);
    const text = squash(pdfs.text(pdfs.writePdf((await printCaseForm(ctx, null, caseNo)).pdf)));
    expect(text).toContain(squash(tr('km', 'form.title')));
    ctx.db.prepare('UPDATE cases SET language = NULL WHERE case_no = ?').run(caseNo);
    expect(squash(pdfs.text(pdfs.writePdf((await printCaseForm(ctx, null, caseNo)).pdf)))).not.toContain(squash(tr('km', 'form.title')));
  });
});
