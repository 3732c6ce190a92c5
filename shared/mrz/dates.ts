import { isRealDate, toIsoDate } from '../validators/calendar';

/**
 * MRZ dates are YYMMDD, so the century has to be inferred against "today":
 * - a birth date is never in the future: the latest century that puts it on or before today
 *   (born 1974 reads 74 → 1974; born 2020 reads 20 → 2020; 30 in 2026 → 1930);
 * - an expiry date is within 50 years either way of today (documents run ≤ 10 years, and an
 *   expired one read years later must still read as the past, not the next century).
 * `todayIso` is injected so tests are stable; callers pass the counter's date.
 */
export type MrzDateKind = 'birth' | 'expiry';

const parts = (yymmdd: string): { yy: number; month: number; day: number } | undefined => {
  if (!/^\d{6}$/.test(yymmdd)) return undefined;
  return { yy: Number(yymmdd.slice(0, 2)), month: Number(yymmdd.slice(2, 4)), day: Number(yymmdd.slice(4, 6)) };
};

export const mrzDateToIso = (yymmdd: string, kind: MrzDateKind, todayIso: string): string | undefined => {
  const p = parts(yymmdd);
  if (!p) return undefined;
  const todayYear = Number(todayIso.slice(0, 4));
  const century = Math.floor(todayYear / 100) * 100;
  let year: number;
  if (kind === 'birth') {
    year = century + p.yy;
    if (toIsoDate({ year, month: p.month, day: p.day }) > todayIso) year -= 100;
  } else {
    year = century + p.yy;
    if (year - todayYear >= 50) year -= 100;
    else if (todayYear - year > 50) year += 100;
  }
  const date = { year, month: p.month, day: p.day };
  return isRealDate(date) ? toIsoDate(date) : undefined;
};
