import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCalendar, validateCalendar, weekdayOf } from './calendar';

const file = JSON.parse(readFileSync(new URL('../../resources/calendar/holidays.json', import.meta.url), 'utf8')) as {
  years: number[]; days: { date: string; kind: string; name: string }[];
};

describe('office calendar data', () => {
  it('the installed file is valid and covers 2025–2027', () => {
    const r = validateCalendar(file);
    expect(r.ok).toBe(true);
    expect(file.years).toEqual([2025, 2026, 2027]);
  });

  it('has the 2026 office holidays that fall on weekdays', () => {
    const cal = buildCalendar((validateCalendar(file) as { ok: true; file: never }).file);
    for (const d of ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-27', '2026-04-03', '2026-04-06',
      '2026-05-01', '2026-06-19', '2026-09-25', '2026-09-28', '2026-10-09', '2026-10-26', '2026-12-25']) {
      expect(cal.isWorkingDay(d), d).toBe(false);
    }
    expect(cal.isWorkingDay('2026-11-27')).toBe(true); // an ordinary Friday
    expect(cal.isWorkingDay('2026-11-28')).toBe(false); // an ordinary Saturday
    expect(cal.isWorkingDay('2025-02-08')).toBe(true); // 補行上班
  });

  it('every make-up workday is a Saturday or Sunday', () => {
    for (const d of file.days.filter((x) => x.kind === 'workday')) expect([0, 6]).toContain(weekdayOf(d.date));
  });

  it('lists every bad entry with its path and a zh-TW reason', () => {
    const bad = {
      ...file,
      days: [
        { date: '2026-02-30', kind: 'holiday', name: '不存在的日子' },
        { date: '2026-03-03', kind: 'vacation', name: '錯誤種類' },
      ],
    };
    const r = validateCalendar(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual(['days.0.date', 'days.1.kind']);

    const semantic = validateCalendar({
      ...file,
      days: [
        { date: '2026-03-03', kind: 'workday', name: '平日補班' },
        { date: '2029-01-01', kind: 'holiday', name: '年度外' },
        { date: '2026-01-01', kind: 'holiday', name: '元旦' },
        { date: '2026-01-01', kind: 'holiday', name: '元旦' },
      ],
    });
    expect(semantic.ok).toBe(false);
    if (semantic.ok) return;
    expect(semantic.problems).toEqual([
      { path: 'days.0', message: '2026-03-03（平日補班）是平日，不需列為補行上班日' },
      { path: 'days.1', message: '2029-01-01（年度外）不在 years 所列年度內' },
      { path: 'days.3', message: '2026-01-01 重複列出' },
    ]);
  });

  it('refuses a file without years or with unknown fields', () => {
    expect(validateCalendar({ version: '1', source: 's', years: [], days: [] }).ok).toBe(false);
    expect(validateCalendar({ ...file, extra: 1 }).ok).toBe(false);
  });
});
