import type { Logger } from 'pino';
import type { OfficeCalendar } from '../../../shared/overdue/calendar';
import { computeDeadline, yearsTouched, type Deadline } from '../../../shared/overdue/deadline';

/**
 * computeDeadline plus the one thing a pure function cannot do: say (once per year and process) that
 * the calendar file does not cover a year, so the deadline counted weekends only.
 */
export function deadlineCalculator(calendar: OfficeCalendar, logger: Pick<Logger, 'warn'>): (deliveredAt: Date, processingDays: number) => Deadline {
  const warned = new Set<number>();
  return (deliveredAt, processingDays) => {
    const d = computeDeadline(deliveredAt, processingDays, calendar);
    for (const year of yearsTouched(deliveredAt, d)) {
      if (calendar.covers(year) || warned.has(year)) continue;
      warned.add(year);
      logger.warn({ year, calendar: calendar.version }, `辦公日曆未含 ${year} 年：處理時限只以週六、週日為例假日計算，請更新 resources/calendar/holidays.json`);
    }
    return d;
  };
}
