import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCalendar, formatCalendarProblems, validateCalendar, type CalendarProblem, type OfficeCalendar } from '../../../shared/overdue/calendar';
import { AppFailure } from '../../../shared/result';
import { resourcePath } from '../resources';

export const CALENDAR_FILE = 'holidays.json';

/**
 * An AppFailure (code CALENDAR_INVALID), so the boot screen and both CLIs show its zh-TW message
 * with every bad entry as they show any typed failure.
 */
export class CalendarError extends AppFailure {
  constructor(readonly file: string, readonly problems: CalendarProblem[]) {
    super({ code: 'CALENDAR_INVALID', message: `辦公日曆（${file}）有 ${problems.length} 個錯誤，程式無法啟動：\n${formatCalendarProblems(problems)}` });
    this.name = 'CalendarError';
  }
}

/** Reads and validates resources/calendar/holidays.json (or `dir`); throws CalendarError listing every bad entry. */
export function loadOfficeCalendar(dir: string = resourcePath('calendar')): OfficeCalendar {
  const file = join(dir, CALENDAR_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CalendarError(file, [{ path: '', message: err.code === 'ENOENT' ? '找不到檔案' : `不是有效的 JSON：${err.message}` }]);
  }
  const result = validateCalendar(raw);
  if (!result.ok) throw new CalendarError(file, result.problems);
  return buildCalendar(result.file);
}

let cached: OfficeCalendar | null = null;

/**
 * The installed calendar, read once per process (a read-only data file: the counter and the platform
 * both call this at startup, so a malformed file stops them there rather than at the first deadline).
 */
export function officeCalendar(): OfficeCalendar {
  cached ??= loadOfficeCalendar();
  return cached;
}
