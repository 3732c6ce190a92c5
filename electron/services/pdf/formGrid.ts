import { CONTENT_W, FormWriter, MARGIN_X, SHADE, SIZE, SOFT, type Block } from './formWriter';

/** One label/value pair of a form grid; `span` takes the whole row (addresses, parcel lists). */
export type GridCell = { label: string; value: string; span?: boolean };

/** Label and value column widths: [label, value, label, value]; they add up to the content width. */
export type GridColumns = readonly [number, number, number, number];

/** Fields as grid rows: a spanning field gets its own row, the others go two by two. */
export function pairCells(fields: readonly GridCell[]): GridCell[][] {
  const rows: GridCell[][] = [];
  let half: GridCell | null = null;
  for (const f of fields) {
    if (f.span) rows.push([{ label: f.label, value: f.value, span: true }]);
    else if (half) {
      rows.push([half, { label: f.label, value: f.value }]);
      half = null;
    } else half = { label: f.label, value: f.value };
  }
  if (half) rows.push([{ ...half, span: true }]);
  return rows;
}

const PAD = 6;
const VALUE_LH = SIZE.value * 1.35;
const LABEL_LH = SIZE.label * 1.3;

/**
 * Label/value grid, one block per row so a long grid (a death case's event fields) can continue on
 * the next page. Labels wrap in their shaded column instead of running into the value: the
 * catalogue's labels (死亡證明書（相驗屍體證明書）字號) are longer than 遷徙's were.
 */
export function gridRows(w: FormWriter, rows: GridCell[][], cols: GridColumns): Block[] {
  return rows.map((cells) => {
    const parts = cells.map((cell, i) => {
      const labelW = cols[i * 2]!;
      const valueW = cell.span ? CONTENT_W - labelW : cols[i * 2 + 1]!;
      return {
        labelW,
        valueW,
        labelLines: w.wrap(cell.label, SIZE.label, labelW - 2 * PAD + 2),
        valueLines: w.wrap(cell.value, SIZE.value, valueW - 2 * PAD),
      };
    });
    const height = Math.max(18, ...parts.map((p) => Math.max(p.valueLines.length * VALUE_LH, p.labelLines.length * LABEL_LH) + 5));
    return {
      height,
      draw: (page, top) => {
        let x = MARGIN_X;
        for (const p of parts) {
          w.rect(page, x, top, p.labelW, height, { fill: SHADE });
          const labelTop = top - (height - p.labelLines.length * LABEL_LH) / 2;
          p.labelLines.forEach((ln, k) =>
            w.text(page, ln, x + p.labelW / 2, FormWriter.baseline(labelTop - k * LABEL_LH, LABEL_LH, SIZE.label), { size: SIZE.label, align: 'center', color: SOFT }),
          );
          w.line(page, x + p.labelW, top, x + p.labelW, top - height);
          const valueTop = top - (height - p.valueLines.length * VALUE_LH) / 2;
          w.lines(page, p.valueLines, x + p.labelW + PAD, valueTop, VALUE_LH, { size: SIZE.value });
          x += p.labelW + p.valueW;
          if (x < MARGIN_X + CONTENT_W - 1) w.line(page, x, top, x, top - height);
        }
        w.rect(page, MARGIN_X, top, CONTENT_W, height, { border: 0.8 });
      },
    };
  });
}
