import type { PDFPage } from 'pdf-lib';
import { formQrPayload } from '../../../shared/forms/consentFormModel';
import type { ConsentFormItem, ConsentFormModel } from '../../../shared/forms/consentFormModel';
import { DEFAULT_LANGUAGE, type Language } from '../../../shared/language/languages';
import { openPrintout } from './bilingualDocument';
import { FormFlow, type PageHeader } from './formFlow';
import { gridRows, pairCells, type GridColumns } from './formGrid';
import {
  BODY_LH,
  CONTENT_W,
  FOOTER_BASELINE,
  FOOTER_RULE_Y,
  FormWriter,
  HEADER_H,
  MARGIN_TOP,
  MARGIN_X,
  PAGE_H,
  PAGE_W,
  QR_SIZE,
  QR_TOP,
  QR_X,
  ROW_HEAD_H,
  SHADE,
  SIZE,
  SOFT,
  TR_SIZE,
  gap,
  keyedHeading,
  sectionHeading as sectionHeadingOf,
  type Block,
} from './formWriter';
import { stampMetadata } from './metadata';
import { missingDocumentsSection } from './missingDocumentsSlip';
import { zhText } from './printTexts';
import { drawQrCode } from './qr';
import { tableHead, tableRow, type Column } from './rowTable';
import { scheduleSection } from './scheduleSection';

export const CONSENT_FORM_TITLE = zhText('form.title');

export type RenderConsentFormOptions = {
  /** Absolute font path instead of resources/fonts/… (tests, packaged app). */
  fontPath?: string;
  /** Creation date written to the PDF metadata (default: now). */
  now?: Date;
  /** The citizen's language: every heading, consent sentence and instruction gets it beside or below the Chinese (default zh-TW: Chinese only). */
  language?: Language;
};

// ---------------------------------------------------------------------------------------------
// Geometry (PDF points, origin bottom-left; shared with the extra pages in formWriter.ts). Exported
// so tests can find the QR code and title.

const SIG_W = 104; // signature column

export const CONSENT_FORM_LAYOUT = {
  pageWidth: PAGE_W,
  pageHeight: PAGE_H,
  marginX: MARGIN_X,
  marginTop: MARGIN_TOP,
  /** QR symbol (without quiet zone): left x, top y, side, in points. */
  qr: { x: QR_X, top: QR_TOP, size: QR_SIZE },
  /** Band holding the page-1 title, from the top edge down (points). */
  titleBand: { top: MARGIN_TOP, height: 30 },
} as const;

// ---------------------------------------------------------------------------------------------
// Blocks

/** 申請人 grid: office, case, date, event, then the primary participant (申請人, 申請人（家屬）…). */
const APPLICANT_COLUMNS: GridColumns = [74, 182, 94, CONTENT_W - 74 - 182 - 94];
/** Event fields: wider label columns, for the catalogue's longer labels. */
const EVENT_COLUMNS: GridColumns = [110, CONTENT_W / 2 - 110, 110, CONTENT_W / 2 - 110];

const applicantRows = (w: FormWriter, model: ConsentFormModel): Block[] => {
  const cell = (key: string, value: string, label = w.zh(key)) => ({ label, value, labelTr: w.tr(key) });
  return gridRows(
    w,
    [
      [cell('form.label.office', model.officeName), cell('form.label.caseNo', model.caseNo)],
      [cell('form.label.date', model.rocDate), { ...cell('form.label.event', model.lifeEventName), valueTr: w.citizen?.texts.trBySource('lifeEvent.', model.lifeEventName) ?? null }],
      [cell('form.label.name', model.person.name, `${model.personRole}${w.zh('form.label.name')}`), cell('form.label.id', model.person.id)],
      [
        // A role without a birth date (the family member of a death) prints the relation instead.
        model.person.birthDate || !model.person.relation ? cell('form.label.birthDate', model.person.birthDate) : cell('form.label.relation', model.person.relation),
        cell('form.label.phone', model.person.phone ?? ''),
      ],
    ],
    APPLICANT_COLUMNS,
  );
};

