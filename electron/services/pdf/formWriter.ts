import { LineJoinStyle, TextRenderingMode, popGraphicsState, pushGraphicsState, rgb, setLineJoin, setLineWidth, setStrokingColor, setTextRenderingMode } from 'pdf-lib';
import type { Color, PDFDocument, PDFPage } from 'pdf-lib';
import type { FontStack } from './fontStack';
import { zhText as zhOf, type PrintTexts, type Vars } from './printTexts';
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
/** `citizen`: the text is in the citizen's language (drawn with that language's fonts). */
export type TextOpts = { size: number; color?: Color; bold?: boolean; align?: Align; citizen?: boolean };

/** The citizen's language on a bilingual printout: its wording and its fonts. */
export type CitizenLanguage = { texts: PrintTexts; fonts: FontStack };

/**
 * A drawable piece of the form whose height is known before it is placed: the page flow can then
 * decide whether it still fits, and a long list is many blocks so it can continue on the next page.
 */
export type Block = { height: number; draw: (page: PDFPage, top: number) => void };

export class FormWriter {
  private readonly widths = new Map<string, number>();
  private readonly citizenWidths = new Map<string, number>();

  constructor(
    readonly doc: PDFDocument,
    /** The Chinese original's fonts. */
    readonly fonts: FontStack,
    /** The citizen's language beside the Chinese; null on a Chinese-only printout. */
    readonly citizen: CitizenLanguage | null = null,
  ) {}

  /** The Chinese text of a print key (resources/translations/print.zh-TW.json). */
  zh(key: string, vars?: Vars): string {
    return this.citizen ? this.citizen.texts.zh(key, vars) : zhOf(key, vars);
  }

  /** The citizen's-language text of a print key, or null (Chinese-only printout, or no translation). */
  tr(key: string, vars?: Vars): string | null {
    return this.citizen?.texts.tr(key, vars) ?? null;
  }

  width(text: string, size: number, citizen = false): number {
    // Measure at 1000 units and scale: the cache then serves every size.
    const cache = citizen && this.citizen ? this.citizenWidths : this.widths;
    let w = cache.get(text);
    if (w === undefined) {
      w = (citizen && this.citizen ? this.citizen.fonts : this.fonts).width(text, 1000);
      cache.set(text, w);
    }
    return (w * size) / 1000;
  }

  /** `size`, or the largest smaller size (not below `min`) at which `text` fits in `maxWidth`. */
  fit(text: string, size: number, maxWidth: number, min = 6.5, citizen = false): number {
    const w = this.width(text, size, citizen);
    return w <= maxWidth ? size : Math.max(min, Math.floor((size * maxWidth * 10) / w) / 10);
  }

  wrap(text: string, size: number, maxWidth: number, citizen = false): string[] {
    return wrapText(text, maxWidth, (t) => this.width(t, size, citizen));
  }

  text(page: PDFPage, text: string, x: number, y: number, opts: TextOpts): void {
    if (!text) return;
    const { size, color = INK, bold = false, align = 'left', citizen = false } = opts;
    const w = align === 'left' ? 0 : this.width(text, size, citizen);
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
    (citizen && this.citizen ? this.citizen.fonts : this.fonts).draw(page, text, left, y, size, color);
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

/** Type size of the citizen's-language line under or beside a Chinese heading or label. */
export const TR_SIZE = { heading: 8.5, note: 7.5, label: 7, body: 9 } as const;

/**
 * Section heading (一、二、三、) with an optional right-aligned note; on a bilingual printout the
 * heading's translation follows it on the same line when there is room (else below), and the
 * note's translation goes under the note.
 */
export const sectionHeading = (w: FormWriter, title: string, note?: string, tr: { title?: string | null; note?: string | null } = {}): Block => {
  const noteW = note ? w.width(note, SIZE.small) : 0;
  const titleEnd = MARGIN_X + w.width(title, SIZE.section) + 8;
  const trW = tr.title ? w.width(tr.title, TR_SIZE.heading, true) : 0;
  // Beside only when clear of the note and of the QR code's case number (a heading may open a continuation page).
  const beside = !tr.title || titleEnd + trW <= Math.min(QR_X, MARGIN_X + CONTENT_W - noteW) - 8;
  const second = (tr.title && !beside) || tr.note;
  return {
    height: 19 + (second ? 11 : 0),
    draw: (page, top) => {
      const base = top - 13.5;
      w.text(page, title, MARGIN_X, base, { size: SIZE.section, bold: true });
      if (note) w.text(page, note, MARGIN_X + CONTENT_W, base, { size: SIZE.small, color: SOFT, align: 'right' });
      if (tr.title) w.text(page, tr.title, beside ? titleEnd : MARGIN_X, beside ? base : base - 11, { size: TR_SIZE.heading, color: SOFT, citizen: true });
      if (tr.note) w.text(page, tr.note, MARGIN_X + CONTENT_W, base - 11, { size: w.fit(tr.note, TR_SIZE.note, CONTENT_W / 2, 6, true), color: SOFT, align: 'right', citizen: true });
    },
  };
};

/** A section heading from print keys: the Chinese, and the citizen's language where the printout has one. */
export const keyedHeading = (w: FormWriter, key: string, vars?: Vars, noteKey?: string): Block =>
  sectionHeading(w, w.zh(key, vars), noteKey ? w.zh(noteKey) : undefined, { title: w.tr(key, vars), note: noteKey ? w.tr(noteKey) : null });

/** Vertical space between sections (a block that draws nothing). */
export const gap = (height: number): Block => ({ height, draw: () => undefined });

/** A paragraph of body text across the content width (`citizen`: in the citizen's language and fonts). */
export const paragraph = (w: FormWriter, text: string, opts: { size?: number; color?: Color; citizen?: boolean } = {}): Block => {
  const size = opts.size ?? SIZE.body;
  const lh = size * 1.45;
  const citizen = opts.citizen ?? false;
  const lines = w.wrap(text, size, CONTENT_W, citizen);
  return {
    height: lines.length * lh + 2,
    draw: (page, top) => w.lines(page, lines, MARGIN_X, top - 1, lh, { size, citizen, ...(opts.color ? { color: opts.color } : {}) }),
  };
};

/** A paragraph from a print key, then (bilingual printout) its translation under it in soft type. */
export const keyedParagraphs = (w: FormWriter, key: string, vars: Vars, opts: { size?: number; color?: Color } = {}): Block[] => {
  const tr = w.tr(key, vars);
  return [paragraph(w, w.zh(key, vars), opts), ...(tr ? [paragraph(w, tr, { size: opts.size ?? SIZE.body, color: SOFT, citizen: true })] : [])];
};
