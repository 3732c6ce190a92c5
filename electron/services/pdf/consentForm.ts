import {
  LineJoinStyle,
  PDFDocument,
  TextRenderingMode,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setLineJoin,
  setLineWidth,
  setStrokingColor,
  setTextRenderingMode,
} from 'pdf-lib';
import type { Color, PDFFont, PDFPage } from 'pdf-lib';
import { formQrPayload } from '../../../shared/forms/consentFormModel';
import type { ConsentFormItem, ConsentFormModel } from '../../../shared/forms/consentFormModel';
import { FORM_FONT, fontkitAdapter, loadFormFont, subsetFontName } from './font';
import { drawQrCode } from './qr';
import { wrapText } from './textLayout';
import { stampMetadata } from './metadata';

export const CONSENT_FORM_TITLE = 'N合一便民服務申請書暨通報作業民眾同意書';

export type RenderConsentFormOptions = {
  /** Absolute font path instead of resources/fonts/… (tests, packaged app). */
  fontPath?: string;
  /** Creation date written to the PDF metadata (default: now). */
  now?: Date;
};

// ---------------------------------------------------------------------------------------------
// Geometry (PDF points, origin bottom-left). Exported so tests can find the QR code and title.

const PAGE_W = 595.28; // A4 portrait
const PAGE_H = 841.89;
const MARGIN_X = 36;
const MARGIN_TOP = 32;
const CONTENT_W = PAGE_W - 2 * MARGIN_X;
const CONTENT_BOTTOM = 42; // content must stay above this; the footer lives below
const FOOTER_RULE_Y = 36;
const FOOTER_BASELINE = 24;
const QR_SIZE = 52; // symbol without quiet zone (~18 mm)
const QR_X = PAGE_W - MARGIN_X - QR_SIZE;
const QR_TOP = PAGE_H - MARGIN_TOP;
const HEADER_H = 58; // title band (and QR + case number) on every page
const SIG_W = 104; // signature column
const ROW_HEAD_H = 17; // shaded header row of a block

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

const INK = rgb(0, 0, 0);
const SOFT = rgb(0.3, 0.3, 0.3);
const RULE = rgb(0.2, 0.2, 0.2);
const SHADE = rgb(0.91, 0.91, 0.91);

const SIZE = {
  title: 16,
  contTitle: 12.5,
  section: 10.5,
  itemTitle: 10.5,
  label: 9,
  value: 10.5,
  body: 9.5,
  small: 8,
  tiny: 7,
} as const;

// ---------------------------------------------------------------------------------------------

type Align = 'left' | 'center' | 'right';
type TextOpts = { size: number; color?: Color; bold?: boolean; align?: Align };

/** A drawable piece of the form whose height is known before it is placed. */
type Block = { height: number; draw: (page: PDFPage, top: number) => void };

class FormWriter {
  readonly pages: PDFPage[] = [];
  private readonly widths = new Map<string, number>();

  constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
  ) {}

  width(text: string, size: number): number {
    // Measure at 1000 units and scale: the cache then serves every size.
    let w = this.widths.get(text);
    if (w === undefined) {
      w = this.font.widthOfTextAtSize(text, 1000);
      this.widths.set(text, w);
    }
    return (w * size) / 1000;
  }

  /** `size`, or the largest smaller size (not below `min`) at which `text` fits in `maxWidth`. */
  fit(text: string, size: number, maxWidth: number, min = 6.5): number {
    const w = this.width(text, size);
    return w <= maxWidth ? size : Math.max(min, Math.floor((size * maxWidth * 10) / w) / 10);
  }

  wrap(text: string, size: number, maxWidth: number): string[] {
    return wrapText(text, maxWidth, (t) => this.width(t, size));
  }

  text(page: PDFPage, text: string, x: number, y: number, opts: TextOpts): void {
    if (!text) return;
    const { size, color = INK, bold = false, align = 'left' } = opts;
    const w = align === 'left' ? 0 : this.width(text, size);
    const left = align === 'left' ? x : align === 'center' ? x - w / 2 : x - w;
    if (bold) {
      // One regular face only: embolden by stroking the outline with the fill (cheap, no 2nd font).
      page.pushOperators(
        pushGraphicsState(),
        setTextRenderingMode(TextRenderingMode.FillAndOutline),
        setLineWidth(size * 0.028),
        setLineJoin(LineJoinStyle.Round),
        setStrokingColor(color),
      );
    }
    page.drawText(text, { x: left, y, size, font: this.font, color });
    if (bold) page.pushOperators(popGraphicsState());
  }

  /** Baseline that vertically centres CJK text of `size` in a box whose top is `top`. */
  static baseline(top: number, boxHeight: number, size: number): number {
    return top - boxHeight / 2 - size * 0.36;
  }

  rect(page: PDFPage, x: number, top: number, w: number, h: number, opts: { fill?: Color; border?: number }): void {
    page.drawRectangle({
      x,
      y: top - h,
      width: w,
      height: h,
      ...(opts.fill ? { color: opts.fill } : {}),
      ...(opts.border ? { borderColor: RULE, borderWidth: opts.border } : {}),
    });
  }

  line(page: PDFPage, x1: number, y1: number, x2: number, y2: number, thickness = 0.5, color: Color = RULE): void {
    page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness, color });
  }
}

