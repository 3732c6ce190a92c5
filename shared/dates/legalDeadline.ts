import type { Deadline } from '../catalogue/schema';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The last day of a legal period counted from an event date, as 民法 counts it:
 * §120 II the first day is not counted (the period starts the day after the event);
 * §121 I a period of months or years ends the day before the day of the last month that
 * corresponds to the starting day; §121 II with no corresponding day, at that month's end.
 * A period of days ends `days` days after the event. ISO dates in, ISO date out; no moving for
 * weekends here (the office's own deadlines follow 行政程序法 §48 in shared/overdue).
 */
export function legalDeadline(eventDate: string, deadline: Pick<Deadline, 'days' | 'months' | 'years'>): string {
  const [y, m, d] = eventDate.split('-').map(Number) as [number, number, number];
  if (deadline.days !== undefined) {
    const t = new Date(Date.UTC(y, m - 1, d + deadline.days));
    return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  }
  const months = (deadline.months ?? 0) + 12 * (deadline.years ?? 0);
  const start = new Date(Date.UTC(y, m - 1, d + 1));
  const total = start.getUTCMonth() + months;
  const ty = start.getUTCFullYear() + Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const startDay = start.getUTCDate();
  if (startDay > daysIn(ty, tm)) return iso(ty, tm, daysIn(ty, tm));
  const t = new Date(Date.UTC(ty, tm - 1, startDay - 1));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}
