/**
 * OCR confusions in numeric MRZ fields. Document readers read the OCR-B font optically, and the
 * usual misreads are letters that look like digits. We repair them **only in fields the standard
 * defines as numeric** (dates and check digits), where a letter can never be right, so the repair
 * cannot change a valid value. Alphanumeric fields (document number, optional data, names) are
 * left alone: `O` and `0` are both legal there, and the check digits catch a misread instead.
 *
 *   O Q D → 0    I L → 1    Z → 2    S → 5    G → 6    B → 8
 */
const DIGIT_FOR: Readonly<Record<string, string>> = {
  O: '0',
  Q: '0',
  D: '0',
  I: '1',
  L: '1',
  Z: '2',
  S: '5',
  G: '6',
  B: '8',
};

/** `raw` with confusable letters replaced by digits; `corrected` says whether anything changed. */
export const repairNumeric = (raw: string): { value: string; corrected: boolean } => {
  let corrected = false;
  const value = raw.replace(/[A-Z]/g, (ch) => {
    const digit = DIGIT_FOR[ch];
    if (digit === undefined) return ch;
    corrected = true;
    return digit;
  });
  return { value, corrected };
};
