import type { PDFDocument } from 'pdf-lib';

export const PDF_CREATOR = 'N合一臨櫃';

export type PdfMetadata = { title: string; at: Date; author?: string; subject?: string; keywords?: string[] };

/**
 * The document information every PDF the app writes carries: title shown in the viewer's title bar,
 * zh-TW language (screen readers and text extraction), creator, and fixed dates (the caller's clock,
 * so a reprint of the same thing is byte-comparable in tests).
 */
export function stampMetadata(doc: PDFDocument, m: PdfMetadata): void {
  doc.setTitle(m.title, { showInWindowTitleBar: true });
  if (m.author !== undefined) doc.setAuthor(m.author);
  if (m.subject !== undefined) doc.setSubject(m.subject);
  if (m.keywords !== undefined) doc.setKeywords(m.keywords);
  doc.setCreator(PDF_CREATOR);
  doc.setProducer(`${PDF_CREATOR} (pdf-lib)`);
  doc.setLanguage('zh-TW');
  doc.setCreationDate(m.at);
  doc.setModificationDate(m.at);
}
