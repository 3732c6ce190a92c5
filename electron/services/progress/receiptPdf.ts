import type { PDFPage } from 'pdf-lib';
import { DEFAULT_LANGUAGE, type Language } from '../../../shared/language/languages';
import { formatProgressCode } from '../../../shared/progress/code';
import { openPrintout } from '../pdf/bilingualDocument';
import { INK, SOFT, type FormWriter } from '../pdf/formWriter';
import { stampMetadata } from '../pdf/metadata';
import { zhText } from '../pdf/printTexts';
import { drawQrCode } from '../pdf/qr';

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

export const RECEIPT_TITLE = zhText('receipt.title');

// A5 portrait: half a sheet, fits a handbag; points, origin bottom-left.
const PAGE_W = 419.53;
const PAGE_H = 595.28;
const M = 32;
const QR_SIZE = 112; // ~40 mm: easy for any phone camera
const BOTTOM = 40; // text stays above the footer line

export const RECEIPT_LAYOUT = { pageWidth: PAGE_W, pageHeight: PAGE_H, qr: { x: PAGE_W - M - QR_SIZE, size: QR_SIZE } } as const;

/** A label in the left column, its translation in small type under it. */
const label = (w: FormWriter, page: PDFPage, key: string, y: number): void => {
  w.text(page, w.zh(key), M, y, { size: 10, color: SOFT });
  const tr = w.tr(key);
  if (tr) w.text(page, tr, M, y - 8.5, { size: w.fit(tr, 6.5, 54, 4.5, true), color: SOFT, citizen: true });
};

export type RenderReceiptOptions = { now?: Date; fontPath?: string; /** The citizen's language beside the Chinese (default zh-TW only). */ language?: Language };

/**
 * The receipt as an A5 PDF with the fonts embedded as subsets and the QR drawn as vectors. In
 * another language every heading, label and instruction has its translation below or beside the
 * Chinese; instructions that no longer fit continue on a second sheet (the QR holds the lookup
 * address, not a page number).
 */
