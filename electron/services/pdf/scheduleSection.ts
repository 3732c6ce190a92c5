import type { ConsentFormModel, ScheduleLine } from '../../../shared/forms/consentFormModel';
import { SOFT, TR_SIZE, gap, keyedHeading, keyedParagraphs, type Block, type FormWriter } from './formWriter';
import type { Section } from './formFlow';
import { zhText } from './printTexts';
import { tableHead, tableRow, type CellText, type Column } from './rowTable';

export const SCHEDULE_TITLE = zhText('schedule.title');
/** Printed where the law sets no deadline, so an empty cell is never read as "no hurry known". */
export const NO_DEADLINE = zhText('schedule.noDeadline');
export const SENT_THIS_VISIT = zhText('schedule.sentThisVisit');

const COLUMNS: [key: string, width: number, align?: 'center'][] = [
  ['schedule.column.no', 24, 'center'],
  ['schedule.column.matter', 112],
  ['schedule.column.agency', 96],
  ['schedule.column.deadline', 88],
  ['schedule.column.basis', 147.28],
  ['schedule.column.thisVisit', 56, 'center'],
];

const columns = (w: FormWriter): Column[] =>
  COLUMNS.map(([key, width, align]) => ({ title: w.zh(key), titleTr: w.tr(key), width, ...(align ? { align } : {}) }));

/** A fixed phrase of the table (無法定期限, 本次已通報 …) with its translation under it. */
const phrase = (w: FormWriter, key: string, style: Omit<CellText, 'text'>): CellText[] => {
  const tr = w.tr(key);
  return [{ text: w.zh(key), ...style }, ...(tr ? [{ text: tr, color: SOFT, citizen: true, size: TR_SIZE.label }] : [])];
};

const row = (w: FormWriter, cols: Column[], line: ScheduleLine, index: number): Block =>
  tableRow(w, cols, [
    String(index + 1),
    line.title,
    line.agency,
    line.dueDate ? [{ text: line.dueDate, bold: true }] : phrase(w, 'schedule.noDeadline', { color: SOFT }),
    [...(line.basis ? [{ text: line.basis }] : []), ...(line.note ? [{ text: line.note, color: SOFT }] : [])],
    line.sent ? phrase(w, 'schedule.sentThisVisit', { bold: true }) : phrase(w, 'schedule.doItYourself', { color: SOFT }),
  ]);

/**
 * 後續辦理時程 (issue 12, death bundle): every remaining matter of the life event, its agency, its
 * legal deadline in ROC dates with the law, and which ones this visit already notified. It is the
 * family's copy: a heading and a short explanation, then one table row per matter, so a long
 * schedule (death: ~35 matters) continues on further pages with the table head repeated. On a
 * bilingual printout the headings, the explanation, the column heads and the fixed phrases carry
 * the citizen's language; the matters themselves are the catalogue's Chinese.
 */
export function scheduleSection(w: FormWriter, model: ConsentFormModel): Section {
  const sent = model.schedule.filter((l) => l.sent).length;
  const vars = { role: model.personRole, name: model.person.name, date: model.rocDate, event: model.lifeEventName, sent };
  const cols = columns(w);
  const head = tableHead(w, cols);
  return {
    // Every page starts with a short heading: a full-width line there would run under the QR's case number.
    heading: [keyedHeading(w, 'schedule.heading', { count: model.schedule.length }), ...keyedParagraphs(w, 'schedule.intro', vars), gap(4), head],
    blocks: model.schedule.map((l, i) => row(w, cols, l, i)),
    continued: [keyedHeading(w, 'schedule.continued'), head],
  };
}
