import type { ConsentFormModel, ScheduleLine } from '../../../shared/forms/consentFormModel';
import { SOFT, gap, paragraph, sectionHeading, type Block, type FormWriter } from './formWriter';
import type { Section } from './formFlow';
import { tableHead, tableRow, type Column } from './rowTable';

export const SCHEDULE_TITLE = '後續辦理時程';
/** Printed where the law sets no deadline, so an empty cell is never read as "no hurry known". */
export const NO_DEADLINE = '無法定期限';
export const SENT_THIS_VISIT = '本次已通報';

const COLUMNS: Column[] = [
  { title: '項次', width: 24, align: 'center' },
  { title: '辦理事項', width: 112 },
  { title: '辦理機關', width: 96 },
  { title: '法定期限', width: 88 },
  { title: '法令依據／說明', width: 147.28 },
  { title: '本次辦理', width: 56, align: 'center' },
];

const row = (w: FormWriter, line: ScheduleLine, index: number): Block =>
  tableRow(w, COLUMNS, [
    String(index + 1),
    line.title,
    line.agency,
    [{ text: line.dueDate || NO_DEADLINE, ...(line.dueDate ? { bold: true } : { color: SOFT }) }],
    [...(line.basis ? [{ text: line.basis }] : []), ...(line.note ? [{ text: line.note, color: SOFT }] : [])],
    [line.sent ? { text: SENT_THIS_VISIT, bold: true } : { text: '請自行辦理', color: SOFT }],
  ]);

/**
 * 後續辦理時程 (issue 12, death bundle): every remaining matter of the life event, its agency, its
 * legal deadline in ROC dates with the law, and which ones this visit already notified. It is the
 * family's copy: a heading and a short explanation, then one table row per matter, so a long
 * schedule (death: ~35 matters) continues on further pages with the table head repeated.
 */
export function scheduleSection(w: FormWriter, model: ConsentFormModel): Section {
  const sent = model.schedule.filter((l) => l.sent).length;
  const intro =
    `${model.personRole}${model.person.name}於${model.rocDate}申辦「${model.lifeEventName}」，後續尚需辦理下列事項（本次已通報 ${sent} 項）。` +
    `法定期限依相關法令自事實發生之日起算；逾期可能受罰或喪失權利，請及早辦理。本頁由申請人留存，免簽章、免繳回。`;
  const head = tableHead(w, COLUMNS);
  return {
    // Every page starts with a short heading: a full-width line there would run under the QR's case number.
    heading: [sectionHeading(w, `後續應辦事項（共 ${model.schedule.length} 項）`), paragraph(w, intro), gap(4), head],
    blocks: model.schedule.map((l, i) => row(w, l, i)),
    continued: [sectionHeading(w, '後續應辦事項（續）'), head],
  };
}
