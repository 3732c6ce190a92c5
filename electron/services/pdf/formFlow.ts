import type { PDFPage } from 'pdf-lib';
import { CONTENT_BOTTOM, HEADER_H, MARGIN_TOP, PAGE_H, PAGE_W, type Block, type FormWriter } from './formWriter';

/**
 * A titled run of blocks: heading blocks kept with the first block, the blocks, what repeats at the top
 * of a continuation page (a （續） heading, the table head), and what closes the run (signature lines).
 */
export type Section = { heading: Block[]; blocks: Block[]; continued: Block[]; after?: Block[] };

/** Draws a page's header band (title, case line); the QR and footer come at the end, once the page count is known. */
export type PageHeader = (page: PDFPage) => void;

/**
 * Places blocks down A4 pages, starting a new page when the next block no longer fits. Page
 * furniture that needs the final page count (the QR `NIN1:<case>:<page>/<pages>`, 第 n 頁／共 N 頁)
 * is drawn by {@link finish} after everything is placed, so extra sections can never leave a page
 * numbered wrong.
 */
export class FormFlow {
  readonly pages: PDFPage[] = [];
  private page: PDFPage | undefined;
  private y = 0;

  constructor(private readonly w: FormWriter) {}

  /** The page the next block lands on (1-based). */
  get pageNumber(): number {
    return this.pages.length;
  }

  /** `headerHeight`: a taller band for a page whose header has more lines (the bilingual first page). */
  newPage(header: PageHeader, headerHeight: number = HEADER_H): void {
    this.page = this.w.doc.addPage([PAGE_W, PAGE_H]);
    this.pages.push(this.page);
    header(this.page);
    this.y = PAGE_H - MARGIN_TOP - headerHeight;
  }

  fits(height: number): boolean {
    return this.y - height >= CONTENT_BOTTOM;
  }

  /** Room left above the footer on the current page. */
  get room(): number {
    return this.y - CONTENT_BOTTOM;
  }

  place(b: Block): void {
    if (!this.page) throw new Error('FormFlow: newPage() first');
    b.draw(this.page, this.y);
    this.y -= b.height;
  }

  /**
   * A run of blocks under one heading: the heading stays with the first block (never orphaned);
   * when a later block does not fit, a new page with `header`, then `continued` (a （續） heading and
   * a repeated table head) before it. A block taller than a whole page is placed anyway (it
   * overflows) rather than starting pages forever. Returns the page each block landed on.
   */
  placeRun(run: Section & { header: PageHeader }): number[] {
    const sum = (bs: Block[]): number => bs.reduce((s, b) => s + b.height, 0);
    const landed: number[] = [];
    run.blocks.forEach((b, i) => {
      const lead = i === 0 ? run.heading : [];
      if (!this.fits(sum(lead) + b.height)) {
        this.newPage(run.header);
        (i === 0 ? run.heading : run.continued).forEach((h) => this.place(h));
      } else lead.forEach((h) => this.place(h));
      this.place(b);
      landed.push(this.pageNumber);
    });
    if (run.blocks.length === 0) run.heading.forEach((h) => this.place(h));
    for (const b of run.after ?? []) {
      if (!this.fits(b.height)) this.newPage(run.header);
      this.place(b);
    }
    return landed;
  }

  /** Draw what needs the page count on every page: `furniture(page, n, total)`. */
  finish(furniture: (page: PDFPage, n: number, total: number) => void): number {
    this.pages.forEach((p, i) => furniture(p, i + 1, this.pages.length));
    return this.pages.length;
  }
}