const PARTICIPANT_COLUMN_KEYS: [string, number][] = [
  ['form.column.role', 112],
  ['form.label.name', 104],
  ['form.column.relationTitle', 104],
  ['form.label.id', 110],
  ['form.label.birthDate', CONTENT_W - 112 - 104 - 104 - 110],
];
const participantColumns = (w: FormWriter): Column[] => PARTICIPANT_COLUMN_KEYS.map(([key, width]) => ({ title: w.zh(key), titleTr: w.tr(key), width }));

/** Everyone else the case names (亡者, 新生兒, 父, 母, 戶內人口 …): one row each, so a large household continues on the next page. */
const participantRows = (w: FormWriter, model: ConsentFormModel): Block[] =>
  model.participants.map((p) => tableRow(w, participantColumns(w), [p.roleLabel, p.name, p.relation, p.id, p.birthDate], SIZE.body));

/** Signature column on the right of a block: shaded header 申請人簽章 (its translation just under it), empty space to sign in. */
const drawSignatureCell = (w: FormWriter, page: PDFPage, top: number, height: number): void => {
  const x = MARGIN_X + CONTENT_W - SIG_W;
  w.rect(page, x, top, SIG_W, ROW_HEAD_H, { fill: SHADE });
  w.text(page, w.zh('form.signature'), x + SIG_W / 2, FormWriter.baseline(top, ROW_HEAD_H, SIZE.label), {
    size: SIZE.label,
    align: 'center',
    color: SOFT,
  });
  const tr = w.tr('form.signature');
  if (tr) {
    w.text(page, tr, x + SIG_W / 2, top - ROW_HEAD_H - 9, { size: w.fit(tr, TR_SIZE.label, SIG_W - 6, 5.5, true), align: 'center', color: SOFT, citizen: true });
  }
  w.line(page, x, top, x, top - height, 0.6);
  w.line(page, x, top - ROW_HEAD_H, x + SIG_W, top - ROW_HEAD_H);
};

const MIN_BLOCK_H = ROW_HEAD_H + 40; // room to sign or stamp

