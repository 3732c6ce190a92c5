import type { Color } from 'pdf-lib';
import { CONTENT_W, FormWriter, MARGIN_X, SHADE, SIZE, SOFT, TR_SIZE, type Block } from './formWriter';

/** A column of a row table: heading and width in points (the widths add up to the content width). */
export type Column = { title: string; width: number; align?: 'left' | 'center'; /** The title in the citizen's language, under it. */ titleTr?: string | null };

/** One paragraph inside a cell; a cell may stack several (a law, then a softer note under it). */
export type CellText = { text: string; color?: Color; bold?: boolean; /** In the citizen's language (and fonts). */ citizen?: boolean; size?: number };
export type TableCell = string | CellText[];

const PAD = 4;

const checkWidths = (columns: Column[]): void => {
  const total = columns.reduce((s, c) => s + c.width, 0);
  if (Math.abs(total - CONTENT_W) > 0.5) throw new Error(`row table columns add up to ${total}, not ${CONTENT_W}`);
};

/** The shaded heading row; repeated at the top of every continuation page. */
export function tableHead(w: FormWriter, columns: Column[]): Block {
  checkWidths(columns);
  // Each line with its own size: the Chinese title, then its translation in smaller type.
  const laid = columns.map((c) => [
    ...w.wrap(c.title, SIZE.label, c.width - 2 * PAD).map((text) => ({ text, size: SIZE.label, citizen: false })),
    ...(c.titleTr ? w.wrap(c.titleTr, TR_SIZE.label, c.width - 2 * PAD, true).map((text) => ({ text, size: TR_SIZE.label, citizen: true })) : []),
  ]);
  const heightOf = (lines: { size: number }[]) => lines.reduce((s, l) => s + l.size * 1.3, 0);
  const height = Math.max(...laid.map(heightOf)) + 6;
  return {
    height,
    draw: (page, top) => {
      w.rect(page, MARGIN_X, top, CONTENT_W, height, { fill: SHADE, border: 0.8 });
      let x = MARGIN_X;
      columns.forEach((c, i) => {
        let lineTop = top - (height - heightOf(laid[i]!)) / 2;
        for (const ln of laid[i]!) {
          const lh = ln.size * 1.3;
          w.text(page, ln.text, x + c.width / 2, FormWriter.baseline(lineTop, lh, ln.size), { size: ln.size, align: 'center', color: SOFT, citizen: ln.citizen });
          lineTop -= lh;
        }
        if (i > 0) w.line(page, x, top, x, top - height);
        x += c.width;
      });
    },
  };
}

/** One body row: every cell wrapped to its column, the row as tall as its tallest cell. */
export function tableRow(w: FormWriter, columns: Column[], cells: TableCell[], size: number = SIZE.table): Block {
  checkWidths(columns);
  const laid = columns.map((c, i) => {
    const cell = cells[i] ?? '';
    const paras: CellText[] = typeof cell === 'string' ? [{ text: cell }] : cell;
    return paras.flatMap((p) => w.wrap(p.text, p.size ?? size, c.width - 2 * PAD, p.citizen).map((line) => ({ ...p, text: line, size: p.size ?? size })));
  });
  const heightOf = (lines: { size: number }[]) => lines.reduce((s, l) => s + l.size * 1.35, 0);
  const height = Math.max(...laid.map(heightOf)) + 6;
  return {
    height,
    draw: (page, top) => {
      let x = MARGIN_X;
      columns.forEach((c, i) => {
        let lineTop = top - 3;
        for (const ln of laid[i]!) {
          const lh = ln.size * 1.35;
          const y = FormWriter.baseline(lineTop, lh, ln.size);
          lineTop -= lh;
          const opts = { size: ln.size, citizen: ln.citizen ?? false, ...(ln.color ? { color: ln.color } : {}), ...(ln.bold ? { bold: true } : {}) };
          if (c.align === 'center') w.text(page, ln.text, x + c.width / 2, y, { ...opts, align: 'center' });
          else w.text(page, ln.text, x + PAD, y, opts);
        }
        if (i > 0) w.line(page, x, top, x, top - height);
        x += c.width;
      });
      w.rect(page, MARGIN_X, top, CONTENT_W, height, { border: 0.8 });
    },
  };
}
