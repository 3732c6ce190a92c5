import { PDFDocument } from 'pdf-lib';
import { DEFAULT_LANGUAGE, type Language } from '../../../shared/language/languages';
import { fontkitAdapter } from './font';
import { DocumentFonts } from './fontStack';
import { FormWriter } from './formWriter';
import { printTexts } from './printTexts';
import { CITIZEN_FONTS, CJK_TC } from './scriptFonts';

export type PrintoutOptions = {
  /** The citizen's language; zh-TW (the default) prints Chinese only. */
  language?: Language;
  /** Content the subset font tags derive from (the same printout always names its fonts the same). */
  seed: string;
  /** Absolute CJK font path instead of resources/fonts/… (tests, packaged app). */
  fontPath?: string;
};

/**
 * A new PDF and the writer every citizen printout draws with: the Chinese original in the CJK
 * subset, and for another language its wording (print.<lang>.json) and its fonts, each embedded
 * once as a subset.
 */
export async function openPrintout(opts: PrintoutOptions): Promise<{ doc: PDFDocument; writer: FormWriter }> {
  const language = opts.language ?? DEFAULT_LANGUAGE;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkitAdapter);
  const fonts = new DocumentFonts(doc, opts.seed, opts.fontPath);
  const zh = await fonts.stack([CJK_TC]);
  const citizen = language === DEFAULT_LANGUAGE ? null : { texts: printTexts(language), fonts: await fonts.stack(CITIZEN_FONTS[language]) };
  return { doc, writer: new FormWriter(doc, zh, citizen) };
}
