/**
 * ICAO 9303 part 3 §4.9 check digits: each character gets a value (0–9 as themselves, A–Z as
 * 10–35, the filler `<` as 0), values are weighted 7, 3, 1 repeating, and the check digit is the
 * sum modulo 10.
 */
const WEIGHTS = [7, 3, 1] as const;

/** Value of one MRZ character, or undefined for a character the MRZ alphabet does not have. */
export const mrzCharValue = (ch: string): number | undefined => {
  const code = ch.charCodeAt(0);
  if (ch.length !== 1) return undefined;
  if (code >= 48 && code <= 57) return code - 48; // 0–9
  if (code >= 65 && code <= 90) return code - 55; // A–Z → 10–35
  if (ch === '<') return 0;
  return undefined;
};

/** The check digit of `field`, or undefined if it holds a character outside the MRZ alphabet. */
export const computeCheckDigit = (field: string): number | undefined => {
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const value = mrzCharValue(field.charAt(i));
    if (value === undefined) return undefined;
    sum += value * (WEIGHTS[i % 3] ?? 0);
  }
  return sum % 10;
};

/** Only A–Z, 0–9 and `<` may appear in a machine-readable zone. */
export const MRZ_ALPHABET = /^[A-Z0-9<]*$/;
