import type { Font as FontkitFont } from 'fontkit';
import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { resourcePath } from '../resources';
import { loadFontBytes, parseFont, subsetFontName } from './font';
import { CJK_TC, type ScriptFont } from './scriptFonts';
import { drawShapedText, memoizeLayout, shapedWidth, withActualText } from './shapedText';

/** A font embedded (as a subset) in one PDF, with its parsed fontkit face. */
export type EmbeddedFont = { spec: ScriptFont; pdf: PDFFont; face: FontkitFont };

/**
 * The fonts of one PDF, each embedded once however many stacks use it (the Chinese original and a
 * Thai translation share the CJK subset). `cjkPath` overrides the CJK font file (tests, packaged app).
 */
export class DocumentFonts {
  private readonly embedded = new Map<string, Promise<EmbeddedFont>>();

  constructor(
    private readonly doc: PDFDocument,
    /** Content seed for the subset tags, so the same printout always gets the same font names. */
    private readonly seed: string,
    private readonly cjkPath?: string,
  ) {}

  embed(spec: ScriptFont): Promise<EmbeddedFont> {
    let pending = this.embedded.get(spec.file);
    if (!pending) {
      pending = (async () => {
        const bytes = await loadFontBytes(spec === CJK_TC && this.cjkPath ? this.cjkPath : resourcePath(spec.file));
        const pdf = await this.doc.embedFont(bytes, { subset: true, customName: subsetFontName(`${this.seed}:${spec.postscriptName}`, spec.postscriptName) });
        const face = parseFont(bytes);
        if (spec.positioned) memoizeLayout(face); // before pdf-lib's encodeText lays out the same lines again
        return { spec, pdf, face };
      })();
      this.embedded.set(spec.file, pending);
    }
    return pending;
  }

  async stack(specs: readonly ScriptFont[]): Promise<FontStack> {
    return new FontStack(await Promise.all(specs.map((s) => this.embed(s))));
  }
}

/** Characters that belong to the run they follow (marks, joiners, spaces): a Thai vowel sign must stay with its consonant's font. */
const CLINGS = /[\p{M}\p{Cf}\s]/u;

/**
 * Text over several fonts: each character takes the first font of the stack that has it, and each
 * run is measured and drawn with its own font (shaped and positioned where the font asks for it).
 */
export class FontStack {
  private readonly choice = new Map<number, number>();

  constructor(readonly fonts: readonly EmbeddedFont[]) {
    if (fonts.length === 0) throw new Error('FontStack: no fonts');
  }

  private fontFor(codePoint: number): number {
    let i = this.choice.get(codePoint);
    if (i === undefined) {
      i = this.fonts.findIndex((f) => f.face.hasGlyphForCodePoint(codePoint));
      if (i < 0) i = 0; // nobody has it: the first font's .notdef, as pdf-lib would draw
      this.choice.set(codePoint, i);
    }
    return i;
  }

  /** `text` cut into runs of one font each. */
  runs(text: string): { font: EmbeddedFont; text: string }[] {
    if (this.fonts.length === 1) return text ? [{ font: this.fonts[0]!, text }] : [];
    const runs: { font: number; text: string }[] = [];
    for (const ch of text) {
      const last = runs[runs.length - 1];
      const i = last && CLINGS.test(ch) ? last.font : this.fontFor(ch.codePointAt(0)!);
      if (last && last.font === i) last.text += ch;
      else runs.push({ font: i, text: ch });
    }
    return runs.map((r) => ({ font: this.fonts[r.font]!, text: r.text }));
  }

  width(text: string, size: number): number {
    let w = 0;
    for (const r of this.runs(text)) w += r.font.spec.positioned ? shapedWidth(r.font.face, r.text, size) : r.font.pdf.widthOfTextAtSize(r.text, size);
    return w;
  }

  /** Draw `text` with its baseline starting at (x, y); a line with shaped runs is one /ActualText span. */
  draw(page: PDFPage, text: string, x: number, y: number, size: number, color: Color): void {
    const runs = this.runs(text);
    const drawRuns = (): void => {
      let left = x;
      for (const r of runs) {
        if (r.font.spec.positioned) drawShapedText(page, r.font.pdf, r.font.face, r.text, { x: left, y, size, color });
        else page.drawText(r.text, { x: left, y, size, font: r.font.pdf, color });
        left += r.font.spec.positioned ? shapedWidth(r.font.face, r.text, size) : r.font.pdf.widthOfTextAtSize(r.text, size);
      }
    };
    if (runs.some((r) => r.font.spec.positioned)) withActualText(page, text, drawRuns);
    else drawRuns();
  }
}