/** One 申請項目: title, receiving agency, fields, consent sentence, signature box. */
const itemBlock = (w: FormWriter, item: ConsentFormItem, index: number): Block => {
  const leftW = CONTENT_W - SIG_W;
  const pad = 7;
  const innerW = leftW - 2 * pad;
  const kind = w.zh(item.kind === 'verification' ? 'form.item.verification' : 'form.item.notification');
  const heading = `${index + 1}. ${item.title}`;
  const tag = `〔${kind}〕${item.code}`;
  const receiver = w.zh('form.item.receiver', { agency: item.receiverName });
  // The citizen's language under the title and under the consent sentence, only while the catalogue still says what was translated.
  const titleTr = w.citizen?.texts.trOf(`item.${item.code}.title`, item.title) ?? null;
  const consentTrText = w.citizen?.texts.trOf(`item.${item.code}.consent`, item.consentText) ?? null;
  const tagW = 6 + w.width(tag, SIZE.small);
  const titleSize = w.fit(heading, SIZE.itemTitle, innerW - tagW, 8);
  const headingW = w.width(heading, titleSize) + tagW;
  const receiverInHeader = headingW + 16 + w.width(receiver, SIZE.label) <= innerW;

  // Field rows: pairs that fit half the width sit side by side; others take the full width.
  type FieldLine = { label: string; lines: string[]; col: 0 | 1; valueX: number };
  const halfW = (innerW - 10) / 2;
  const fields = [...(receiverInHeader ? [] : [{ label: w.zh('form.label.office'), value: item.receiverName }]), ...item.fields];
  const rows: FieldLine[][] = [];
  let pending: FieldLine | undefined;
  for (const f of fields) {
    const label = `${f.label}：`;
    const labelW = w.width(label, SIZE.label);
    const valueW = w.width(f.value, SIZE.body);
    if (labelW + valueW <= halfW) {
      const cell: FieldLine = { label, lines: [f.value], col: pending ? 1 : 0, valueX: labelW };
      if (pending) {
        rows.push([pending, cell]);
        pending = undefined;
      } else pending = cell;
    } else {
      if (pending) rows.push([pending]);
      pending = undefined;
      rows.push([{ label, lines: w.wrap(f.value, SIZE.body, innerW - labelW), col: 0, valueX: labelW }]);
    }
  }
  if (pending) rows.push([pending]);
  const fieldLines = rows.reduce((s, r) => s + Math.max(...r.map((c) => c.lines.length)), 0);
  const consent = w.wrap(item.consentText, SIZE.body, innerW);
  const titleTrLines = titleTr ? w.wrap(titleTr, TR_SIZE.body, innerW, true) : [];
  const consentTr = consentTrText ? w.wrap(consentTrText, TR_SIZE.body, innerW, true) : [];
  const trLh = TR_SIZE.body * 1.4;
  const bodyH = (fieldLines + consent.length) * BODY_LH + (fieldLines > 0 ? 3 : 0) + (titleTrLines.length + consentTr.length) * trLh;
  const height = Math.max(MIN_BLOCK_H, ROW_HEAD_H + 4 + bodyH + 5);

  return {
    height,
    draw: (page, top) => {
      const x = MARGIN_X;
      w.rect(page, x, top, leftW, ROW_HEAD_H, { fill: SHADE });
      const hb = FormWriter.baseline(top, ROW_HEAD_H, SIZE.itemTitle);
      w.text(page, heading, x + pad, hb, { size: titleSize, bold: true });
      w.text(page, tag, x + pad + w.width(heading, titleSize) + 6, hb, { size: SIZE.small, color: SOFT });
      if (receiverInHeader) {
        w.text(page, receiver, x + leftW - pad, FormWriter.baseline(top, ROW_HEAD_H, SIZE.label), {
          size: SIZE.label,
          align: 'right',
        });
      }
      w.line(page, x, top - ROW_HEAD_H, x + leftW, top - ROW_HEAD_H);
      let lineTop = top - ROW_HEAD_H - 4;
      w.lines(page, titleTrLines, x + pad, lineTop, trLh, { size: TR_SIZE.body, color: SOFT, citizen: true });
      lineTop -= titleTrLines.length * trLh;
      for (const row of rows) {
        for (const cell of row) {
          const cx = x + pad + cell.col * (halfW + 10);
          w.text(page, cell.label, cx, FormWriter.baseline(lineTop, BODY_LH, SIZE.body), {
            size: SIZE.label,
            color: SOFT,
          });
          cell.lines.forEach((ln, k) => {
            w.text(page, ln, cx + cell.valueX, FormWriter.baseline(lineTop - k * BODY_LH, BODY_LH, SIZE.body), {
              size: SIZE.body,
            });
          });
        }
        lineTop -= Math.max(...row.map((c) => c.lines.length)) * BODY_LH;
      }
      if (fieldLines > 0) lineTop -= 3;
      consent.forEach((ln, k) => {
        w.text(page, ln, x + pad, FormWriter.baseline(lineTop - k * BODY_LH, BODY_LH, SIZE.body), { size: SIZE.body });
      });
      w.lines(page, consentTr, x + pad, lineTop - consent.length * BODY_LH, trLh, { size: TR_SIZE.body, citizen: true });
      drawSignatureCell(w, page, top, height);
      w.rect(page, x, top, CONTENT_W, height, { border: 0.9 });
    },
  };
};

