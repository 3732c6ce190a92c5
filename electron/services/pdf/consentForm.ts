import { PDFDocument } from 'pdf-lib';
import type { PDFPage } from 'pdf-lib';
import { formQrPayload } from '../../../shared/forms/consentFormModel';
import type { ConsentFormItem, ConsentFormModel } from '../../../shared/forms/consentFormModel';
import { FORM_FONT, fontkitAdapter, loadFormFont, subsetFontName } from './font';
import { FormFlow, type PageHeader } from './formFlow';
import { gridRows, pairCells, type GridColumns } from './formGrid';
import {
  BODY_LH,
  CONTENT_W,
  FOOTER_BASELINE,
  FOOTER_RULE_Y,
  FormWriter,
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
  gap,
  sectionHeading,
  type Block,
} from './formWriter';
import { stampMetadata } from './metadata';
import { MISSING_DOCUMENTS_TITLE, missingDocumentsSection } from './missingDocumentsSlip';
import { drawQrCode } from './qr';
import { tableHead, tableRow, type Column } from './rowTable';
import { SCHEDULE_TITLE, scheduleSection } from './scheduleSection';

export const CONSENT_FORM_TITLE = 'N合一便民服務申請書暨通報作業民眾同意書';

export type RenderConsentFormOptions = {
  /** Absolute font path instead of resources/fonts/… (tests, packaged app). */
  fontPath?: string;
  /** Creation date written to the PDF metadata (default: now). */
  now?: Date;
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

const applicantRows = (w: FormWriter, model: ConsentFormModel): Block[] =>
  gridRows(
    w,
    [
      [
        { label: '受理機關', value: model.officeName },
        { label: '案件編號', value: model.caseNo },
      ],
      [
        { label: '申請日期', value: model.rocDate },
        { label: '申辦事由', value: model.lifeEventName },
      ],
      [
        { label: `${model.personRole}姓名`, value: model.person.name },
        { label: '國民身分證統一編號', value: model.person.id },
      ],
      [
        // A role without a birth date (the family member of a death) prints the relation instead.
        model.person.birthDate || !model.person.relation
          ? { label: '出生日期', value: model.person.birthDate }
          : { label: '關係', value: model.person.relation },
        { label: '聯絡電話', value: model.person.phone ?? '' },
      ],
    ],
    APPLICANT_COLUMNS,
  );

const PARTICIPANT_COLUMNS: Column[] = [
  { title: '身分', width: 112 },
  { title: '姓名', width: 104 },
  { title: '關係／稱謂', width: 104 },
  { title: '國民身分證統一編號', width: 110 },
  { title: '出生日期', width: CONTENT_W - 112 - 104 - 104 - 110 },
];

/** Everyone else the case names (亡者, 新生兒, 父, 母, 戶內人口 …): one row each, so a large household continues on the next page. */
const participantRows = (w: FormWriter, model: ConsentFormModel): Block[] =>
  model.participants.map((p) => tableRow(w, PARTICIPANT_COLUMNS, [p.roleLabel, p.name, p.relation, p.id, p.birthDate], SIZE.body));

/** Signature column on the right of a block: shaded header 申請人簽章, empty space to sign in. */
const drawSignatureCell = (w: FormWriter, page: PDFPage, top: number, height: number): void => {
  const x = MARGIN_X + CONTENT_W - SIG_W;
  w.rect(page, x, top, SIG_W, ROW_HEAD_H, { fill: SHADE });
  w.text(page, '申請人簽章', x + SIG_W / 2, FormWriter.baseline(top, ROW_HEAD_H, SIZE.label), {
    size: SIZE.label,
    align: 'center',
    color: SOFT,
  });
  w.line(page, x, top, x, top - height, 0.6);
  w.line(page, x, top - ROW_HEAD_H, x + SIG_W, top - ROW_HEAD_H);
};

const MIN_BLOCK_H = ROW_HEAD_H + 40; // room to sign or stamp

/** One 申請項目: title, receiving agency, fields, consent sentence, signature box. */
const itemBlock = (w: FormWriter, item: ConsentFormItem, index: number): Block => {
  const leftW = CONTENT_W - SIG_W;
  const pad = 7;
  const innerW = leftW - 2 * pad;
  const kind = item.kind === 'verification' ? '檢證' : '通報';
  const heading = `${index + 1}. ${item.title}`;
  const tag = `〔${kind}〕${item.code}`;
  const receiver = `受理機關：${item.receiverName}`;
  const tagW = 6 + w.width(tag, SIZE.small);
  const titleSize = w.fit(heading, SIZE.itemTitle, innerW - tagW, 8);
  const headingW = w.width(heading, titleSize) + tagW;
  const receiverInHeader = headingW + 16 + w.width(receiver, SIZE.label) <= innerW;

  // Field rows: pairs that fit half the width sit side by side; others take the full width.
  type FieldLine = { label: string; lines: string[]; col: 0 | 1; valueX: number };
  const halfW = (innerW - 10) / 2;
  const fields = [...(receiverInHeader ? [] : [{ label: '受理機關', value: item.receiverName }]), ...item.fields];
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
  const bodyH = (fieldLines + consent.length) * BODY_LH + (fieldLines > 0 ? 3 : 0);
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
  const whose = model.participants.length > 0 ? '本人及所列關係人之' : '';
  const text =
    // Worded for any life event: the data are whatever the form lists (participants, event fields), not 遷徙's two addresses.
    `本人已瞭解上列各申請項目內容，同意${model.officeName}將本申請書所載個人資料（${whose}姓名、國民身分證統一編號、` +
    '出生日期、聯絡電話、住址及各項目所載資料），依個人資料保護法第15條及第16條規定，' +
    `僅提供予經本人簽章項目之受理機關（${receivers}），` +
    '於辦理本案各該項目之特定目的範圍內蒐集、處理及利用；未經本人簽章之項目不予通報。' +
    '本人得依同法第3條規定，向各該機關請求查詢、閱覽、製給複製本、補充或更正、停止蒐集處理利用或刪除。';
  const lines = w.wrap(text, SIZE.body, leftW - 2 * pad);
  const lh = BODY_LH;
  const boxH = Math.max(MIN_BLOCK_H, ROW_HEAD_H + 4 + lines.length * lh + 5);
  const clerkH = 16;
  return {
    height: boxH + clerkH,
    draw: (page, top) => {
      const x = MARGIN_X;
      w.rect(page, x, top, leftW, ROW_HEAD_H, { fill: SHADE });
      w.text(page, '本人同意事項', x + pad, FormWriter.baseline(top, ROW_HEAD_H, SIZE.itemTitle), {
        size: SIZE.itemTitle,
        bold: true,
      });
      w.line(page, x, top - ROW_HEAD_H, x + leftW, top - ROW_HEAD_H);
      const first = top - ROW_HEAD_H - 4;
      lines.forEach((ln, k) => {
        w.text(page, ln, x + pad, FormWriter.baseline(first - k * lh, lh, SIZE.body), { size: SIZE.body });
      });
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

const drawFirstHeader = (w: FormWriter, page: PDFPage, model: ConsentFormModel): void => {
  const top = PAGE_H - MARGIN_TOP;
  // Centred on the page but clear of the QR code's quiet zone.
  const maxW = 2 * (QR_X - 12 - PAGE_W / 2);
  w.text(page, CONSENT_FORM_TITLE, PAGE_W / 2, top - 20, { size: SIZE.title, bold: true, align: 'center' });
  const sub = `本申請書經申請人於各項目「申請人簽章」欄簽章同意後，由${model.officeName}通報各受理機關辦理`;
  w.text(page, sub, PAGE_W / 2, top - 39, { size: w.fit(sub, SIZE.small, maxW), color: SOFT, align: 'center' });
};

/** Header of every later page: the document's title (the form's （續）, 後續辦理時程 …) and the case line. */
const drawContinuationHeader = (w: FormWriter, page: PDFPage, model: ConsentFormModel, title: string): void => {
  const top = PAGE_H - MARGIN_TOP;
  w.text(page, title, MARGIN_X, top - 16, { size: SIZE.contTitle, bold: true });
  const meta = `案件編號：${model.caseNo}\u3000${model.personRole}：${model.person.name}\u3000申請日期：${model.rocDate}\u3000申辦事由：${model.lifeEventName}`;
  w.text(page, meta, MARGIN_X, top - 35, { size: w.fit(meta, SIZE.label, QR_X - 12 - MARGIN_X), color: SOFT });
};

/** QR code (with the case number under it) and footer; needs the final page count. */
const drawPageFurniture = (w: FormWriter, page: PDFPage, model: ConsentFormModel, n: number, total: number): void => {
  drawQrCode(page, formQrPayload(model.caseNo, n, total), { x: QR_X, y: QR_TOP - QR_SIZE, size: QR_SIZE });
  w.text(page, model.caseNo, QR_X + QR_SIZE / 2, QR_TOP - QR_SIZE - 13, {
    size: SIZE.tiny,
    align: 'center',
  });
  w.line(page, MARGIN_X, FOOTER_RULE_Y, MARGIN_X + CONTENT_W, FOOTER_RULE_Y, 0.4, SOFT);
  w.text(page, `表單版本：${model.formVersion}`, MARGIN_X, FOOTER_BASELINE, { size: SIZE.small, color: SOFT });
  w.text(page, `第 ${n} 頁／共 ${total} 頁`, PAGE_W / 2, FOOTER_BASELINE, {
    size: SIZE.small,
    color: SOFT,
    align: 'center',
  });
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
  const { bytes } = await loadFormFont(options.fontPath);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkitAdapter);
  const font = await doc.embedFont(bytes, {
    subset: true,
    customName: subsetFontName(JSON.stringify(model), FORM_FONT.postscriptName),
  });
  const w = new FormWriter(doc, font);
  const flow = new FormFlow(w);
  const continued: PageHeader = (page) => drawContinuationHeader(w, page, model, `${CONSENT_FORM_TITLE}（續）`);

  flow.newPage((page) => drawFirstHeader(w, page, model));
  const firstTitle = model.participants.length > 0 ? '一、申請人及關係人資料' : '一、申請人資料';
  flow.placeRun({
    heading: [sectionHeading(w, firstTitle)],
    blocks: applicantRows(w, model),
    continued: [],
    header: continued,
  });
  if (model.participants.length > 0) {
    const head = tableHead(w, PARTICIPANT_COLUMNS);
    flow.placeRun({ heading: [gap(4), head], blocks: participantRows(w, model), continued: [sectionHeading(w, `${firstTitle}（續）`), head], header: continued });
  }
  if (model.eventFields.length > 0) {
    flow.placeRun({
      heading: [gap(model.participants.length > 0 ? 4 : 0)],
      blocks: gridRows(w, pairCells(model.eventFields), EVENT_COLUMNS),
      continued: [sectionHeading(w, `${firstTitle}（續）`)],
      header: continued,
    });
  }
  flow.place(gap(6));

  const itemsTitle = `二、申請項目（共 ${model.items.length} 項）`;
  const itemsNote = '同意辦理之項目，請於該項「申請人簽章」欄簽名或蓋章';
  const landed = flow.placeRun({
    heading: [sectionHeading(w, itemsTitle, itemsNote)],
    blocks: model.items.map((item, i) => itemBlock(w, item, i)),
    continued: [sectionHeading(w, '二、申請項目（續）')], // no note: it would run under the QR code
    header: continued,
  });
  const itemPages: Record<string, number> = {};
  model.items.forEach((item, i) => (itemPages[item.code] = landed[i]!));
  flow.place(gap(4));

  const privacy = privacyBlock(w, model);
  const [consentPage] = flow.placeRun({ heading: [sectionHeading(w, '三、個人資料蒐集、處理及利用告知暨同意')], blocks: [privacy], continued: [], header: continued });

  // The family's and the citizen's own pages: not signed, each starting on a fresh page so it can be handed over.
  if (model.schedule.length > 0) {
    const header: PageHeader = (page) => drawContinuationHeader(w, page, model, `${SCHEDULE_TITLE}（申請人留存）`);
    flow.newPage(header);
    flow.placeRun({ ...scheduleSection(w, model), header });
  }
  if (model.missingDocuments.length > 0) {
    const header: PageHeader = (page) => drawContinuationHeader(w, page, model, `${MISSING_DOCUMENTS_TITLE}（申請人留存）`);
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
