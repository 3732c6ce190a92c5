/**
 * 民國 (ROC) dates: the form clerks type and citizens read, while everything stored or sent between
 * processes is ISO `YYYY-MM-DD`. ROC year + 1911 = Gregorian year (民國元年 = 1912).
 *
 * parseRocDate is forgiving about *shape* (民國/中華民國 prefix, 年月日 or / - . separators, compact
 * 1151126, full-width digits, Chinese numerals, stray spaces) because clerks copy dates from many
 * documents, but strict about *meaning*: 115/02/29 is rejected, never rolled over to March 1st.
 *
 * The parser and the short/compact formatters cover ROC 1–999 (1912-01-01 … 2910-12-31): the compact
 * form used in case numbers has a three-digit year. formatRocDate alone also prints earlier dates as
 * 民國前N年, because it prints birth dates and an ISO date picker can supply one before 1912.
 */
import { daysInMonth, pad2, parseIsoDate, toIsoDate, type CalendarDate } from './calendar';
import { parseNumeral } from '../text/numerals';
import { toHalfWidth } from './halfWidth';

export type RocDateErrorCode = 'ROC_DATE_EMPTY' | 'ROC_DATE_FORMAT' | 'ROC_DATE_YEAR' | 'ROC_DATE_IMPOSSIBLE';
export type RocDateOk = { ok: true; iso: string };
export type RocDateErr = { ok: false; code: RocDateErrorCode; message: string };
export type RocDateResult = RocDateOk | RocDateErr;

export const ROC_YEAR_OFFSET = 1911;
const MAX_ROC_YEAR = 999;

const fail = (code: RocDateErrorCode, message: string): RocDateErr => ({ ok: false, code, message });

const FORMAT_HINT = '請輸入民國日期，例如 115/11/26、115年11月26日或 1151126。';
const formatError = (): RocDateErr => fail('ROC_DATE_FORMAT', `日期格式無法辨識。${FORMAT_HINT}`);

const PREFIX = /^(?:中華民國|民國)/;
/** 115年11月26日 (日 optional: forms often print it after the blank). */
const WITH_UNITS = /^(\d{1,3})年(\d{1,2})月(\d{1,2})日?$/;
/** 115/11/26, 115-11-26, 115.11.26 — the same separator twice. */
const WITH_SEPARATORS = /^(\d{1,3})([/.-])(\d{1,2})\2(\d{1,2})$/;
/** 1151126 (three-digit year, as in case numbers) and 991231 (two-digit year, before ROC 100). */
const COMPACT_7 = /^(\d{3})(\d{2})(\d{2})$/;
const COMPACT_6 = /^(\d{2})(\d{2})(\d{2})$/;
/** A four-digit year is almost always a Gregorian date typed by habit; say so instead of "unreadable". */
const LOOKS_GREGORIAN = /^\d{4}(?:[年/.-]|\d{4}$)/;

/**
 * Drop whitespace next to anything that is not an ASCII digit (民國 115 年 → 民國115年), but keep a
 * space between two digits so `115 11 26` or `1 15/1/1` fails instead of gluing into another date.
 */
const squeezeSpaces = (s: string): string =>
  s.replace(/\s+/g, (run: string, offset: number, whole: string) =>
    /\d/.test(whole.charAt(offset - 1)) && /\d/.test(whole.charAt(offset + run.length)) ? ' ' : '',
  );

/** Replace each Chinese numeral run by its value; undefined if any run is malformed. */
/** A maximal run of numeral characters inside a date such as 一一五年十一月二十六日 (○ is what IMEs offer next to 〇). */
const CHINESE_NUMERAL_RUN = /[〇○零一二三四五六七八九十百壹貳參叁肆伍陸柒捌玖拾佰兩]+/g;

const arabicFromChinese = (s: string): string | undefined => {
  let malformed = false;
  const out = s.replace(CHINESE_NUMERAL_RUN, (run) => {
    const value = parseNumeral(run);
    if (value === undefined) malformed = true;
    return String(value ?? '');
  });
  return malformed ? undefined : out;
};