/** 個人資料保護法 consent for the whole case, with its own signature box and the clerk line. */
const privacyBlock = (w: FormWriter, model: ConsentFormModel): Block => {
  const leftW = CONTENT_W - SIG_W;
  const pad = 7;
  const receivers = [...new Set(model.items.map((i) => i.receiverName))].join('、');
  const related = model.participants.length > 0;
  // Worded for any life event: the data are whatever the form lists (participants, event fields), not 遷徙's two addresses.
  const vars = { office: model.officeName, receivers, whose: related ? w.zh('form.privacy.whoseRelated') : '' };
  const text = w.zh('form.privacy.text', vars);
  const textTr = w.tr('form.privacy.text', { ...vars, whose: related ? (w.tr('form.privacy.whoseRelated') ?? '') : '' });
  const lines = w.wrap(text, SIZE.body, leftW - 2 * pad);
  const trLines = textTr ? w.wrap(textTr, TR_SIZE.body, leftW - 2 * pad, true) : [];
  const headingTr = w.tr('form.privacy.heading');
  const lh = BODY_LH;
  const trLh = TR_SIZE.body * 1.4;
  const boxH = Math.max(MIN_BLOCK_H, ROW_HEAD_H + 4 + lines.length * lh + trLines.length * trLh + 5);
  const clerkH = 16;
  return {
    height: boxH + clerkH,
    draw: (page, top) => {
      const x = MARGIN_X;
      w.rect(page, x, top, leftW, ROW_HEAD_H, { fill: SHADE });
      const hb = FormWriter.baseline(top, ROW_HEAD_H, SIZE.itemTitle);
      const heading = w.zh('form.privacy.heading');
      w.text(page, heading, x + pad, hb, { size: SIZE.itemTitle, bold: true });
      if (headingTr) w.text(page, headingTr, x + pad + w.width(heading, SIZE.itemTitle) + 8, hb, { size: TR_SIZE.heading, color: SOFT, citizen: true });
      w.line(page, x, top - ROW_HEAD_H, x + leftW, top - ROW_HEAD_H);
      const first = top - ROW_HEAD_H - 4;
      lines.forEach((ln, k) => {
        w.text(page, ln, x + pad, FormWriter.baseline(first - k * lh, lh, SIZE.body), { size: SIZE.body });
      });
      w.lines(page, trLines, x + pad, first - lines.length * lh, trLh, { size: TR_SIZE.body, citizen: true });
      drawSignatureCell(w, page, top, boxH);
      w.rect(page, x, top, CONTENT_W, boxH, { border: 0.9 });
      const cb = top - boxH - 12;
      w.text(page, `受理人員：${model.clerkName}`, x, cb, { size: SIZE.label });
      w.text(page, `受理日期：${model.rocDate}`, x + 180, cb, { size: SIZE.label });
      w.text(page, '核章：', x + CONTENT_W - SIG_W, cb, { size: SIZE.label });
    },
  };
};

// ---------------------------------------------------------------------------------------------
// Pages

/** Extra header height on a bilingual first page (the title's and the subtitle's translations). */
const BILINGUAL_FIRST_HEADER_H = HEADER_H + 10;

const drawFirstHeader = (w: FormWriter, page: PDFPage, model: ConsentFormModel): void => {
  const top = PAGE_H - MARGIN_TOP;
  // Centred on the page but clear of the QR code's quiet zone.
  const maxW = 2 * (QR_X - 12 - PAGE_W / 2);
  const sub = w.zh('form.subtitle', { office: model.officeName });
  const titleTr = w.tr('form.title');
  const subTr = w.tr('form.subtitle', { office: model.officeName });
  if (!titleTr) {
    w.text(page, CONSENT_FORM_TITLE, PAGE_W / 2, top - 20, { size: SIZE.title, bold: true, align: 'center' });
    w.text(page, sub, PAGE_W / 2, top - 39, { size: w.fit(sub, SIZE.small, maxW), color: SOFT, align: 'center' });
    return;
  }
  w.text(page, CONSENT_FORM_TITLE, PAGE_W / 2, top - 18, { size: w.fit(CONSENT_FORM_TITLE, SIZE.title, maxW), bold: true, align: 'center' });
  w.text(page, titleTr, PAGE_W / 2, top - 32, { size: w.fit(titleTr, 10, maxW, 6, true), align: 'center', citizen: true });
  w.text(page, sub, PAGE_W / 2, top - 46, { size: w.fit(sub, SIZE.small, maxW), color: SOFT, align: 'center' });
  if (subTr) w.text(page, subTr, PAGE_W / 2, top - 57, { size: w.fit(subTr, TR_SIZE.note, maxW, 5.5, true), color: SOFT, align: 'center', citizen: true });
};

