import type { Color } from 'pdf-lib';
import { CONTENT_W, FormWriter, MARGIN_X, SHADE, SIZE, SOFT, type Block } from './formWriter';

/** A column of a row table: heading and width in points (the widths add up to the content width). */
export type Column = { title: string; width: number; align?: 'left' | 'center' };

/** One paragraph inside a cell; a cell may stack several (a law, then a softer note under it). */
export type CellText = { text: string; color?: Color; bold?: boolean };
export type TableCell = string | CellText[];

const PAD = 4;

const checkWidths = (columns: Column[]): void => {
  const total = columns.reduce((s, c) => s + c.width, 0);
  if (Math.abs(total - CONTENT_W) > 0.5) throw new Error(`row table columns add up to ${total}, not ${CONTENT_W}`);
};

/** The shaded heading row; repeated at the top of every continuation page. */
export function tableHead(w: FormWriter, columns: Column[]): Block {
  checkWidths(columns);
  const laid = columns.map((c) => w.wrap(c.title, SIZE.label, c.width - 2 * PAD));
  const height = Math.max(...laid.map((l) => l.length)) * SIZE.label * 1.3 + 6;
  return {
    height,
    draw: (page, top) => {
      w.rect(page, MARGIN_X, top, CONTENT_W, height, { fill: SHADE, border: 0.8 });
      let x = MARGIN_X;
      columns.forEach((c, i) => {
        const lh = SIZE.label * 1.3;
        const first = top - (height - laid[i]!.length * lh) / 2;
        laid[i]!.forEach((ln, k) => w.text(page, ln, x + c.width / 2, FormWriter.baseline(first - k * lh, lh, SIZE.label), { size: SIZE.label, align: 'center', color: SOFT }));
        if (i > 0) w.line(page, x, top, x, top - height);
        x += c.width;
      });
    },
  };
}

/** One body row: every cell wrapped to its column, the row as tall as its tallest cell. */
export function tableRow(w: FormWriter, columns: Column[], cells: TableCell[], size: number = SIZE.table): Block {
  checkWidths(columns);
  const lh = size * 1.35;
  const laid = columns.map((c, i) => {
    const cell = cells[i] ?? '';
    const paras: CellText[] = typeof cell === 'string' ? [{ text: cell }] : cell;
    return paras.flatMap((p) => w.wrap(p.text, size, c.width - 2 * PAD).map((line) => ({ ...p, text: line })));
  });
  const height = Math.max(...laid.map((l) => l.length)) * lh + 6;
  return {
    height,
    draw: (page, top) => {
      let x = MARGIN_X;
      columns.forEach((c, i) => {
        laid[i]!.forEach((ln, k) => {
          const y = FormWriter.baseline(top - 3 - k * lh, lh, size);
          const opts = { size, ...(ln.color ? { color: ln.color } : {}), ...(ln.bold ? { bold: true } : {}) };
          if (c.align === 'center') w.text(page, ln.text, x + c.width / 2, y, { ...opts, align: 'center' });
          else w.text(page, ln.text, x + PAD, y, opts);
        });
        if (i > 0) w.line(page, x, top, x, top - height);
        x += c.width;
      });
      w.rect(page, MARGIN_X, top, CONTENT_W, height, { border: 0.8 });
    },
  };
}
