/**
 * Gregorian calendar arithmetic on plain numbers. Kept free of `Date` on purpose: `new Date(y, m, d)`
 * silently rolls 2026-02-29 over to March 1st and reads the machine's time zone, which is exactly the
 * kind of quiet correction a validator must not make.
 */
export type CalendarDate = { year: number; month: number; day: number };

/** Gregorian leap rule, including the century exception (1900, 2100 are not leap; 2000, 2400 are). */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const THIRTY_DAY_MONTHS: ReadonlySet<number> = new Set([4, 6, 9, 11]);

/** Days in `month` (1–12) of `year`. */
export const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return THIRTY_DAY_MONTHS.has(month) ? 30 : 31;
};

export const isRealDate = ({ year, month, day }: CalendarDate): boolean =>
  Number.isInteger(year) &&
  Number.isInteger(month) &&
  Number.isInteger(day) &&
  month >= 1 &&
  month <= 12 &&
  day >= 1 &&
  day <= daysInMonth(year, month);

export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD`, the only date form stored or sent between processes. */
export const toIsoDate = ({ year, month, day }: CalendarDate): string =>
  `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Strict `YYYY-MM-DD` that names a real day; anything else (times, offsets, 02-30) is undefined. */
export const parseIsoDate = (iso: string): CalendarDate | undefined => {
  const m = typeof iso === 'string' ? ISO_DATE.exec(iso) : null;
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isRealDate(date) ? date : undefined;
};
