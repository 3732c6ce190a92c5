/**
 * Numbers on Taiwanese forms come in three spellings that mean the same thing: Arabic (`32巷`),
 * positional Chinese (`三十二巷`, `一百零五號`, `十一月`, financial `參拾貳`) and digit-by-digit
 * Chinese (`一〇五號`, `民國一一五年`, common on older 戶籍 records). Addresses and ROC dates both
 * read them here.
 */

const DIGITS: Readonly<Record<string, number>> = {
  〇: 0, '○': 0, 零: 0,
  一: 1, 壹: 1,
  二: 2, 貳: 2, 兩: 2,
  三: 3, 參: 3, 叁: 3,
  四: 4, 肆: 4,
  五: 5, 伍: 5,
  六: 6, 陸: 6,
  七: 7, 柒: 7,
  八: 8, 捌: 8,
  九: 9, 玖: 9,
};

const UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/** 廿/卅 (20/30) still appear in old hand-written records; expanded before parsing. */
const SHORTHANDS: Readonly<Record<string, string>> = { 廿: '二十', 卅: '三十' };

/** Every character that can be part of a numeral, for scanners that need to find where one ends. */
export const NUMERAL_CHARS = `0123456789${Object.keys(DIGITS).join('')}${Object.keys(UNITS).join('')}${Object.keys(SHORTHANDS).join('')}`;

export const isNumeralChar = (ch: string | undefined): boolean => ch !== undefined && ch !== '' && NUMERAL_CHARS.includes(ch);

/**
 * Reads one numeral token; `undefined` when the text is not a well-formed numeral. Arabic digits may
 * carry leading zeros (`005鄰`, as 戶役政 prints 鄰) and are read as-is.
 */
export function parseNumeral(text: string): number | undefined {
  if (text === '') return undefined;
  if (/^[0-9]+$/.test(text)) return Number.parseInt(text, 10);
  let expanded = text;
  for (const [short, long] of Object.entries(SHORTHANDS)) expanded = expanded.split(short).join(long);
  const chars = [...expanded];
  if (!chars.every((ch) => ch in DIGITS || ch in UNITS)) return undefined;
  // Without a unit the digits are spelled one by one: 一〇五 = 105, 五 = 5.
  if (!chars.some((ch) => ch in UNITS)) return Number.parseInt(chars.map((ch) => DIGITS[ch]).join(''), 10);
  return parsePositional(chars);
}

/**
 * 三十二 = 32, 十一 = 11, 一百零五 = 105, 兩百 = 200. Units must descend, digits cannot repeat, and
 * 零 only bridges a skipped place (一百零五, never 二十零五 or a trailing 一百零). 一百一 is refused:
 * colloquially it means 110, literally 101, and a form must not guess.
 */
function parsePositional(chars: string[]): number | undefined {
  let total = 0;
  let pending: number | undefined; // a digit waiting for its unit (or for the end)
  let lastUnit = Number.POSITIVE_INFINITY;
  let bridged = false; // a 零 has marked a skipped place
  for (const [i, ch] of chars.entries()) {
    const digit = DIGITS[ch];
    if (digit === 0) {
      const bridgesGap = lastUnit !== Number.POSITIVE_INFINITY && lastUnit > 10 && pending === undefined && !bridged && i < chars.length - 1;
      if (!bridgesGap) return undefined;
      bridged = true;
    } else if (digit !== undefined) {
      if (pending !== undefined) return undefined; // 三三十: two digits in a row
      pending = digit;
    } else {
      const unit = UNITS[ch] as number;
      // A bare 十 means 一十 (十一 = 11, 一百十 = 110); a bare 百/千 is not how anyone writes a number.
      const multiplier = pending ?? (unit === 10 ? 1 : undefined);
      if (unit >= lastUnit || multiplier === undefined) return undefined;
      total += multiplier * unit;
      lastUnit = unit;
      pending = undefined;
    }
  }
  const trailingAfterHundreds = pending !== undefined && !bridged && lastUnit >= 100 && lastUnit !== Number.POSITIVE_INFINITY;
  return trailingAfterHundreds ? undefined : total + (pending ?? 0); // 一百一 refused
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/**
 * Positional Chinese for 1–9999, as 段 is officially written: 4 → 四, 10 → 十, 11 → 十一,
 * 20 → 二十, 105 → 一百零五. (Leading 一十 is dropped, following ordinary usage for 十一段.)
 */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n === 0) return CHINESE_DIGITS[0];
  const places: [number, string][] = [[1000, '千'], [100, '百'], [10, '十'], [1, '']];
  let out = '';
  let zeroPending = false;
  for (const [value, unit] of places) {
    const d = Math.floor(n / value) % 10;
    if (d === 0) {
      if (out !== '') zeroPending = true;
      continue;
    }
    if (zeroPending) out += CHINESE_DIGITS[0];
    zeroPending = false;
    out += CHINESE_DIGITS[d] + unit;
  }
  return out.startsWith('一十') ? out.slice(1) : out;
}
