import {
  PDFHexString,
  PDFName,
  PDFOperator,
  PDFOperatorNames as Ops,
  beginText,
  endMarkedContent,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setFillingColor,
  setTextMatrix,
  setTextRise,
  type Color,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import type { Font as FontkitFont, GlyphRun } from 'fontkit';

/**
 * Thai and Khmer are drawn from the shaper's glyph positions. pdf-lib's drawText shapes with
 * fontkit (GSUB: Khmer reordering, subscript and ligature glyphs) but then writes each glyph at
 * the previous one's advance, dropping GPOS: Thai tone marks over upper vowels and Khmer subscripts
 * and vowel signs land in the wrong place (fontkit moves them by up to 0.28 em; kerning is lost too).
 * Here the same fontkit layout is written as a TJ array (x offsets and kerning) with text rise
 * (y offsets); callers wrap the line in {@link withActualText} so copying and pdftotext give the
 * logical text (Khmer glyphs are in visual order: a pre-base vowel is drawn before its consonant).
 */

const fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();

/** The page's resource name for `font`, added once per page (pdf-lib's drawText adds one per call). */
const fontKey = (page: PDFPage, font: PDFFont): PDFName => {
  let keys = fontKeys.get(page);
  if (!keys) fontKeys.set(page, (keys = new Map()));
  let key = keys.get(font);
  if (!key) keys.set(font, (key = page.node.newFontDictionary(font.name, font.ref)));
  return key;
};

const MEMOIZED = Symbol('nin1.layoutMemoized');

/**
 * Make `font.layout(text)` (no features: how pdf-lib and this module call it) return a cached run.
 * Shaping Khmer with fontkit's universal shaper costs about a millisecond a line, and a line is laid
 * out three times (measured for wrapping, positioned here, encoded by pdf-lib's encodeText); forms
 * repeat the same headings all day. Runs are only read, never changed, so sharing them is safe.
 */
export function memoizeLayout(font: FontkitFont): void {
  const marked = font as FontkitFont & { [MEMOIZED]?: true };
  if (marked[MEMOIZED]) return;
  const original = font.layout.bind(font);
  const cache = new Map<string, GlyphRun>();
  font.layout = ((text: string, ...rest: unknown[]) => {
    if (rest.some((r) => r !== undefined)) return (original as (...a: unknown[]) => GlyphRun)(text, ...rest);
    let run = cache.get(text);
    if (!run) {
      if (cache.size > 5000) cache.clear();
      cache.set(text, (run = original(text)));
    }
    return run;
  }) as FontkitFont['layout'];
  Object.defineProperty(font, MEMOIZED, { value: true });
}

/** fontkit's layout of `text` (cached once {@link memoizeLayout} has wrapped the font). */
export const layoutOf = (font: FontkitFont, text: string): GlyphRun => font.layout(text);

/** Advance width of the shaped text at `size` (kerning and GPOS advances included). */
export const shapedWidth = (font: FontkitFont, text: string, size: number): number =>
  (layoutOf(font, text).positions.reduce((s, p) => s + p.xAdvance, 0) * size) / font.unitsPerEm;

export type ShapedDraw = { x: number; y: number; size: number; color: Color };

/** Draw `text` with its glyphs where fontkit's shaper puts them; (x, y) is the baseline start. */
export function drawShapedText(page: PDFPage, pdfFont: PDFFont, font: FontkitFont, text: string, at: ShapedDraw): void {
  const run = layoutOf(font, text);
  // pdf-lib encodes the same layout (same font object, no extra features): one 4-digit subset glyph id per glyph.
  const hex = pdfFont.encodeText(text).toString().slice(1, -1);
  if (hex.length !== run.glyphs.length * 4) throw new Error('shaped text: glyph count differs from pdf-lib encoding');
  const toThousandths = 1000 / font.unitsPerEm;
  const ctx = page.doc.context;

  const ops: PDFOperator[] = [
    pushGraphicsState(),
    beginText(),
    setFillingColor(at.color),
    PDFOperator.of(Ops.SetFontAndSize, [fontKey(page, pdfFont), ctx.obj(at.size)]),
    setTextMatrix(1, 0, 0, 1, at.x, at.y),
  ];
  let parts: (PDFHexString | number)[] = [];
  const flush = (): void => {
    if (parts.length > 0) ops.push(PDFOperator.of(Ops.ShowTextAdjusted, [ctx.obj(parts)]));
    parts = [];
  };
  let pen = 0; // where the shaper puts the next glyph origin, in 1/1000 em
  let pdfPen = 0; // where the PDF's text position is after the last shown glyph
  let rise = 0;
  run.glyphs.forEach((glyph, i) => {
    const p = run.positions[i]!;
    const glyphRise = p.yOffset * toThousandths;
    if (glyphRise !== rise) {
      flush();
      ops.push(setTextRise((glyphRise * at.size) / 1000));
      rise = glyphRise;
    }
    const target = pen + p.xOffset * toThousandths;
    const move = target - pdfPen;
    if (Math.abs(move) > 0.01) parts.push(Math.round(-move * 100) / 100); // TJ numbers move left
    parts.push(PDFHexString.of(hex.slice(i * 4, i * 4 + 4)));
    pdfPen = target + glyph.advanceWidth * toThousandths; // the width pdf-lib writes into /W
    pen += p.xAdvance * toThousandths;
  });
  flush();
  ops.push(endText(), popGraphicsState());
  page.pushOperators(...ops);
}

/**
 * Mark what `draw` puts on the page as one /ActualText span holding `text`: copy, search and
 * pdftotext then read the line in logical order. One span per drawn line, not per font run: poppler
 * orders several spans on one line backwards.
 */
export function withActualText(page: PDFPage, text: string, draw: () => void): void {
  // A raw string argument is written as is: the property list inline, as ISO 32000 14.9.4 shows it.
  page.pushOperators(PDFOperator.of(Ops.BeginMarkedContentSequence, [PDFName.of('Span'), `<< /ActualText ${PDFHexString.fromText(text).toString()} >>`]));
  draw();
  page.pushOperators(endMarkedContent());
}
