/**
 * Clerks type on Traditional Chinese IMEs, which often stay in full-width mode: `Ａ１２３`, `１１５／１１／２６`.
 * We fold those to ASCII before validating rather than rejecting them, because the value is the same
 * and the clerk cannot easily see the difference on screen.
 */

/** Full-width ASCII block U+FF01–U+FF5E sits exactly 0xFEE0 above printable ASCII U+0021–U+007E. */
const FULL_WIDTH_OFFSET = 0xfee0;
const FULL_WIDTH_ASCII = /[\uff01-\uff5e]/g;
/** Ideographic space (U+3000) is what the space bar produces in full-width mode. */
const IDEOGRAPHIC_SPACE = /\u3000/g;
/**
 * Zero-width characters ride along when an ID is pasted from a web page or spreadsheet. They are
 * invisible, so rejecting them would produce an error the clerk cannot see the cause of.
 */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** Full-width ASCII → half-width, ideographic space → space, zero-width characters removed. Nothing else changes. */
export const toHalfWidth = (input: string): string =>
  input
    .replace(FULL_WIDTH_ASCII, (ch) => String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(IDEOGRAPHIC_SPACE, ' ')
    .replace(ZERO_WIDTH, '');
