import type { Granularity } from '../../../../shared/stats/dashboard';
import { ROC_YEAR_OFFSET } from '../../../../shared/validators/rocDate';
import { rocShort } from '../../lib/format';

/**
 * Display helpers for the statistics screen: durations in words a supervisor reads at a glance,
 * trend periods in ROC years. Pure functions, so they are unit-tested without a browser.
 */

const HOUR = 3600;
const DAY = 86_400;

const oneDecimal = (n: number): string => (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '');

/** Seconds → 「45 分鐘」「3.5 小時」「2.1 天」; null (nothing reached the milestone) → 「—」. */
export function durationText(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  if (seconds < HOUR) return `${Math.max(0, Math.round(seconds / 60))} 分鐘`;
  if (seconds < 2 * DAY) return `${oneDecimal(seconds / HOUR)} 小時`;
  return `${oneDecimal(seconds / DAY)} 天`;
}

const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** A trend period from the dashboard (2026-11-27, 2026-W48, 2026-11) in ROC form for axes and tables. */
export function periodLabel(period: string, granularity: Granularity): string {
  if (granularity === 'week') {
    const m = WEEK.exec(period);
    return m ? `${Number(m[1]) - ROC_YEAR_OFFSET}年第${Number(m[2])}週` : period;
  }
  if (granularity === 'month') {
    const m = MONTH.exec(period);
    return m ? `${Number(m[1]) - ROC_YEAR_OFFSET}年${Number(m[2])}月` : period;
  }
  return rocShort(period);
}

const TAIPEI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar date at the counter (Asia/Taipei), ISO. */
export const taipeiToday = (now: Date = new Date()): string => TAIPEI_DAY.format(now);

/** ISO date `days` calendar days before `iso` (negative goes forward). */
export function daysBefore(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/** The default period: the last 30 days up to and including today. */
export function defaultPeriod(now: Date = new Date()): { from: string; to: string } {
  const to = taipeiToday(now);
  return { from: daysBefore(to, 29), to };
}
