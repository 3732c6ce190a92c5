import type { ConsentFormModel } from '../../../shared/forms/consentFormModel';
import { CONTENT_W, MARGIN_X, SIZE, SOFT, gap, paragraph, sectionHeading, type Block, type FormWriter } from './formWriter';
import type { Section } from './formFlow';
import { tableHead, tableRow, type Column } from './rowTable';

export const MISSING_DOCUMENTS_TITLE = '一次告知補件通知單';

const COLUMNS: Column[] = [
  { title: '項次', width: 30, align: 'center' },
  { title: '應補正文件', width: 393.28 },
  { title: '收件（承辦人註記）', width: 100 },
];

/** Clerk and citizen lines under the list: who asked, and the citizen's receipt of the notice. */
const signatureLines = (w: FormWriter, model: ConsentFormModel): Block => ({
  height: 44,
  draw: (page, top) => {
    const base = top - 20;
    w.text(page, `受理機關：${model.officeName}`, MARGIN_X, base, { size: SIZE.label });
    w.text(page, `承辦人員：${model.clerkName}`, MARGIN_X + 250, base, { size: SIZE.label });
    w.text(page, `通知日期：${model.rocDate}`, MARGIN_X, base - 18, { size: SIZE.label });
    w.text(page, `${model.personRole}簽收：`, MARGIN_X + 250, base - 18, { size: SIZE.label });
    w.line(page, MARGIN_X + 250 + w.width(`${model.personRole}簽收：`, SIZE.label), base - 20, MARGIN_X + CONTENT_W, base - 20, 0.5, SOFT);
  },
});

/**
 * 一次告知 (issue 12, 救生圈): every document still missing, asked for once and all together, with
 * the case number, date and office, so the citizen comes back once. The case waits in 待補件 and
 * the day the last document arrives is the 證件備齊日. Printed as its own page of the form, with the
 * form's QR, so the slip brought back with the documents finds its case at the scanner.
 */
export function missingDocumentsSection(w: FormWriter, model: ConsentFormModel): Section {
  const intro =
    `${model.person.name} 君：您於${model.rocDate}向${model.officeName}申辦「${model.lifeEventName}」（案件編號 ${model.caseNo}），` +
    `經查尚缺下列文件 ${model.missingDocuments.length} 件。依一次告知原則，應補正之文件全部列明如下，請備齊後攜帶本通知單一次補件。`;
  const outro = '全部文件補齊之日為本案之證件備齊日，本案自該日起續行辦理；文件未補齊前，本案列為待補件。';
  const head = tableHead(w, COLUMNS);
  return {
    // Every page starts with a short heading: a full-width line there would run under the QR's case number.
    heading: [sectionHeading(w, `應補正文件（共 ${model.missingDocuments.length} 件）`), paragraph(w, intro), gap(4), head],
    blocks: model.missingDocuments.map((doc, i) => tableRow(w, COLUMNS, [String(i + 1), doc, '□ 已收'], SIZE.body)),
    continued: [sectionHeading(w, '應補正文件（續）'), head],
    after: [gap(6), paragraph(w, outro, { color: SOFT, size: SIZE.label }), signatureLines(w, model)],
  };
}
