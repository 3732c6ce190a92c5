import { afterAll, beforeAll, expect, it } from 'vitest';
import { formQrPayload, type ConsentFormModel } from '../../../shared/forms/consentFormModel';
import { buildConsentFormModel } from '../cases/formModel';
import { printCaseForm } from '../cases/printForm';
import type { ServiceContext } from '../context';
import { makeContext, tempDir } from '../testing/fixtures';
import { renderConsentFormWithPages } from './consentForm';
import { MISSING_DOCUMENTS_TITLE } from './missingDocumentsSlip';
import { NO_DEADLINE, SCHEDULE_TITLE, SENT_THIS_VISIT } from './scheduleSection';
import { createExampleCase } from './testing/exampleCases';
import { popplerWorkspace, squash, withPoppler } from './testing/poppler';

// Every life event's example visit saved on a real SQLite file, printed through the print path the
// app and `print-form` use, and read back with poppler.
const pdfs = popplerWorkspace('nin1-life-forms-');
const tmp = tempDir('nin1-life-forms-db-');
let ctx: ServiceContext;
const printed = new Map<string, { caseNo: string; model: ConsentFormModel; file: string; pages: number }>();

beforeAll(async () => {
  ctx = makeContext(tmp.file('cases.sqlite'));
  for (const event of ['move', 'death', 'birth', 'assistance']) {
    const caseNo = createExampleCase(ctx, event);
    const { pdf, pages } = await printCaseForm(ctx, null, caseNo);
    printed.set(event, { caseNo, model: buildConsentFormModel(ctx, caseNo), file: pdfs.writePdf(pdf), pages });
  }
});
afterAll(() => {
  ctx.db.close();
  tmp.cleanup();
});

const get = (event: string) => printed.get(event)!;

/** Every page: its QR decodes to NIN1:<case>:<page>/<pages> and its footer says 第 p 頁／共 n 頁. */
const expectPagesNumbered = (file: string, caseNo: string, pages: number): void => {
  expect(pdfs.pageCount(file)).toBe(pages);
  for (let p = 1; p <= pages; p++) {
    expect(pdfs.decodeQr(file, p), `QR on page ${p}`).toBe(formQrPayload(caseNo, p, pages));
    expect(squash(pdfs.text(file, p))).toContain(`第${p}頁／共${pages}頁`);
  }
};

