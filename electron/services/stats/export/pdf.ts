import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { FORM_FONT, fontkitAdapter, loadFormFont, subsetFontName } from '../../pdf/font';
import type { Cell, Report, ReportTable } from './tables';
import { stampMetadata } from '../../pdf/metadata';

const PAGE_W = 595.28; // A4 portrait
const PAGE_H = 841.89;
const MARGIN_X = 40;
const MARGIN_TOP = 40;
const MARGIN_BOTTOM = 48;
const CONTENT_W = PAGE_W - 2 * MARGIN_X;
const ROW_H = 16;
const SIZE = { title: 18, meta: 10, heading: 12, cell: 9, footer: 8 };
const GRID = rgb(0.6, 0.6, 0.6);
const HEADER_FILL = rgb(0.88, 0.88, 0.88);

const cellText = (c: Cell): string => (c === null ? '—' : typeof c === 'number' ? c.toLocaleString('en-US', { maximumFractionDigits: 3 }) : c);

/** Shorten text to fit a cell, ending with … (names are long, cells are not; the XLSX keeps the full text). */
function fit(font: PDFFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && font.widthOfTextAtSize(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('')}…`;
}

/** Column widths by content (CJK counts double), scaled to the page width. */
function columnWidths(t: ReportTable): number[] {
  const weight = (v: Cell | string): number => Math.min(24, Math.max(4, [...cellText(v as Cell)].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0)));
  const raw = t.headers.map((h, i) => Math.max(weight(h), ...t.rows.map((r) => weight(r[i] ?? null))));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => (w / sum) * CONTENT_W);
}

/**
 * The printable report: title, period and print date in ROC (民國115年11月27日), then each table
 * as a ruled grid, numbers right-aligned; a table continues on the next page with its header
 * repeated. The CJK font is embedded as a subset, so the file prints the same anywhere.
 */
export async function reportPdf(report: Report, now: Date): Promise<Uint8Array> {
  const { bytes } = await loadFormFont();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkitAdapter);
  const font = await doc.embedFont(bytes, { subset: true, customName: subsetFontName(JSON.stringify(report), FORM_FONT.postscriptName) });
  const pages: PDFPage[] = [];
  let page!: PDFPage;
  let y = 0;
  const text = (s: string, x: number, baseline: number, size: number): void => page.drawText(s, { x, y: baseline, size, font, color: rgb(0, 0, 0) });
  const newPage = (): void => {
    page = doc.addPage([PAGE_W, PAGE_H]);
    pages.push(page);
    y = PAGE_H - MARGIN_TOP;
  };

  newPage();
  text(report.title, MARGIN_X, y - SIZE.title, SIZE.title);
  y -= SIZE.title + 10;
  text(`統計期間：${report.period}`, MARGIN_X, y - SIZE.meta, SIZE.meta);
  y -= SIZE.meta + 6;
  text(`列印日期：${report.printedOn}`, MARGIN_X, y - SIZE.meta, SIZE.meta);
  y -= SIZE.meta + 14;

  const drawRow = (cells: (Cell | string)[], widths: number[], header: boolean): void => {
    if (header) page.drawRectangle({ x: MARGIN_X, y: y - ROW_H, width: CONTENT_W, height: ROW_H, color: HEADER_FILL });
    let x = MARGIN_X;
    cells.forEach((c, i) => {
      const w = widths[i]!;
      const s = fit(font, cellText(c as Cell), SIZE.cell, w - 6);
      const right = !header && typeof c === 'number';
      const tx = right ? x + w - 3 - font.widthOfTextAtSize(s, SIZE.cell) : x + 3;
      text(s, tx, y - ROW_H + 4.5, SIZE.cell);
      page.drawRectangle({ x, y: y - ROW_H, width: w, height: ROW_H, borderColor: GRID, borderWidth: 0.5 });
      x += w;
    });
    y -= ROW_H;
  };

  for (const t of report.tables) {
    const widths = columnWidths(t);
    // Keep a heading with its header row and at least one data row.
    if (y - (SIZE.heading + 8 + 2 * ROW_H) < MARGIN_BOTTOM) newPage();
    text(t.title, MARGIN_X, y - SIZE.heading, SIZE.heading);
    y -= SIZE.heading + 8;
    drawRow(t.headers, widths, true);
    if (t.rows.length === 0) drawRow(['（無資料）', ...t.headers.slice(1).map(() => '')], widths, false);
    for (const r of t.rows) {
      if (y - ROW_H < MARGIN_BOTTOM) {
        newPage();
        text(`${t.title}（續）`, MARGIN_X, y - SIZE.heading, SIZE.heading);
        y -= SIZE.heading + 8;
        drawRow(t.headers, widths, true);
      }
      drawRow(r, widths, false);
    }
    y -= 14;
  }

  pages.forEach((p, i) => {
    const footer = `${report.title}\u3000${report.period}\u3000第 ${i + 1} 頁／共 ${pages.length} 頁`;
    p.drawText(footer, { x: MARGIN_X, y: MARGIN_BOTTOM / 2, size: SIZE.footer, font, color: rgb(0.3, 0.3, 0.3) });
  });
  stampMetadata(doc, { title: `${report.title}（${report.period}）`, at: now });
  return doc.save({ useObjectStreams: true });
}