/** Header of every later page: the document's title (the form's （續）, 後續辦理時程 …), its translation, and the case line. */
const drawContinuationHeader = (w: FormWriter, page: PDFPage, model: ConsentFormModel, title: string, titleTr: string | null): void => {
  const top = PAGE_H - MARGIN_TOP;
  const maxW = QR_X - 12 - MARGIN_X;
  w.text(page, title, MARGIN_X, top - 16, { size: SIZE.contTitle, bold: true });
  if (titleTr) w.text(page, titleTr, MARGIN_X, top - 29, { size: w.fit(titleTr, TR_SIZE.heading, maxW, 6, true), color: SOFT, citizen: true });
  const meta = `${w.zh('form.label.caseNo')}：${model.caseNo}\u3000${model.personRole}：${model.person.name}\u3000${w.zh('form.label.date')}：${model.rocDate}\u3000${w.zh('form.label.event')}：${model.lifeEventName}`;
  w.text(page, meta, MARGIN_X, top - (titleTr ? 44 : 35), { size: w.fit(meta, SIZE.label, maxW), color: SOFT });
};

/** A later page's title in both languages: the document's name and a suffix such as （續）. */
const titled = (w: FormWriter, key: string, suffixKey: string): [string, string | null] => {
  const tr = w.tr(key);
  return [`${w.zh(key)}${w.zh(suffixKey)}`, tr ? `${tr} ${w.tr(suffixKey) ?? ''}`.trim() : null];
};

/** QR code (with the case number under it) and footer; needs the final page count. */
const drawPageFurniture = (w: FormWriter, page: PDFPage, model: ConsentFormModel, n: number, total: number): void => {
  drawQrCode(page, formQrPayload(model.caseNo, n, total), { x: QR_X, y: QR_TOP - QR_SIZE, size: QR_SIZE });
  w.text(page, model.caseNo, QR_X + QR_SIZE / 2, QR_TOP - QR_SIZE - 13, {
    size: SIZE.tiny,
    align: 'center',
  });
  w.line(page, MARGIN_X, FOOTER_RULE_Y, MARGIN_X + CONTENT_W, FOOTER_RULE_Y, 0.4, SOFT);
  w.text(page, w.zh('form.footer.version', { version: model.formVersion }), MARGIN_X, FOOTER_BASELINE, { size: SIZE.small, color: SOFT });
  const pageZh = w.zh('form.footer.page', { n, total });
  const pageTr = w.tr('form.footer.page', { n, total });
  if (!pageTr) w.text(page, pageZh, PAGE_W / 2, FOOTER_BASELINE, { size: SIZE.small, color: SOFT, align: 'center' });
  else {
    // Page numbers in both languages, and on a line of its own which text binds.
    const zhW = w.width(pageZh, SIZE.small);
    const left = PAGE_W / 2 - (zhW + 6 + w.width(pageTr, TR_SIZE.label, true)) / 2;
    w.text(page, pageZh, left, FOOTER_BASELINE, { size: SIZE.small, color: SOFT });
    w.text(page, pageTr, left + zhW + 6, FOOTER_BASELINE, { size: TR_SIZE.label, color: SOFT, citizen: true });
    const note = `${w.zh('form.translationNote')} ${w.tr('form.translationNote') ?? ''}`;
    w.text(page, note, PAGE_W / 2, FOOTER_BASELINE - 10, { size: w.fit(note, 6.5, CONTENT_W, 4.5, true), color: SOFT, align: 'center', citizen: true });
  }
  w.text(page, model.officeName, MARGIN_X + CONTENT_W, FOOTER_BASELINE, {
    size: SIZE.small,
    color: SOFT,
    align: 'right',
  });
};

/**
 * Render the combined N-in-1 application and consent form (通報作業民眾同意書) of any life event:
 * A4 portrait, the applicant, the other participants (亡者, 新生兒, 父, 母, 戶內人口 with 關係／稱謂),
 * the event's fields, one signed block per item, the personal-data consent; then, when the model has
 * them, the 後續辦理時程 pages and the 一次告知 補件通知 page. Every page carries a QR code with
 * `formQrPayload(caseNo, page, pages)` counted over all of them. What does not fit continues on further pages.
 */
export const renderConsentForm = async (
  model: ConsentFormModel,
  options: RenderConsentFormOptions = {},
): Promise<Uint8Array> => (await renderConsentFormWithPages(model, options)).pdf;

/**
 * Which page carries what: each item's block (by item code) and the personal-data consent block.
 * Scanning needs it to know which signed page proves which agency's consent.
 */
export type ConsentFormLayout = { itemPages: Record<string, number>; consentPage: number };