withPoppler('consent form of every life event (issue 12)', () => {
  it('finding 1: a death case prints the deceased, the event fields, every item with its consent text and a signature box each', () => {
    const { file, model } = get('death');
    const all = squash(pdfs.text(file));
    expect(all).toContain(squash('申請人及關係人資料'));
    for (const s of ['亡者', '陳文雄', 'E102055517', '民國30年6月2日', '陳淑芬', 'E220312348']) expect(all, s).toContain(s);
    // The catalogue's event fields with their labels, long labels included (they wrap, pdftotext joins them).
    for (const f of model.eventFields) {
      expect(all, f.label).toContain(squash(f.label));
      expect(all, f.value).toContain(squash(f.value));
    }
    expect(all).toContain(squash('死亡證明書（相驗屍體證明書）字號'));
    expect(all).toContain('高市鳳醫字第1150012345號');
    expect(model.items.length).toBe(8);
    for (const item of model.items) for (const s of [item.title, item.receiverName, item.consentText]) expect(all, s).toContain(squash(s));
    // One signature box per item plus the personal-data consent's.
    expect(all.split('申請人簽章').length - 1).toBeGreaterThanOrEqual(model.items.length + 1);
    // The consent wording no longer speaks of 遷徙's 新舊住址 on a death form.
    expect(all).not.toContain('新舊住址');
    expect(all).toContain(squash('本人及所列關係人之姓名'));
  });

  it('finding 1: birth prints 新生兒, 父 and 母; assistance prints each household member with relation and 稱謂', () => {
    const birth = squash(pdfs.text(get('birth').file));
    for (const s of ['新生兒', '林語彤', '民國115年11月10日', '父', '林志豪', '母', '黃雅婷', 'S223456786', '高市婦字第1150045678號']) expect(birth, s).toContain(s);
    const assistance = squash(pdfs.text(get('assistance').file));
    for (const s of ['戶內人口（家庭成員）', '張家豪', '子女／長子', '張國華', 'E120312346', '民國39年1月20日', '新臺幣18,000元']) expect(assistance, s).toContain(s);
    // A 稱謂 equal to the relation (父, 父) is printed once, not 父／父.
    expect(get('assistance').model.participants.map((p) => p.relation)).toEqual(['子女／長子', '父']);
  });

  it('finding 1: 遷徙 prints as before: one applicant, 原住址 and 新住址, no schedule and no slip', () => {
    const { file, model, pages } = get('move');
    const all = squash(pdfs.text(file));
    expect(model.eventFields.slice(0, 2).map((f) => f.label)).toEqual(['原住址', '新住址']);
    for (const s of ['一、申請人資料', '原住址', '高雄市苓雅區四維三路2號', '新住址', '高雄市鳳山區光復路二段132號', '王小明']) expect(all, s).toContain(squash(s));
    expect(all).not.toContain(SCHEDULE_TITLE);
    expect(all).not.toContain(MISSING_DOCUMENTS_TITLE);
    expect(all).not.toContain('關係人');
    // The example visit (5 items) fitted one sheet before issue 12's layout; it still does.
    expect(pages).toBe(1);
  });

  it('finding 2: a death case prints the 後續辦理時程: every matter, agency, ROC deadline and law, 本次已通報 for what this visit sent', () => {
    const { file, model, pages, caseNo } = get('death');
    const all = squash(pdfs.text(file));
    expect(model.schedule.length).toBeGreaterThan(30);
    expect(all).toContain(SCHEDULE_TITLE);
    // 遺產稅 and 繼承登記: six months from the date of death (2026-11-18).
    expect(all).toContain('民國116年5月18日');
    for (const line of model.schedule) {
      for (const s of [line.title, line.agency, line.dueDate, line.basis, line.note]) if (s) expect(all, s).toContain(squash(s));
    }
    const sent = model.schedule.filter((l) => l.sent).length;
    expect(sent).toBeGreaterThan(0);
    expect(all.split(SENT_THIS_VISIT).length - 1).toBe(sent + 1); // each sent row, and the count in the explanation
    expect(all).toContain(squash(`本次已通報 ${sent} 項`));
    expect(all.split(NO_DEADLINE).length - 1).toBe(model.schedule.filter((l) => !l.dueDate).length);
    // ~35 rows do not fit one page: the schedule continues, and every page is numbered over the whole printout.
    const schedulePages = Array.from({ length: pages }, (_, i) => i + 1).filter((p) => squash(pdfs.text(file, p)).includes(SCHEDULE_TITLE));
    expect(schedulePages.length).toBeGreaterThanOrEqual(2);
    expect(schedulePages.at(-1)).toBe(pages);
    expectPagesNumbered(file, caseNo, pages);
  });

  it('finding 2: a schedule of 120 matters runs over several pages with the table head repeated and the QR numbering right', async () => {
    const base = get('death').model;
    const long: ConsentFormModel = { ...base, schedule: Array.from({ length: 120 }, (_, i) => ({ ...base.schedule[i % base.schedule.length]!, title: `事項${i + 1}號` })) };
    const { pdf, pages, layout } = await renderConsentFormWithPages(long);
    const file = pdfs.writePdf(pdf);
    const all = squash(pdfs.text(file));
    for (let i = 1; i <= 120; i++) expect(all).toContain(`事項${i}號`);
    expect(pages).toBeGreaterThanOrEqual(6);
    // Continuation pages: the （續） heading and the table head again, so a loose page still reads.
    for (let p = layout.consentPage + 2; p <= pages; p++) {
      const page = squash(pdfs.text(file, p));
      for (const s of ['後續應辦事項（續）', '法定期限', '法令依據／說明', '本次辦理']) expect(page, `page ${p}`).toContain(s);
    }
    expectPagesNumbered(file, long.caseNo, pages);
    expect(pdfs.renderAll(file)).toBe('');
  });

  it('finding 3: missing documents print a 一次告知 補件通知 page with the case number, date, office and every document', async () => {
    const { file, model, pages, caseNo } = get('assistance');
    expect(model.missingDocuments).toEqual(['在學證明']);
    const last = squash(pdfs.text(file, pages));
    for (const s of [MISSING_DOCUMENTS_TITLE, caseNo, model.rocDate, model.officeName, model.person.name, '在學證明', '證件備齊日']) expect(last, s).toContain(squash(s));
    expect(squash(pdfs.text(file, pages - 1))).not.toContain(MISSING_DOCUMENTS_TITLE);
    expectPagesNumbered(file, caseNo, pages);
    // Several documents are all asked for at once, on the one slip.
    const many: ConsentFormModel = { ...model, missingDocuments: ['在學證明', '存摺封面影本', '租賃契約', '身心障礙證明', '醫療費用收據'] };
    const { pdf, pages: n } = await renderConsentFormWithPages(many);
    const manyFile = pdfs.writePdf(pdf);
    const slip = squash(pdfs.text(manyFile, n));
    for (const d of many.missingDocuments) expect(slip).toContain(d);
    expect(slip).toContain('應補正文件（共5件）');
  });

  it('finding 4: every life event prints with one embedded subset font and renders from it alone', () => {
    for (const [event, { file, caseNo, pages }] of printed) {
      const fonts = pdfs.fonts(file);
      expect(fonts, event).toHaveLength(1);
      expect(fonts[0]![0]).toMatch(/^[A-Z]{6}\+NotoSansCJKtc-Regular$/);
      expect(fonts[0]!.slice(-5, -2), event).toEqual(['yes', 'yes', 'yes']);
      expect(pdfs.renderAll(file), event).toBe('');
      expect(pdfs.decodeQr(file, pages), event).toBe(formQrPayload(caseNo, pages, pages));
    }
  });

  it('finding 4: printing records the layout with the full page count (schedule pages included) and audits it', () => {
    const { caseNo, pages } = get('death');
    const layout = ctx.db
      .prepare('SELECT DISTINCT f.form_pages FROM consent_form_pages f JOIN cases c ON c.id = f.case_id WHERE c.case_no = ?')
      .pluck()
      .all(caseNo);
    expect(layout).toEqual([pages]);
    const audit = ctx.db.prepare("SELECT detail FROM audit WHERE action = 'case.print' AND case_no = ?").pluck().get(caseNo) as string;
    expect(JSON.parse(audit)).toMatchObject({ pages, items: 8 });
  });
});
