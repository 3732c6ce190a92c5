import type { Logger } from 'pino';
import type { OfficeCalendar } from '../../../shared/overdue/calendar';
import { computeDeadline, taipeiDayOf, yearsTouched, type Deadline } from '../../../shared/overdue/deadline';

/**
 * computeDeadline plus the one thing a pure function cannot do: say (once per year and calculator) that
 * the calendar file does not cover a year, so the deadline counted weekends only.
 */
export function deadlineCalculator(calendar: OfficeCalendar, logger: Pick<Logger, 'warn'>): (deliveredAt: Date, processingDays: number) => Deadline {
  const warned = new Set<number>();
  // The deadline depends only on the Taipei delivery day and the limit: a backfill of a year of
  // history computes a few thousand distinct deadlines, not one per row.
  const memo = new Map<string, Deadline>();
  return (deliveredAt, processingDays) => {
    const key = `${taipeiDayOf(deliveredAt)}|${processingDays}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const d = computeDeadline(deliveredAt, processingDays, calendar);
    memo.set(key, d);
    for (const year of yearsTouched(deliveredAt, d)) {
      if (calendar.covers(year) || warned.has(year)) continue;
      warned.add(year);
      logger.warn({ year, calendar: calendar.version }, `辦公日曆未含 ${year} 年：處理時限只以週六、週日為例假日計算，請更新 resources/calendar/holidays.json`);
    }
    return d;
  };
}