// ---------------------------------------------------------------------------------------------
// Blocks

type Cell = { label: string; value: string; span?: boolean };

/** Event fields as grid rows: a spanning field (an address) gets its own row, the others go two by two. */
function pairCells(fields: ConsentFormModel['eventFields']): Cell[][] {
  const rows: Cell[][] = [];
  let half: Cell | null = null;
  for (const f of fields) {
    if (f.span) rows.push([{ label: f.label, value: f.value, span: true }]);
    else if (half) {
      rows.push([half, { label: f.label, value: f.value }]);
      half = null;
    } else half = { label: f.label, value: f.value };
  }
  if (half) rows.push([{ ...half, span: true }]);
  return rows;
}

/** 申請人資料 grid: label/value cells, two pairs per row or one pair spanning the row. */
const applicantTable = (w: FormWriter, model: ConsentFormModel): Block => {
  const cols = [74, 182, 94, CONTENT_W - 74 - 182 - 94];
  const rows: Cell[][] = [
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
      { label: '出生日期', value: model.person.birthDate },
      { label: '聯絡電話', value: model.person.phone ?? '' },
    ],
    ...model.participants.flatMap((p): Cell[][] => [
      [
        { label: `${p.roleLabel}姓名`, value: p.relation ? `${p.name}（${p.relation}）` : p.name },
        { label: '國民身分證統一編號', value: p.id },
      ],
    ]),
    ...pairCells(model.eventFields),
  ];
  const pad = 6;
  const lh = SIZE.value * 1.35;
  const laid = rows.map((cells) => {
    const parts = cells.map((cell, i) => {
      const valueW = cell.span ? CONTENT_W - cols[0]! : cols[i * 2 + 1]!;
      return { ...cell, lines: w.wrap(cell.value, SIZE.value, valueW - 2 * pad), valueW };
    });
    const height = Math.max(18, ...parts.map((p) => p.lines.length * lh + 5));
    return { parts, height };
  });
  const height = laid.reduce((s, r) => s + r.height, 0);
  return {
    height,
    draw: (page, top) => {
      let y = top;
      for (const row of laid) {
        let x = MARGIN_X;
        row.parts.forEach((p, i) => {
          const labelW = cols[i * 2]!;
          w.rect(page, x, y, labelW, row.height, { fill: SHADE });
          w.text(page, p.label, x + labelW / 2, FormWriter.baseline(y, row.height, SIZE.label), {
            size: SIZE.label,
            align: 'center',
            color: SOFT,
          });
          x += labelW;
          const blockH = p.lines.length * lh;
          const firstTop = y - (row.height - blockH) / 2;
          p.lines.forEach((ln, k) => {
            w.text(page, ln, x + pad, FormWriter.baseline(firstTop - k * lh, lh, SIZE.value), { size: SIZE.value });
          });
          w.line(page, x - labelW, y, x - labelW, y - row.height);
          w.line(page, x, y, x, y - row.height);
          x += p.valueW;
        });
        if (y !== top) w.line(page, MARGIN_X, y, MARGIN_X + CONTENT_W, y);
        y -= row.height;
      }
      w.rect(page, MARGIN_X, top, CONTENT_W, height, { border: 0.9 });
    },
  };
};

