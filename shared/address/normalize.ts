/**
 * Text-level clean-up before parsing. Everything here is about how an address was typed or pasted,
 * not what it says: full-width IME output, dashes from word processors, stray spaces.
 */
import { isNumeralChar } from '../text/numerals';

/**
 * Pasted text carries invisible characters (zero-width space, BOM, soft hyphen); the clerk cannot see
 * them, so an error about them would be unanswerable.
 */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** Dashes and minus signs that stand for 之 in `12-3號`; word processors and IMEs produce all of them. */
const DASHES = /[\u2010-\u2015\u2212\u2500\u30fc\ufe63]/g;

/** Separators a clerk types between parts: spaces (any width), commas, 頓號. */
const SEPARATORS = /[\s,、]+/g;

/**
 * Full-width → half-width (NFKC also folds ideographic space and compatibility ideographs), invisible
 * characters removed, dashes unified to `-`, Latin letters upper-cased (`5f` = `5F`, `b1` = `B1`).
 *
 * Separators are dropped, except between two numerals: there they are the only thing telling
 * `132號之1 5樓` (之1, 5樓) from `132號之15樓`, so they become a single `,` that the parser reads as
 * "the number ends here".
 */
export function normalizeAddressText(input: string): string {
  const text = input.normalize('NFKC').replace(INVISIBLE, '').replace(DASHES, '-').replace(/[a-z]/g, (c) => c.toUpperCase());
  return text.replace(SEPARATORS, (run: string, offset: number, whole: string) =>
    isNumeralChar(whole[offset - 1]) && isNumeralChar(whole[offset + run.length]) ? ',' : '',
  );
}
