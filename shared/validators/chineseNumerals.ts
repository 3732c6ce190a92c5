/**
 * Chinese numerals as written in ROC dates on paper forms and household registers:
 *   digit by digit   一一五 (115), 〇九九 (99)
 *   positional       一百一十五 (115), 一百零五 (105), 十一 (11), 二十六 (26)
 * Only what a date needs (values 0–999). `○` (U+25CB WHITE CIRCLE) is accepted as zero because IMEs
 * offer it next to `〇` and the two look identical on screen.
 */
const DIGIT_VALUES: Readonly<Record<string, number>> = {
  '〇': 0, '○': 0, '零': 0,
  '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
};

/** A maximal run of numeral characters inside a longer string such as 一一五年十一月二十六日. */
export const CHINESE_NUMERAL_RUN = /[〇○零一二三四五六七八九十百]+/g;

/** hundreds? 百, tens? 十, a zero marker (一百零五), ones. */
const POSITIONAL = /^(?:([一二三四五六七八九])百)?(?:([一二三四五六七八九])?(十))?([〇○零])?([一二三四五六七八九])?$/;

const digit = (ch: string | undefined): number => (ch === undefined ? 0 : (DIGIT_VALUES[ch] ?? 0));

/** Value of one run, or undefined when it is not a well-formed number (e.g. 十十, 百, 一百一). */
export const parseChineseNumeral = (run: string): number | undefined => {
  if (run === '') return undefined;

  if (!/[十百]/.test(run)) {
    let value = 0;
    for (const ch of run) {
      const d = DIGIT_VALUES[ch];
      if (d === undefined) return undefined;
      value = value * 10 + d;
    }
    return value;
  }

  const m = POSITIONAL.exec(run);
  if (!m) return undefined;
  const [, hundredsDigit, tensDigit, ten, zero, onesDigit] = m;
  const hasHundreds = hundredsDigit !== undefined;
  const hasTens = ten !== undefined;
  // 零 only bridges an empty tens place between hundreds and ones: 一百零五, never 二十零五 or 一百零.
  if (zero !== undefined && (!hasHundreds || hasTens || onesDigit === undefined)) return undefined;
  // 一百一 is colloquial for 110, not 101; refuse to guess.
  if (hasHundreds && !hasTens && zero === undefined && onesDigit !== undefined) return undefined;

  // A bare 十 means ten (十一 = 11), so a missing tens digit counts as 1.
  const tens = hasTens ? (tensDigit === undefined ? 1 : digit(tensDigit)) : 0;
  return digit(hundredsDigit) * 100 + tens * 10 + digit(onesDigit);
};
