import type { ConsentFormModel } from '../../../shared/forms/consentFormModel';
import { CONTENT_W, MARGIN_X, SIZE, SOFT, TR_SIZE, gap, keyedHeading, keyedParagraphs, type Block, type FormWriter } from './formWriter';
import type { Section } from './formFlow';
import { zhText } from './printTexts';
import { tableHead, tableRow, type Column } from './rowTable';

export const MISSING_DOCUMENTS_TITLE = zhText('missing.title');

const COLUMNS: [key: string, width: number, align?: 'center'][] = [
  ['missing.column.no', 30, 'center'],
  ['missing.column.document', 393.28],
  ['missing.column.received', 100],
];

const columns = (w: FormWriter): Column[] =>
  COLUMNS.map(([key, width, align]) => ({ title: w.zh(key), titleTr: w.tr(key), width, ...(align ? { align } : {}) }));

/** Clerk and citizen lines under the list: who asked, and the citizen's receipt of the notice (its label translated: the citizen signs there). */
const signatureLines = (w: FormWriter, model: ConsentFormModel): Block => {
  const ack = w.zh('missing.acknowledge', { role: model.personRole });
  const ackTr = w.tr('missing.acknowledge', { role: model.personRole });
  return {
    height: 44 + (ackTr ? 8 : 0),
    draw: (page, top) => {
      const base = top - 20;
      w.text(page, w.zh('missing.office', { office: model.officeName }), MARGIN_X, base, { size: SIZE.label });
      w.text(page, w.zh('missing.clerk', { clerk: model.clerkName }), MARGIN_X + 250, base, { size: SIZE.label });
      w.text(page, w.zh('missing.date', { date: model.rocDate }), MARGIN_X, base - 18, { size: SIZE.label });
      w.text(page, ack, MARGIN_X + 250, base - 18, { size: SIZE.label });
      w.line(page, MARGIN_X + 250 + w.width(ack, SIZE.label), base - 20, MARGIN_X + CONTENT_W, base - 20, 0.5, SOFT);
      if (ackTr) w.text(page, ackTr, MARGIN_X + 250, base - 28, { size: TR_SIZE.label, color: SOFT, citizen: true });
    },
  };
};

/**
 * 一次告知 (issue 12, 救生圈): every document still missing, asked for once and all together, with
 * the case number, date and office, so the citizen comes back once. The case waits in 待補件 and
 * the day the last document arrives is the 證件備齊日. Printed as its own page of the form, with the
 * form's QR, so the slip brought back with the documents finds its case at the scanner. On a
 * bilingual printout the explanation, headings and column heads carry the citizen's language.
 */
export function missingDocumentsSection(w: FormWriter, model: ConsentFormModel): Section {
  const vars = { name: model.person.name, date: model.rocDate, office: model.officeName, event: model.lifeEventName, caseNo: model.caseNo, count: model.missingDocuments.length };
  const cols = columns(w);
  const head = tableHead(w, cols);
  const received = [{ text: w.zh('missing.received') }, ...(w.tr('missing.received') ? [{ text: w.tr('missing.received')!, color: SOFT, citizen: true, size: TR_SIZE.label }] : [])];
  return {
    // Every page starts with a short heading: a full-width line there would run under the QR's case number.
    heading: [keyedHeading(w, 'missing.heading', { count: model.missingDocuments.length }), ...keyedParagraphs(w, 'missing.intro', vars), gap(4), head],
    blocks: model.missingDocuments.map((doc, i) => tableRow(w, cols, [String(i + 1), doc, received], SIZE.body)),
    continued: [keyedHeading(w, 'missing.continued'), head],
    after: [gap(6), ...keyedParagraphs(w, 'missing.outro', {}, { color: SOFT, size: SIZE.label }), signatureLines(w, model)],
  };
}