/** Pull year/month/day digits out of the normalised text, or undefined when no accepted shape matches. */
const matchShapes = (s: string): { roc: number; month: number; day: number } | undefined => {
  const m = WITH_UNITS.exec(s) ?? COMPACT_7.exec(s) ?? COMPACT_6.exec(s);
  if (m) return { roc: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const sep = WITH_SEPARATORS.exec(s);
  if (sep) return { roc: Number(sep[1]), month: Number(sep[3]), day: Number(sep[4]) };
  return undefined;
};

/** Parse a 民國 date in any of the accepted shapes into ISO `YYYY-MM-DD`. Never throws. */
export const parseRocDate = (input: string): RocDateResult => {
  if (typeof input !== 'string') {
    return input == null ? fail('ROC_DATE_EMPTY', '請輸入日期。') : formatError();
  }
  const trimmed = toHalfWidth(input).trim();
  if (trimmed === '') return fail('ROC_DATE_EMPTY', '請輸入日期。');

  const squeezed = squeezeSpaces(trimmed);
  if (squeezed.includes(' ')) return formatError();

  const body = squeezed.replace(PREFIX, '');
  // 民國前N年 and -N/… are real notations for pre-1912 dates, which no current document needs.
  if (body.startsWith('前') || /^-\d/.test(body)) {
    return fail('ROC_DATE_YEAR', '不支援民國前的日期，民國年份應為 1 以上。');
  }

  const arabic = arabicFromChinese(body);
  if (arabic === undefined) return formatError();

  const parts = matchShapes(arabic);
  if (parts === undefined) {
    return LOOKS_GREGORIAN.test(arabic)
      ? fail('ROC_DATE_FORMAT', `這看起來是西元年，請改用民國年（西元年減 1911）。${FORMAT_HINT}`)
      : formatError();
  }

  const { roc, month, day } = parts;
  if (roc < 1) return fail('ROC_DATE_YEAR', '民國年份應為 1 以上（民國元年為西元 1912 年）。');

  const year = roc + ROC_YEAR_OFFSET;
  if (month < 1 || month > 12) {
    return fail('ROC_DATE_IMPOSSIBLE', `月份應為 1 至 12，輸入的是 ${month} 月。`);
  }
  const lastDay = daysInMonth(year, month);
  if (day < 1 || day > lastDay) {
    const why =
      month === 2 && day === 29
        ? `民國${roc}年（西元 ${year} 年）不是閏年，2 月只有 28 天。`
        : `民國${roc}年${month}月只有 ${lastDay} 天，沒有 ${day} 日。`;
    return fail('ROC_DATE_IMPOSSIBLE', `日期不存在：${why}`);
  }

  return { ok: true, iso: toIsoDate({ year, month, day }) };
};

type RocParts = CalendarDate & { roc: number };

/**
 * Formatters take ISO produced by our own code, so a bad value is a programming error: throw a
 * RangeError (surfaced in tests and logs) rather than print a wrong date on a signed form.
 */
const rocPartsOf = (iso: string, range: 'any' | 'parseable'): RocParts => {
  const date = parseIsoDate(iso);
  if (date === undefined) throw new RangeError(`Expected an ISO date (YYYY-MM-DD), got ${JSON.stringify(iso)}`);
  const roc = date.year - ROC_YEAR_OFFSET;
  if (range === 'parseable' && (roc < 1 || roc > MAX_ROC_YEAR)) {
    throw new RangeError(`Expected a date between 1912-01-01 and 2910-12-31, got ${JSON.stringify(iso)}`);
  }
  return { ...date, roc };
};

/**
 * `2026-11-26` → `民國115年11月26日` (no spaces, no zero padding: the printed-form style).
 * Before 1912 it prints the official 民國前 form (1911 = 民國前1年) instead of a zero or negative year.
 */
export const formatRocDate = (iso: string): string => {
  const { roc, month, day } = rocPartsOf(iso, 'any');
  const year = roc >= 1 ? `民國${roc}年` : `民國前${1 - roc}年`;
  return `${year}${month}月${day}日`;
};

/** `2026-11-26` → `115/11/26` (month and day zero-padded so columns line up in lists). */
export const formatRocDateShort = (iso: string): string => {
  const { roc, month, day } = rocPartsOf(iso, 'parseable');
  return `${roc}/${pad2(month)}/${pad2(day)}`;
};

/** `2026-11-26` → `1151126`; always 7 digits (ROC year padded to 3) so case numbers sort and parse by position. */
export const toRocCompact = (iso: string): string => {
  const { roc, month, day } = rocPartsOf(iso, 'parseable');
  return `${String(roc).padStart(3, '0')}${pad2(month)}${pad2(day)}`;
};

/** One formatter per zone: construction is the costly part and this runs on every render/print. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

const dayFormatter = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = dayFormatters.get(timeZone);
  if (formatter === undefined) {
    // en-US + gregory + latn pins the output to ASCII Gregorian parts whatever the user's locale is.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
};

/**
 * The calendar date of instant `d` as seen in `timeZone` (default 臺灣), as ISO `YYYY-MM-DD`.
 * Uses Intl rather than `d.getDate()` so the answer does not depend on the machine's time zone:
 * a counter PC left on UTC would otherwise date cases before 08:00 to yesterday.
 * Throws RangeError for an invalid Date or an unknown time zone.
 */
export const isoFromDate = (d: Date, timeZone = 'Asia/Taipei'): string => {
  const parts = dayFormatter(timeZone).formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return toIsoDate({ year: part('year'), month: part('month'), day: part('day') });
};
