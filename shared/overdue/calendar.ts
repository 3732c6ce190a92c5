import { z } from '../zod';

/**
 * The office calendar as DATA (resources/calendar/holidays.json): the days 行政院人事行政總處's
 * 「政府行政機關辦公日曆表」 gives off on a weekday (national holidays, 補假, 調整放假) and the
 * Saturdays it makes working days (補行上班日). IT replaces the file when the next year's table is
 * published; nothing here is hard-coded. Years the file does not cover fall back to "Monday to
 * Friday" (the caller is told, so it can log a warning).
 */
const IsoDay = z.iso.date();

export const CalendarDay = z.strictObject({
  date: IsoDay,
  /** `holiday`: no office work that day; `workday`: a 補行上班日 (a Saturday or Sunday worked). */
  kind: z.enum(['holiday', 'workday']),
  name: z.string().min(1).max(40),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const CalendarFile = z.strictObject({
  version: z.string().min(1),
  source: z.string().min(1),
  note: z.string().optional(),
  /** The years the file is complete for; a date outside them uses weekends only. */
  years: z.array(z.number().int().min(1912).max(2200)).min(1),
  days: z.array(CalendarDay),
});
export type CalendarFile = z.infer<typeof CalendarFile>;

export type CalendarProblem = { path: string; message: string };

/** Schema first, then what the schema cannot say: dates inside the declared years, no day listed twice, kinds that make sense. */
export function validateCalendar(raw: unknown): { ok: true; file: CalendarFile } | { ok: false; problems: CalendarProblem[] } {
  const parsed = CalendarFile.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  }
  const problems: CalendarProblem[] = [];
  const seen = new Set<string>();
  parsed.data.days.forEach((d, i) => {
    const path = `days.${i}`;
    const year = Number(d.date.slice(0, 4));
    const weekday = weekdayOf(d.date);
    if (!parsed.data.years.includes(year)) problems.push({ path, message: `${d.date}（${d.name}）不在 years 所列年度內` });
    if (seen.has(d.date)) problems.push({ path, message: `${d.date} 重複列出` });
    seen.add(d.date);
    if (d.kind === 'workday' && weekday !== 0 && weekday !== 6) problems.push({ path, message: `${d.date}（${d.name}）是平日，不需列為補行上班日` });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, file: parsed.data };
}

export const formatCalendarProblems = (problems: CalendarProblem[]): string => problems.map((p) => `  - ${p.path || '（檔案）'}：${p.message}`).join('\n');

/** 0 = Sunday … 6 = Saturday, for a calendar date (no time zone involved). */
export const weekdayOf = (isoDay: string): number => new Date(`${isoDay}T00:00:00Z`).getUTCDay();

export type OfficeCalendar = {
  isWorkingDay(isoDay: string): boolean;
  /** Whether the file covers this year (outside it: weekends only). */
  covers(year: number): boolean;
  readonly version: string;
  /** Changes whenever a day is added, removed or changes kind (IT may forget to bump `version`). */
  readonly fingerprint: string;
};

/** FNV-1a, 32 bits, hex: a short stable digest without Node's crypto (shared/ runs everywhere). */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function buildCalendar(file: CalendarFile): OfficeCalendar {
  const kinds = new Map(file.days.map((d) => [d.date, d.kind] as const));
  const years = new Set(file.years);
  const fingerprint = fnv1a([...file.years].sort().join(',') + '|' + file.days.map((d) => `${d.date}:${d.kind}`).sort().join(','));
  return {
    version: file.version,
    fingerprint,
    covers: (year) => years.has(year),
    isWorkingDay(isoDay) {
      const kind = kinds.get(isoDay);
      if (kind) return kind === 'workday';
      const w = weekdayOf(isoDay);
      return w !== 0 && w !== 6;
    },
  };
}

/** Monday to Friday, no holidays: the fallback for a year the file does not list (and for tests of the bare rule). */
export const WEEKENDS_ONLY: OfficeCalendar = buildCalendar({ version: 'weekends-only', source: '—', years: [2000], days: [] });
