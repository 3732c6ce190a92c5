import { fnv1a, weekdayOf, type OfficeCalendar } from './calendar';

/**
 * 處理時限 counted by 行政程序法 §48 (the receiving agency's processing time limit, issue 7):
 *  - §48 II: the period starts the day AFTER delivery (始日不計入), in Asia/Taipei calendar days;
 *    N days → the nominal last day is delivery day + N;
 *  - §48 IV: 「期間之末日為星期日、國定假日或其他休息日者，以該日之次日為期間之末日；期間之末日為
 *    星期六者，以其次星期一上午為期間末日。」 See lastDayUnderArticle48 for how it is applied;
 *  - the period ends at the END of the last day (23:59:59.999 Taipei), or at 12:00 Taipei when the
 *    last day is the Monday that §48 IV's Saturday clause names (上午 = the morning, until noon).
 * Taiwan has no daylight saving time, so Taipei is always UTC+8 and plain arithmetic is exact.
 */
const TAIPEI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The Taipei calendar day of an instant. */
export const taipeiDayOf = (instant: Date): string => new Date(instant.getTime() + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);

export const addDays = (isoDay: string, n: number): string => new Date(Date.parse(`${isoDay}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The last instant of a Taipei calendar day (23:59:59.999 +08:00). */
export const endOfTaipeiDay = (isoDay: string): Date => new Date(Date.parse(`${isoDay}T00:00:00Z`) - TAIPEI_OFFSET_MS + DAY_MS - 1);

/** The end of a Taipei morning (上午): 12:00:00.000 +08:00. The last instant inside it is 11:59:59.999. */
export const noonOfTaipeiDay = (isoDay: string): Date => new Date(Date.parse(`${isoDay}T12:00:00Z`) - TAIPEI_OFFSET_MS);

export type Deadline = {
  /** The last day after any extension (Taipei calendar day). */
  lastDay: string;
  /** The day the bare count ended on, before moving past days off. */
  nominalLastDay: string;
  /** True when `lastDay` counts only until noon (§48 IV: 「以其次星期一上午為期間末日」). */
  morningOnly: boolean;
  /** End of `lastDay` in Taipei (12:00 when `morningOnly`, else 23:59:59.999), as an instant. */
  dueAt: Date;
};

/** How far a last day may move: the longest run of days off (春節 with weekends) is far below this. */
const MAX_EXTENSION_DAYS = 60;

/**
 * §48 IV applied step by step, each step judging the day the previous one named, until a day the
 * office works:
 *  - a working day of the office calendar ends the period; a 補行上班日 Saturday is one (法務部
 *    99.02.03 法律字第0990004718號: rest days are judged for the administration as a whole, and a
 *    Saturday made a working day is no rest day, so §48 IV does not apply to it);
 *  - a Saturday off → its next Monday, morning only (the Saturday clause);
 *  - a Sunday, national holiday or other rest day → the next day, whole (the first clause). This
 *    includes the Monday the Saturday clause named, when that Monday is itself a holiday: the law
 *    makes it the last day, and a last day that is a holiday gives way to its next day in full.
 *    It also means a holiday Friday leads to Saturday and so to Monday morning, as the text reads.
 */
function lastDayUnderArticle48(nominalLastDay: string, calendar: OfficeCalendar): { lastDay: string; morningOnly: boolean } {
  let day = nominalLastDay;
  let morningOnly = false;
  for (let i = 0; !calendar.isWorkingDay(day); i++) {
    if (i >= MAX_EXTENSION_DAYS) throw new RangeError(`辦公日曆自 ${nominalLastDay} 起連續 ${MAX_EXTENSION_DAYS} 日皆無上班日`);
    const saturday = weekdayOf(day) === 6;
    day = addDays(day, saturday ? 2 : 1);
    morningOnly = saturday;
  }
  return { lastDay: day, morningOnly };
}

export function computeDeadline(deliveredAt: Date, processingDays: number, calendar: OfficeCalendar): Deadline {
  if (!Number.isInteger(processingDays) || processingDays < 1) throw new RangeError(`處理時限須為正整數日：${processingDays}`);
  if (Number.isNaN(deliveredAt.getTime())) throw new RangeError('送達時間無效');
  const nominalLastDay = addDays(taipeiDayOf(deliveredAt), processingDays);
  const { lastDay, morningOnly } = lastDayUnderArticle48(nominalLastDay, calendar);
  return { lastDay, nominalLastDay, morningOnly, dueAt: morningOnly ? noonOfTaipeiDay(lastDay) : endOfTaipeiDay(lastDay) };
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
 * Bumped whenever the counting rule itself changes (v2: §48 IV's Saturday clause ends on Monday at
 * noon, no longer at the end of Monday), so stored deadlines of open notifications are recomputed.
 */
const RULE_VERSION = '48iv-v2';

/**
 * What every deadline depends on besides the delivery: the rule, the calendar's days and each item's
 * limit. When it changes (IT adds a 停止上班 typhoon day, a limit changes, or the rule is corrected),
 * open notifications get their deadline recomputed — §48 moves a last day that became a day off;
 * closed ones keep theirs.
 */
export const deadlineBasis = (calendar: OfficeCalendar, items: readonly { code: string; processingDays: number }[]): string =>
  `${RULE_VERSION}-${calendar.fingerprint}-${fnv1a(items.map((i) => `${i.code}:${i.processingDays}`).sort().join(','))}`;
