import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeDeadline } from '../../../shared/overdue/deadline';
import { resourcePath } from '../resources';
import { tempDir } from '../testing/fixtures';
import { CalendarError, loadOfficeCalendar } from './calendarFile';
import { deadlineCalculator } from './deadlines';

const tmp = tempDir('nin1-calendar-');
afterAll(() => tmp.cleanup());
const installed = JSON.parse(readFileSync(resourcePath('calendar', 'holidays.json'), 'utf8')) as Record<string, unknown>;

let n = 0;
function calendarDir(content: string | null): string {
  const dir = join(tmp.dir, `c${n++}`);
  mkdirSync(dir);
  if (content !== null) writeFileSync(join(dir, 'holidays.json'), content);
  return dir;
}

describe('office calendar file', () => {
  it('loads the installed file', () => {
    const cal = loadOfficeCalendar();
    expect(cal.version).toBe(installed.version);
    expect(computeDeadline(new Date('2026-09-22T06:00:00Z'), 3, cal).lastDay).toBe('2026-09-29');
  });

  it('refuses a missing file, broken JSON and bad entries with a zh-TW message listing each problem', () => {
    expect(() => loadOfficeCalendar(calendarDir(null))).toThrow(/辦公日曆（.*holidays\.json）有 1 個錯誤，程式無法啟動：\n {2}- （檔案）：找不到檔案/);
    expect(() => loadOfficeCalendar(calendarDir('{ "version": '))).toThrow(/不是有效的 JSON/);
    const bad = {
      ...installed,
      days: [
        { date: '2026-13-01', kind: 'holiday', name: '十三月' },
        { date: '2026-03-04', kind: 'workday', name: '週三補班' },
        { date: '2026-10-10', kind: 'holiday', name: '' },
      ],
    };
    let error: CalendarError | null = null;
    try {
      loadOfficeCalendar(calendarDir(JSON.stringify(bad)));
    } catch (e) {
      error = e as CalendarError;
    }
    expect(error).toBeInstanceOf(CalendarError);
    expect(error!.problems.map((p) => p.path)).toEqual(['days.0.date', 'days.2.name']);
    expect(error!.error.code).toBe('CALENDAR_INVALID');
    expect(error!.error.message).toContain('days.0.date');
    expect(error!.error.message).toMatch(/程式無法啟動/);
    // Schema-valid but wrong: each entry named.
    const semantic = { ...installed, days: [{ date: '2026-03-04', kind: 'workday', name: '週三補班' }] };
    expect(() => loadOfficeCalendar(calendarDir(JSON.stringify(semantic)))).toThrow('days.0：2026-03-04（週三補班）是平日，不需列為補行上班日');
  });

  it('warns once per year the file does not cover (weekends only)', () => {
    const warnings: unknown[][] = [];
    const due = deadlineCalculator(loadOfficeCalendar(), { warn: (...args: unknown[]) => void warnings.push(args) } as never);
    expect(due(new Date('2028-02-01T02:00:00Z'), 3).lastDay).toBe('2028-02-04');
    due(new Date('2028-03-01T02:00:00Z'), 3);
    due(new Date('2026-03-01T02:00:00Z'), 3);
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]![1])).toContain('辦公日曆未含 2028 年');
  });
});
