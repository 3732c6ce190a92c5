import { LineJoinStyle, TextRenderingMode, popGraphicsState, pushGraphicsState, rgb, setLineJoin, setLineWidth, setStrokingColor, setTextRenderingMode } from 'pdf-lib';
import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { wrapText } from './textLayout';

/**
 * The A4 page geometry, type sizes and drawing primitives the consent form and its extra pages
 * (後續辦理時程, 補件通知) share, so every page of one printout looks like one document.
 * PDF points, origin bottom-left.
 */
export const PAGE_W = 595.28; // A4 portrait
export const PAGE_H = 841.89;
export const MARGIN_X = 36;
export const MARGIN_TOP = 32;
export const CONTENT_W = PAGE_W - 2 * MARGIN_X;
export const CONTENT_BOTTOM = 42; // content must stay above this; the footer lives below
export const FOOTER_RULE_Y = 36;
export const FOOTER_BASELINE = 24;
export const QR_SIZE = 52; // symbol without quiet zone (~18 mm)
export const QR_X = PAGE_W - MARGIN_X - QR_SIZE;
export const QR_TOP = PAGE_H - MARGIN_TOP;
export const HEADER_H = 58; // title band (and QR + case number) on every page
export const ROW_HEAD_H = 17; // shaded header row of a block

export const INK = rgb(0, 0, 0);
export const SOFT = rgb(0.3, 0.3, 0.3);
export const RULE = rgb(0.2, 0.2, 0.2);
export const SHADE = rgb(0.91, 0.91, 0.91);

export const SIZE = {
  title: 16,
  contTitle: 12.5,
  section: 10.5,
  itemTitle: 10.5,
  label: 9,
  value: 10.5,
  body: 9.5,
  table: 8.5,
  small: 8,
  tiny: 7,
} as const;

export const BODY_LH = SIZE.body * 1.4;

type Align = 'left' | 'center' | 'right';
export type TextOpts = { size: number; color?: Color; bold?: boolean; align?: Align };

/**
 * A drawable piece of the form whose height is known before it is placed: the page flow can then
 * decide whether it still fits, and a long list is many blocks so it can continue on the next page.
 */
export type Block = { height: number; draw: (page: PDFPage, top: number) => void };

export class FormWriter {
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

  /** Draw wrapped `lines` from `top` down, `lh` apart, each vertically centred in its line box. */
  lines(page: PDFPage, lines: string[], x: number, top: number, lh: number, opts: TextOpts): void {
    lines.forEach((ln, k) => this.text(page, ln, x, FormWriter.baseline(top - k * lh, lh, opts.size), opts));
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

/** Section heading (一、二、三、) with an optional right-aligned note. */
export const sectionHeading = (w: FormWriter, title: string, note?: string): Block => ({
  height: 19,
  draw: (page, top) => {
    const base = top - 13.5;
    w.text(page, title, MARGIN_X, base, { size: SIZE.section, bold: true });
    if (note) w.text(page, note, MARGIN_X + CONTENT_W, base, { size: SIZE.small, color: SOFT, align: 'right' });
  },
});

/** Vertical space between sections (a block that draws nothing). */
export const gap = (height: number): Block => ({ height, draw: () => undefined });

/** A paragraph of body text across the content width. */
export const paragraph = (w: FormWriter, text: string, opts: { size?: number; color?: Color } = {}): Block => {
  const size = opts.size ?? SIZE.body;
  const lh = size * 1.45;
  const lines = w.wrap(text, size, CONTENT_W);
  return {
    height: lines.length * lh + 2,
    draw: (page, top) => w.lines(page, lines, MARGIN_X, top - 1, lh, { size, ...(opts.color ? { color: opts.color } : {}) }),
  };
};
