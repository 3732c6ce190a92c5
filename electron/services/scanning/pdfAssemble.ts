import { PDFDocument, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import type { PageEncoding } from '../../../shared/scanning/profiles';
import { stampMetadata } from '../pdf/metadata';
import { readPngStream } from './pipeline/pngGray';

export type PdfPageImage = { encoding: PageEncoding; bytes: Uint8Array; width: number; height: number; dpi: number };

/**
 * One PDF from cleaned page images, each page sized from its pixels and density (so an A4 scan
 * prints as A4). Gray PNG pages go in as they are stored — their IDAT data is a FlateDecode stream
 * with PNG predictors — and JPEG pages as DCT; nothing is decoded or compressed again.
 * Metadata dates are fixed by the caller, so the same pages always make the same bytes.
 */
export async function assemblePdf(pages: PdfPageImage[], meta: { title: string; at: Date }): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const p of pages) {
    const w = (p.width / p.dpi) * 72;
    const h = (p.height / p.dpi) * 72;
    const page = doc.addPage([w, h]);
    let ref;
    if (p.encoding === 'jpeg') {
      ref = (await doc.embedJpg(p.bytes)).ref;
    } else {
      const png = readPngStream(p.bytes);
      if (png.colorType !== 0) throw new Error('stored page is not a gray PNG');
      ref = doc.context.register(
        doc.context.stream(png.idat, {
          Type: 'XObject',
          Subtype: 'Image',
          Width: png.width,
          Height: png.height,
          ColorSpace: 'DeviceGray',
          BitsPerComponent: png.bitDepth,
          Filter: 'FlateDecode',
          DecodeParms: { Predictor: 15, Colors: 1, BitsPerComponent: png.bitDepth, Columns: png.width },
        }),
      );
    }
    const name = page.node.newXObject('Scan', ref);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(w, 0, 0, h, 0, 0), drawObject(name), popGraphicsState());
  }
  stampMetadata(doc, { title: meta.title, at: meta.at });
  return doc.save({ useObjectStreams: true });
}