/** {@link renderConsentForm} plus the page count (for print jobs and the audit trail) and the layout. */
export const renderConsentFormWithPages = async (
  model: ConsentFormModel,
  options: RenderConsentFormOptions = {},
): Promise<{ pdf: Uint8Array; pages: number; layout: ConsentFormLayout }> => {
  const language = options.language ?? DEFAULT_LANGUAGE;
  const { doc, writer: w } = await openPrintout({ language, seed: JSON.stringify(model), ...(options.fontPath ? { fontPath: options.fontPath } : {}) });
  const flow = new FormFlow(w);
  const [contTitle, contTitleTr] = titled(w, 'form.title', 'form.continued');
  const continued: PageHeader = (page) => drawContinuationHeader(w, page, model, contTitle, contTitleTr);

  flow.newPage((page) => drawFirstHeader(w, page, model), w.citizen ? BILINGUAL_FIRST_HEADER_H : HEADER_H);
  const firstKey = model.participants.length > 0 ? 'form.section.applicantAndRelated' : 'form.section.applicant';
  const firstContinued = (): Block => {
    const tr = w.tr(firstKey);
    return sectionHeadingOf(w, `${w.zh(firstKey)}${w.zh('form.continued')}`, undefined, { title: tr ? `${tr} ${w.tr('form.continued') ?? ''}`.trim() : null });
  };
  flow.placeRun({
    heading: [keyedHeading(w, firstKey)],
    blocks: applicantRows(w, model),
    continued: [],
    header: continued,
  });
  if (model.participants.length > 0) {
    const head = tableHead(w, participantColumns(w));
    flow.placeRun({ heading: [gap(4), head], blocks: participantRows(w, model), continued: [firstContinued(), head], header: continued });
  }
  if (model.eventFields.length > 0) {
    flow.placeRun({
      heading: [gap(model.participants.length > 0 ? 4 : 0)],
      blocks: gridRows(w, pairCells(model.eventFields), EVENT_COLUMNS),
      continued: [firstContinued()],
      header: continued,
    });
  }
  flow.place(gap(6));

  const landed = flow.placeRun({
    heading: [keyedHeading(w, 'form.section.items', { count: model.items.length }, 'form.section.itemsNote')],
    blocks: model.items.map((item, i) => itemBlock(w, item, i)),
    continued: [keyedHeading(w, 'form.section.itemsContinued')], // no note: it would run under the QR code
    header: continued,
  });
  const itemPages: Record<string, number> = {};
  model.items.forEach((item, i) => (itemPages[item.code] = landed[i]!));
  flow.place(gap(4));

  const privacy = privacyBlock(w, model);
  const [consentPage] = flow.placeRun({ heading: [keyedHeading(w, 'form.section.privacy')], blocks: [privacy], continued: [], header: continued });

  // The family's and the citizen's own pages: not signed, each starting on a fresh page so it can be handed over.
  if (model.schedule.length > 0) {
    const [title, titleTr] = titled(w, 'schedule.title', 'form.applicantCopy');
    const header: PageHeader = (page) => drawContinuationHeader(w, page, model, title, titleTr);
    flow.newPage(header);
    flow.placeRun({ ...scheduleSection(w, model), header });
  }
  if (model.missingDocuments.length > 0) {
    const [title, titleTr] = titled(w, 'missing.title', 'form.applicantCopy');
    const header: PageHeader = (page) => drawContinuationHeader(w, page, model, title, titleTr);
    flow.newPage(header);
    flow.placeRun({ ...missingDocumentsSection(w, model), header });
  }

  const pages = flow.finish((page, n, total) => drawPageFurniture(w, page, model, n, total));

  const now = options.now ?? new Date();
  stampMetadata(doc, {
    title: `${CONSENT_FORM_TITLE}（${model.caseNo}）`,
    author: model.officeName,
    subject: `${model.lifeEventName} 案件編號 ${model.caseNo}`,
    keywords: [model.caseNo, model.lifeEventName, `formVersion=${model.formVersion}`],
    at: now,
  });

  return { pdf: await doc.save({ useObjectStreams: true }), pages, layout: { itemPages, consentPage: consentPage! } };
};