export async function renderReceiptPdf(model: ReceiptModel, opts: RenderReceiptOptions = {}): Promise<Uint8Array> {
  const language = opts.language ?? DEFAULT_LANGUAGE;
  const { doc, writer: w } = await openPrintout({ language, seed: `receipt:${JSON.stringify(model)}`, ...(opts.fontPath ? { fontPath: opts.fontPath } : {}) });
  const pages: PDFPage[] = [doc.addPage([PAGE_W, PAGE_H])];
  let page = pages[0]!;
  const contentW = PAGE_W - 2 * M;
  const bilingual = w.citizen !== null;

  let y = PAGE_H - M - 18;
  w.text(page, model.officeName, PAGE_W / 2, y, { size: 12, color: SOFT, align: 'center' });
  y -= 26;
  w.text(page, `${RECEIPT_TITLE}${w.zh('receipt.subtitle')}`, PAGE_W / 2, y, { size: 17, align: 'center', bold: true });
  const titleTr = w.tr('receipt.title');
  if (titleTr) {
    y -= 15;
    const t = `${titleTr} ${w.tr('receipt.subtitle') ?? ''}`.trim();
    w.text(page, t, PAGE_W / 2, y, { size: w.fit(t, 10.5, contentW, 6, true), align: 'center', citizen: true });
  }
  y -= 14;
  page.drawLine({ start: { x: M, y }, end: { x: PAGE_W - M, y }, thickness: 0.8, color: INK });

  y -= 22;
  label(w, page, 'receipt.caseNo', y);
  w.text(page, model.caseNo, M + 58, y, { size: 14, bold: true });
  y -= bilingual ? 23 : 20;
  label(w, page, 'receipt.date', y);
  w.text(page, model.rocDate, M + 58, y, { size: 11 });
  y -= bilingual ? 21 : 18;
  label(w, page, 'receipt.event', y);
  w.text(page, model.lifeEventName, M + 58, y, { size: 11 });
  const eventTr = w.citizen?.texts.trBySource('lifeEvent.', model.lifeEventName);
  if (eventTr) w.text(page, eventTr, M + 58 + w.width(model.lifeEventName, 11) + 8, y, { size: 9, color: SOFT, citizen: true });

  y -= bilingual ? 27 : 24;
  const itemsHeading = w.zh('receipt.items', { count: model.items.length });
  w.text(page, itemsHeading, M, y, { size: 10.5, bold: true });
  const itemsTr = w.tr('receipt.items', { count: model.items.length });
  if (itemsTr) {
    y -= 12;
    w.text(page, itemsTr, M, y, { size: w.fit(itemsTr, 8.5, contentW, 6, true), color: SOFT, citizen: true });
  }
  y -= 4;
  model.items.forEach((it, k) => {
    for (const [i, line] of w.wrap(`${k + 1}. ${it.agencyName}：${it.itemName}`, 9.5, contentW - 8).entries()) {
      y -= 14;
      w.text(page, i === 0 ? line : `\u3000${line}`, M + 4, y, { size: 9.5 });
    }
  });

  // The instructions, each with its translation under it (soft): measured first, so the code box can sit above them.
  const paragraphs: { lines: string[]; size: number; citizen: boolean }[] = [];
  const add = (zh: string, tr: string | null) => {
    paragraphs.push({ lines: w.wrap(zh, 9, contentW), size: 9, citizen: false });
    if (tr) paragraphs.push({ lines: w.wrap(tr, 8, contentW, true), size: 8, citizen: true });
  };
  add(w.zh('receipt.scan'), w.tr('receipt.scan'));
  if (model.pageUrl) add(w.zh('receipt.pageUrl', { url: model.pageUrl }), null);
  add(w.zh('receipt.keepSafe'), w.tr('receipt.keepSafe'));
  add(w.zh('receipt.questions'), w.tr('receipt.questions'));
  const lineH = (size: number) => size * 1.45;
  const instructionsH = paragraphs.reduce((s, p) => s + p.lines.length * lineH(p.size) + 3, 0);

  // The code, big and boxed, beside the QR; at the same place on every Chinese-only receipt unless the list is long.
  const boxTop = Math.min(y - 18, Math.max(250, BOTTOM + instructionsH + 22 + QR_SIZE));
  const qrX = RECEIPT_LAYOUT.qr.x;
  const qrY = boxTop - QR_SIZE;
  const codeW = qrX - M - 16;
  page.drawRectangle({ x: M, y: qrY, width: codeW, height: QR_SIZE, borderColor: INK, borderWidth: 1.2 });
  w.text(page, w.zh('receipt.code'), M + codeW / 2, boxTop - 20, { size: 11, align: 'center', bold: true });
  const codeTr = w.tr('receipt.code');
  if (codeTr) w.text(page, codeTr, M + codeW / 2, boxTop - 31, { size: w.fit(codeTr, 7.5, codeW - 8, 5, true), align: 'center', color: SOFT, citizen: true });
  const shown = formatProgressCode(model.code);
  const codeSize = Math.min(30, (codeW - 16) / Math.max(1, w.width(shown, 1)));
  w.text(page, shown, M + codeW / 2, qrY + QR_SIZE / 2 - codeSize * 0.3 - (codeTr ? 4 : 0), { size: codeSize, align: 'center', bold: true });
  w.text(page, w.zh('receipt.codeNote'), M + codeW / 2, qrY + (codeTr ? 17 : 12), { size: 7.5, align: 'center', color: SOFT });
  const noteTr = w.tr('receipt.codeNote');
  if (noteTr) w.text(page, noteTr, M + codeW / 2, qrY + 7, { size: w.fit(noteTr, 6, codeW - 8, 4.5, true), align: 'center', color: SOFT, citizen: true });
  if (model.qrUrl) drawQrCode(page, model.qrUrl, { x: qrX, y: qrY, size: QR_SIZE });
  else {
    w.text(page, w.zh('receipt.noUrl'), qrX + QR_SIZE / 2, qrY + QR_SIZE / 2, { size: 8, align: 'center', color: SOFT });
    const tr = w.tr('receipt.noUrl');
    if (tr) w.text(page, tr, qrX + QR_SIZE / 2, qrY + QR_SIZE / 2 - 11, { size: w.fit(tr, 6.5, QR_SIZE, 4.5, true), align: 'center', color: SOFT, citizen: true });
  }

  y = qrY - 22;
  for (const para of paragraphs) {
    for (const line of para.lines) {
      if (y < BOTTOM) {
        page = doc.addPage([PAGE_W, PAGE_H]);
        pages.push(page);
        y = PAGE_H - M - 12;
      }
      w.text(page, line, M, y, { size: para.size, ...(para.citizen ? { color: SOFT, citizen: true } : {}) });
      y -= lineH(para.size);
    }
    y -= 3;
  }
  for (const p of pages) {
    p.drawLine({ start: { x: M, y: 30 }, end: { x: PAGE_W - M, y: 30 }, thickness: 0.4, color: SOFT });
    w.text(p, `${model.officeName}\u3000${model.caseNo}`, M, 18, { size: 7, color: SOFT });
    if (bilingual) {
      const note = `${w.zh('form.translationNote')} ${w.tr('form.translationNote') ?? ''}`;
      w.text(p, note, M, 10, { size: w.fit(note, 6, contentW, 4, true), color: SOFT, citizen: true });
    }
  }

  const now = opts.now ?? new Date();
  stampMetadata(doc, { title: `${RECEIPT_TITLE}（${model.caseNo}）`, author: model.officeName, subject: `${RECEIPT_TITLE} 案件編號 ${model.caseNo}`, at: now });
  return doc.save({ useObjectStreams: true });
}