/** Section heading (一、二、三、) with an optional right-aligned note. */
const sectionHeading = (w: FormWriter, title: string, note?: string): Block => ({
  height: 19,
  draw: (page, top) => {
    const base = top - 13.5;
    w.text(page, title, MARGIN_X, base, { size: SIZE.section, bold: true });
    if (note) w.text(page, note, MARGIN_X + CONTENT_W, base, { size: SIZE.small, color: SOFT, align: 'right' });
  },
});

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

const BODY_LH = SIZE.body * 1.4;
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
  const text =
    `本人已瞭解上列各申請項目內容，同意${model.officeName}將本申請書所載個人資料（姓名、國民身分證統一編號、` +
    '出生日期、聯絡電話、新舊住址及各項目所載資料），依個人資料保護法第15條及第16條規定，' +
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

const drawContinuationHeader = (w: FormWriter, page: PDFPage, model: ConsentFormModel): void => {
  const top = PAGE_H - MARGIN_TOP;
  w.text(page, `${CONSENT_FORM_TITLE}（續）`, MARGIN_X, top - 16, { size: SIZE.contTitle, bold: true });
  const meta = `案件編號：${model.caseNo}\u3000申請人：${model.person.name}\u3000申請日期：${model.rocDate}\u3000申辦事由：${model.lifeEventName}`;
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
 * Render the combined N-in-1 application and consent form (通報作業民眾同意書): A4 portrait,
 * applicant data, one signed block per item, the personal-data consent, and on every page a QR
 * code with `formQrPayload(caseNo, page, pages)`. Items that do not fit continue on further pages.
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

  let page = doc.addPage([PAGE_W, PAGE_H]);
  w.pages.push(page);
  drawFirstHeader(w, page, model);
  let y = PAGE_H - MARGIN_TOP - HEADER_H;

  const newPage = (): void => {
    page = doc.addPage([PAGE_W, PAGE_H]);
    w.pages.push(page);
    drawContinuationHeader(w, page, model);
    y = PAGE_H - MARGIN_TOP - HEADER_H;
  };
  const fits = (h: number): boolean => y - h >= CONTENT_BOTTOM;
  const place = (b: Block): void => {
    b.draw(page, y);
    y -= b.height;
  };
  /** Place a heading together with the block after it (never orphan a heading). */
  const placeWithHeading = (heading: Block, b: Block): void => {
    if (!fits(heading.height + b.height)) newPage();
    place(heading);
    place(b);
  };

  place(sectionHeading(w, '一、申請人資料'));
  place(applicantTable(w, model));
  y -= 6;

  const itemsTitle = `二、申請項目（共 ${model.items.length} 項）`;
  const itemsNote = '同意辦理之項目，請於該項「申請人簽章」欄簽名或蓋章';
  const blocks = model.items.map((item, i) => itemBlock(w, item, i));
  const itemPages: Record<string, number> = {};
  blocks.forEach((b, i) => {
    if (i === 0) {
      placeWithHeading(sectionHeading(w, itemsTitle, itemsNote), b);
      itemPages[model.items[i]!.code] = w.pages.length;
      return;
    }
    // Blocks taller than a whole page are placed anyway (they overflow); fields are short in practice.
    if (!fits(b.height)) {
      newPage();
      place(sectionHeading(w, '二、申請項目（續）')); // no note: it would run under the QR code
    }
    place(b);
    itemPages[model.items[i]!.code] = w.pages.length;
  });
  y -= 4;

  const privacy = privacyBlock(w, model);
  placeWithHeading(sectionHeading(w, '三、個人資料蒐集、處理及利用告知暨同意'), privacy);
  const consentPage = w.pages.length;

  w.pages.forEach((p, i) => drawPageFurniture(w, p, model, i + 1, w.pages.length));

  const now = options.now ?? new Date();
  stampMetadata(doc, {
    title: `${CONSENT_FORM_TITLE}（${model.caseNo}）`,
    author: model.officeName,
    subject: `${model.lifeEventName} 案件編號 ${model.caseNo}`,
    keywords: [model.caseNo, model.lifeEventName, `formVersion=${model.formVersion}`],
    at: now,
  });

  return { pdf: await doc.save({ useObjectStreams: true }), pages: w.pages.length, layout: { itemPages, consentPage } };
};
