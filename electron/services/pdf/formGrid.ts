import { CONTENT_W, FormWriter, MARGIN_X, SHADE, SIZE, SOFT, TR_SIZE, type Block } from './formWriter';

/** One label/value pair of a form grid; `span` takes the whole row (addresses, parcel lists). */
export type GridCell = {
  label: string;
  value: string;
  span?: boolean;
  /** The label (and a translatable value such as the life event's name) in the citizen's language, under it. */
  labelTr?: string | null;
  valueTr?: string | null;
};

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
const TR_LABEL_LH = TR_SIZE.label * 1.25;
const TR_VALUE_LH = TR_SIZE.body * 1.3;

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
        labelTrLines: cell.labelTr ? w.wrap(cell.labelTr, TR_SIZE.label, labelW - 2 * PAD + 2, true) : [],
        valueLines: w.wrap(cell.value, SIZE.value, valueW - 2 * PAD),
        valueTrLines: cell.valueTr ? w.wrap(cell.valueTr, TR_SIZE.body, valueW - 2 * PAD, true) : [],
      };
    });
    const labelH = (p: (typeof parts)[number]) => p.labelLines.length * LABEL_LH + p.labelTrLines.length * TR_LABEL_LH;
    const valueH = (p: (typeof parts)[number]) => p.valueLines.length * VALUE_LH + p.valueTrLines.length * TR_VALUE_LH;
    const height = Math.max(18, ...parts.map((p) => Math.max(valueH(p), labelH(p)) + 5));
    return {
      height,
      draw: (page, top) => {
        let x = MARGIN_X;
        for (const p of parts) {
          w.rect(page, x, top, p.labelW, height, { fill: SHADE });
          const labelTop = top - (height - labelH(p)) / 2;
          p.labelLines.forEach((ln, k) =>
            w.text(page, ln, x + p.labelW / 2, FormWriter.baseline(labelTop - k * LABEL_LH, LABEL_LH, SIZE.label), { size: SIZE.label, align: 'center', color: SOFT }),
          );
          const labelTrTop = labelTop - p.labelLines.length * LABEL_LH;
          p.labelTrLines.forEach((ln, k) =>
            w.text(page, ln, x + p.labelW / 2, FormWriter.baseline(labelTrTop - k * TR_LABEL_LH, TR_LABEL_LH, TR_SIZE.label), { size: TR_SIZE.label, align: 'center', color: SOFT, citizen: true }),
          );
          w.line(page, x + p.labelW, top, x + p.labelW, top - height);
          const valueTop = top - (height - valueH(p)) / 2;
          w.lines(page, p.valueLines, x + p.labelW + PAD, valueTop, VALUE_LH, { size: SIZE.value });
          w.lines(page, p.valueTrLines, x + p.labelW + PAD, valueTop - p.valueLines.length * VALUE_LH, TR_VALUE_LH, { size: TR_SIZE.body, color: SOFT, citizen: true });
          x += p.labelW + p.valueW;
          if (x < MARGIN_X + CONTENT_W - 1) w.line(page, x, top, x, top - height);
        }
        w.rect(page, MARGIN_X, top, CONTENT_W, height, { border: 0.8 });
      },
    };
  });
}
