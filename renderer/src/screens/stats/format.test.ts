import { describe, expect, it } from 'vitest';
import { daysBefore, defaultPeriod, durationText, periodLabel, taipeiToday } from './format';

describe('statistics display helpers', () => {
  it('writes durations in the unit a supervisor reads', () => {
    expect(durationText(null)).toBe('—');
    expect(durationText(0)).toBe('0 分鐘');
    expect(durationText(25 * 60)).toBe('25 分鐘');
    expect(durationText(3.5 * 3600)).toBe('3.5 小時');
    expect(durationText(47 * 3600)).toBe('47 小時');
    expect(durationText(2 * 86_400)).toBe('2 天');
    expect(durationText(2.14 * 86_400)).toBe('2.1 天');
  });

  it('labels trend periods with ROC years', () => {
    expect(periodLabel('2026-11-27', 'day')).toBe('115/11/27');
    expect(periodLabel('2026-W48', 'week')).toBe('115年第48週');
    expect(periodLabel('2026-01', 'month')).toBe('115年1月');
    expect(periodLabel('garbage', 'month')).toBe('garbage');
  });

  it('takes today in Taipei, not in UTC', () => {
    // 2026-11-26 17:30 UTC is already the 27th at the counter.
    expect(taipeiToday(new Date('2026-11-26T17:30:00Z'))).toBe('2026-11-27');
    expect(taipeiToday(new Date('2026-11-26T15:30:00Z'))).toBe('2026-11-26');
  });

  it('defaults to the last 30 days including today, across month and year ends', () => {
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(daysBefore('2026-01-10', 29)).toBe('2025-12-12');
    expect(defaultPeriod(new Date('2026-11-27T01:00:00Z'))).toEqual({ from: '2026-10-29', to: '2026-11-27' });
  });
});
