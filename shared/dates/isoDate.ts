import { parseRocDate } from '../validators';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-29, 2026-13-01…). */
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * A date typed at the counter: ISO from a date picker, or any ROC form a clerk types
 * (115/11/26, 1151126, 民國115年11月26日). Returns ISO or the validator's zh-TW error.
 */
export function parseDateInput(input: string): { ok: true; iso: string } | { ok: false; code: string; message: string } {
  const s = input.trim();
  if (ISO.test(s)) {
    return isIsoDate(s) ? { ok: true, iso: s } : { ok: false, code: 'DATE_IMPOSSIBLE', message: `日期「${s}」不存在` };
  }
  return parseRocDate(s);
}
