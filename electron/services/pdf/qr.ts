import QRCode from 'qrcode';
import type { QRCodeErrorCorrectionLevel } from 'qrcode';
import { fill, popGraphicsState, pushGraphicsState, rectangle, rgb, setFillingColor } from 'pdf-lib';
import type { PDFPage } from 'pdf-lib';

export type QrMatrix = {
  /** Modules per side (without quiet zone). */
  size: number;
  /** Row-major, true = dark. */
  get: (row: number, col: number) => boolean;
};

export const QR_ERROR_CORRECTION: QRCodeErrorCorrectionLevel = 'M';

/** The module matrix for `text` exactly as {@link drawQrCode} draws it. */
export const qrMatrix = (text: string): QrMatrix => {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  return { size: modules.size, get: (row, col) => Boolean(modules.get(row, col)) };
};

/**
 * Draw a QR code as vector rectangles (one filled path, horizontal runs merged, so there are no
 * hairline seams between modules and no PNG round-trip). (x, y) is the bottom-left corner of the
 * symbol, `size` its side in points without the quiet zone; keep 4 modules around it free.
 */
export const drawQrCode = (page: PDFPage, text: string, opts: { x: number; y: number; size: number }): QrMatrix => {
  const matrix = qrMatrix(text);
  const n = matrix.size;
  const m = opts.size / n;
  const ops = [pushGraphicsState(), setFillingColor(rgb(0, 0, 0))];
  for (let row = 0; row < n; row++) {
    // Edges computed from rounded module boundaries so neighbouring runs share them exactly.
    const yTop = round(opts.y + opts.size - row * m);
    const yBottom = round(opts.y + opts.size - (row + 1) * m);
    let col = 0;
    while (col < n) {
      if (!matrix.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && matrix.get(row, col)) col++;
      const x0 = round(opts.x + start * m);
      const x1 = round(opts.x + col * m);
      ops.push(rectangle(x0, yBottom, round(x1 - x0), round(yTop - yBottom)));
    }
  }
  ops.push(fill(), popGraphicsState());
  page.pushOperators(...ops);
  return matrix;
};

const round = (v: number): number => Math.round(v * 1000) / 1000;
