import type { Granularity } from '../../../shared/stats/dashboard';

/**
 * Calendar arithmetic for statistics. Days are Asia/Taipei calendar days; Taiwan has kept UTC+8
 * without daylight saving since 1980, so a fixed offset is exact for every date a counter holds
 * and keeps the per-row work to string comparisons (no Intl call per notification).
 */
const TAIPEI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

const dayMs = (isoDay: string): number => Date.parse(`${isoDay}T00:00:00.000Z`);
const isoOfMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The first instant of Taipei day `isoDay`, as the ISO UTC string notifications.created_at uses (`2026-11-26T16:00:00.000Z` for 11-27). */
export const taipeiDayStartUtc = (isoDay: string): string => new Date(dayMs(isoDay) - TAIPEI_OFFSET_MS).toISOString();

/** The day after `isoDay`. */
export const nextDay = (isoDay: string): string => isoOfMs(dayMs(isoDay) + DAY_MS);

/** Every day from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = dayMs(from), end = dayMs(to); ms <= end; ms += DAY_MS) out.push(isoOfMs(ms));
  return out;
}

/** ISO 8601 week `YYYY-Www` (weeks start Monday; week 1 holds the year's first Thursday), so 2026-12-31 is 2026-W53 and 2027-01-03 too. */
export function isoWeek(isoDay: string): string {
  const d = new Date(dayMs(isoDay));
  const weekday = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(d.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The trend period a day falls in. */
export function periodOf(isoDay: string, granularity: Granularity): string {
  if (granularity === 'day') return isoDay;
  if (granularity === 'month') return isoDay.slice(0, 7);
  return isoWeek(isoDay);
}

/** Every period touching [from, to], in order, so gaps show as zero rather than vanishing from the chart. */
export function periodsBetween(from: string, to: string, granularity: Granularity): string[] {
  const out: string[] = [];
  for (const day of daysBetween(from, to)) {
    const p = periodOf(day, granularity);
    if (out[out.length - 1] !== p) out.push(p);
  }
  return out;
}
