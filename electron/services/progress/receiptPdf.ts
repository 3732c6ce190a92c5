import { LineJoinStyle, PDFDocument, TextRenderingMode, popGraphicsState, pushGraphicsState, rgb, setLineJoin, setLineWidth, setStrokingColor, setTextRenderingMode } from 'pdf-lib';
import type { PDFFont, PDFPage } from 'pdf-lib';
import { formatProgressCode } from '../../../shared/progress/code';
import { FORM_FONT, fontkitAdapter, loadFormFont, subsetFontName } from '../pdf/font';
import { drawQrCode } from '../pdf/qr';
import { wrapText } from '../pdf/textLayout';
import { stampMetadata } from '../pdf/metadata';

/** What the citizen's receipt (收執聯) prints: the case, the agencies notified, the lookup code. Nothing about the person. */
export type ReceiptModel = {
  officeName: string;
  caseNo: string;
  /** `民國115年11月27日` */
  rocDate: string;
  lifeEventName: string;
  items: { agencyName: string; itemName: string }[];
  code: string;
  /** The progress page with case and code (the QR), or null when no platform address is configured. */
  qrUrl: string | null;
  /** The page address printed as text (without the code), or null. */
  pageUrl: string | null;
};

export const RECEIPT_TITLE = '案件收執聯';

// A5 portrait: half a sheet, fits a handbag; points, origin bottom-left.
const PAGE_W = 419.53;
const PAGE_H = 595.28;
const M = 32;
const QR_SIZE = 112; // ~40 mm: easy for any phone camera

export const RECEIPT_LAYOUT = { pageWidth: PAGE_W, pageHeight: PAGE_H, qr: { x: PAGE_W - M - QR_SIZE, size: QR_SIZE } } as const;

const INK = rgb(0, 0, 0);
const SOFT = rgb(0.3, 0.3, 0.3);

class Writer {
  constructor(
    readonly page: PDFPage,
    readonly font: PDFFont,
  ) {}
  width(t: string, size: number): number {
    return this.font.widthOfTextAtSize(t, size);
  }
  text(t: string, x: number, y: number, size: number, opts: { bold?: boolean; color?: typeof INK; align?: 'left' | 'center' } = {}): void {
    const left = opts.align === 'center' ? x - this.width(t, size) / 2 : x;
    if (opts.bold) {
      // One face only: embolden by stroking the outline (as the consent form does).
      this.page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.FillAndOutline), setLineWidth(size * 0.03), setLineJoin(LineJoinStyle.Round), setStrokingColor(opts.color ?? INK));
    }
    this.page.drawText(t, { x: left, y, size, font: this.font, color: opts.color ?? INK });
    if (opts.bold) this.page.pushOperators(popGraphicsState());
  }
  wrap(t: string, size: number, width: number): string[] {
    return wrapText(t, width, (s) => this.width(s, size));
  }
}

/** The receipt as a one-page PDF with the form font embedded as a subset and the QR drawn as vectors. */
export async function renderReceiptPdf(model: ReceiptModel, opts: { now?: Date; fontPath?: string } = {}): Promise<Uint8Array> {
  const { bytes } = await loadFormFont(opts.fontPath);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkitAdapter);
  const font = await doc.embedFont(bytes, { subset: true, customName: subsetFontName(`receipt:${JSON.stringify(model)}`, FORM_FONT.postscriptName) });
  const page = doc.addPage([PAGE_W, PAGE_H]);
  const w = new Writer(page, font);
  const contentW = PAGE_W - 2 * M;

  let y = PAGE_H - M - 18;
  w.text(model.officeName, PAGE_W / 2, y, 12, { align: 'center', color: SOFT });
  y -= 26;
  w.text(`${RECEIPT_TITLE}（N合一便民服務）`, PAGE_W / 2, y, 17, { align: 'center', bold: true });
  y -= 14;
  page.drawLine({ start: { x: M, y }, end: { x: PAGE_W - M, y }, thickness: 0.8, color: INK });

  y -= 22;
  w.text('案件編號', M, y, 10, { color: SOFT });
  w.text(model.caseNo, M + 58, y, 14, { bold: true });
  y -= 20;
  w.text('申辦日期', M, y, 10, { color: SOFT });
  w.text(model.rocDate, M + 58, y, 11);
  y -= 18;
  w.text('申辦事由', M, y, 10, { color: SOFT });
  w.text(model.lifeEventName, M + 58, y, 11);

  y -= 24;
  w.text(`已通報機關及項目（共 ${model.items.length} 項）`, M, y, 10.5, { bold: true });
  y -= 4;
  model.items.forEach((it, k) => {
    for (const [i, line] of w.wrap(`${k + 1}. ${it.agencyName}：${it.itemName}`, 9.5, contentW - 8).entries()) {
      y -= 14;
      w.text(i === 0 ? line : `\u3000${line}`, M + 4, y, 9.5);
    }
  });

  // The code, big and boxed, beside the QR; at the same place on every receipt unless the list is long.
  const boxTop = Math.min(y - 18, 250);
  const qrX = RECEIPT_LAYOUT.qr.x;
  const qrY = boxTop - QR_SIZE;
  const codeW = qrX - M - 16;
  page.drawRectangle({ x: M, y: qrY, width: codeW, height: QR_SIZE, borderColor: INK, borderWidth: 1.2 });
  w.text('進度查詢碼', M + codeW / 2, boxTop - 24, 11, { align: 'center', bold: true });
  const shown = formatProgressCode(model.code);
  const codeSize = Math.min(30, (codeW - 16) / Math.max(1, w.width(shown, 1)));
  w.text(shown, M + codeW / 2, qrY + QR_SIZE / 2 - codeSize * 0.3, codeSize, { align: 'center', bold: true });
  w.text('（不含數字 0、1 及英文 O、I、L）', M + codeW / 2, qrY + 12, 7.5, { align: 'center', color: SOFT });
  if (model.qrUrl) drawQrCode(page, model.qrUrl, { x: qrX, y: qrY, size: QR_SIZE });
  else w.text('（本所尚未設定查詢網址）', qrX + QR_SIZE / 2, qrY + QR_SIZE / 2, 8, { align: 'center', color: SOFT });

  y = qrY - 22;
  const instruction = [
    '以手機掃描右方 QR 碼，或於查詢網頁輸入案件編號與查詢碼，即可查看各機關的辦理情形（已送達、已收件、已辦結、退回）。',
    ...(model.pageUrl ? [`查詢網頁：${model.pageUrl}`] : []),
    '查詢碼等同查詢密碼，請妥善保管，勿交給他人。查詢結果不含任何個人資料；連續輸入錯誤將暫停查詢一段時間。',
    '如有疑問，請洽本所服務台。',
  ];
  for (const para of instruction) {
    for (const line of w.wrap(para, 9, contentW)) {
      w.text(line, M, y, 9);
      y -= 13;
    }
    y -= 3;
  }
  page.drawLine({ start: { x: M, y: 30 }, end: { x: PAGE_W - M, y: 30 }, thickness: 0.4, color: SOFT });
  w.text(`${model.officeName}\u3000${model.caseNo}`, M, 18, 7, { color: SOFT });

  const now = opts.now ?? new Date();
  stampMetadata(doc, { title: `${RECEIPT_TITLE}（${model.caseNo}）`, author: model.officeName, subject: `${RECEIPT_TITLE} 案件編號 ${model.caseNo}`, at: now });
  return doc.save({ useObjectStreams: true });
}
