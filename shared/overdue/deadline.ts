import { fnv1a, type OfficeCalendar } from './calendar';

/**
 * 處理時限 counted like 行政程序法 §48 (the receiving agency's processing time limit, issue 7):
 *  - the period starts the day AFTER delivery (始日不計入), in Asia/Taipei calendar days;
 *  - N days → the last day is delivery day + N;
 *  - a last day on a Saturday, Sunday, national holiday or other day off moves to the next working
 *    day (a 補行上班日 is a working day);
 *  - the deadline is the END of that last day, 23:59:59.999 Taipei time.
 * Taiwan has no daylight saving time, so Taipei is always UTC+8 and plain arithmetic is exact.
 */
const TAIPEI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The Taipei calendar day of an instant. */
export const taipeiDayOf = (instant: Date): string => new Date(instant.getTime() + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);

export const addDays = (isoDay: string, n: number): string => new Date(Date.parse(`${isoDay}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The last instant of a Taipei calendar day (23:59:59.999 +08:00). */
export const endOfTaipeiDay = (isoDay: string): Date => new Date(Date.parse(`${isoDay}T00:00:00Z`) - TAIPEI_OFFSET_MS + DAY_MS - 1);

export type Deadline = {
  /** The last day after any extension (Taipei calendar day). */
  lastDay: string;
  /** The day the bare count ended on, before moving past days off. */
  nominalLastDay: string;
  /** End of `lastDay` in Taipei, as an instant. */
  dueAt: Date;
};

/** How far a last day may move: the longest run of days off (春節 with weekends) is far below this. */
const MAX_EXTENSION_DAYS = 60;

export function computeDeadline(deliveredAt: Date, processingDays: number, calendar: OfficeCalendar): Deadline {
  if (!Number.isInteger(processingDays) || processingDays < 1) throw new RangeError(`處理時限須為正整數日：${processingDays}`);
  if (Number.isNaN(deliveredAt.getTime())) throw new RangeError('送達時間無效');
  const nominalLastDay = addDays(taipeiDayOf(deliveredAt), processingDays);
  let lastDay = nominalLastDay;
  for (let i = 0; !calendar.isWorkingDay(lastDay); i++) {
    if (i >= MAX_EXTENSION_DAYS) throw new RangeError(`辦公日曆自 ${nominalLastDay} 起連續 ${MAX_EXTENSION_DAYS} 日皆無上班日`);
    lastDay = addDays(lastDay, 1);
  }
  return { lastDay, nominalLastDay, dueAt: endOfTaipeiDay(lastDay) };
}

/** Overdue: the deadline has passed and the notification is not closed (the counter's and H1's shared meaning). */
export const isOverdue = (dueAt: Date | string | null, closed: boolean, now: Date): boolean =>
  dueAt !== null && !closed && new Date(dueAt).getTime() < now.getTime();

/**
 * Whole Taipei calendar days past the last day (1 on the day after it). 0 when not overdue. Calendar
 * days, not working days: what a supervisor reads as 「逾期 N 日」.
 */
export function daysOverdue(dueAt: Date | string, now: Date): number {
  const due = new Date(dueAt);
  if (now.getTime() <= due.getTime()) return 0;
  const lastDay = taipeiDayOf(due);
  const today = taipeiDayOf(now);
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${lastDay}T00:00:00Z`)) / DAY_MS);
}

/** Years a deadline computation looked at: the caller warns when the calendar file does not cover one. */
export const yearsTouched = (deliveredAt: Date, d: Deadline): number[] => {
  const from = Number(taipeiDayOf(deliveredAt).slice(0, 4));
  const to = Number(d.lastDay.slice(0, 4));
  return from === to ? [from] : [from, to];
};

/**
 * What every deadline depends on besides the delivery: the calendar's days and each item's limit.
 * When it changes (IT adds a 停止上班 typhoon day, or a limit changes), open notifications get
 * their deadline recomputed — §48 moves a last day that became a day off; closed ones keep theirs.
 */
export const deadlineBasis = (calendar: OfficeCalendar, items: readonly { code: string; processingDays: number }[]): string =>
  `${calendar.fingerprint}-${fnv1a(items.map((i) => `${i.code}:${i.processingDays}`).sort().join(','))}`;
