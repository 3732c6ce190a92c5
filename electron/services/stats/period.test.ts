import { afterAll, describe, expect, it } from 'vitest';
import { StatsFilter } from '../../../shared/stats/dashboard';
import { makeContext, tempDir } from '../testing/fixtures';
import { computeDashboard } from './dashboard';
import { isoWeek, periodsBetween, taipeiDayStartUtc } from './period';
import { generateRecords, seedStaff } from './statsFixtures';

const tmp = tempDir('nin1-stats-period-');
afterAll(() => tmp.cleanup());

describe('statistics calendar', () => {
  it('ISO weeks: 2026 has a week 53 that runs into 2027; 2025-12-29 is already 2026-W01', () => {
    expect(isoWeek('2026-12-28')).toBe('2026-W53');
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2025-12-28')).toBe('2025-W52');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    expect(isoWeek('2026-11-27')).toBe('2026-W48');
  });

  it('a Taipei day starts at 16:00 UTC the day before', () => {
    expect(taipeiDayStartUtc('2026-11-27')).toBe('2026-11-26T16:00:00.000Z');
    expect(taipeiDayStartUtc('2027-01-01')).toBe('2026-12-31T16:00:00.000Z');
  });

  it('lists every period touching the range, in order', () => {
    expect(periodsBetween('2026-12-20', '2027-01-10', 'week')).toEqual(['2026-W51', '2026-W52', '2026-W53', '2027-W01']);
    expect(periodsBetween('2026-11-30', '2027-02-01', 'month')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(periodsBetween('2028-02-28', '2028-03-01', 'day')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
  });

  it('buckets notifications across the year boundary by ISO week and month, gaps as zero', () => {
    const ctx = makeContext(tmp.file('year.sqlite'));
    const clerks = seedStaff(ctx);
    const at = (iso: string) => ({ createdMs: Date.parse(iso), item: 'N01', clerkId: clerks[0]!.id });
    generateRecords(ctx, clerks, {
      seed: 1, count: 0, startMs: 0, endMs: 1, nowMs: Date.parse('2027-02-01T00:00:00Z'),
      extra: [
        at('2026-12-20T02:00:00Z'), // W51 (Sunday)
        at('2026-12-28T02:00:00Z'), // W53 Monday
        at('2026-12-31T15:59:59Z'), // W53, 12-31 in Taipei
        at('2026-12-31T16:00:00Z'), // 2027-01-01 in Taipei, still W53
        at('2027-01-03T15:59:59Z'), // Sunday 2027-01-03 in Taipei: W53
        at('2027-01-03T16:00:00Z'), // Monday 2027-01-04: W01
      ],
    });
    const week = computeDashboard(ctx, StatsFilter.parse({ from: '2026-12-14', to: '2027-01-10', granularity: 'week' }));
    expect(week.trend).toEqual([
      { period: '2026-W51', count: 1 },
      { period: '2026-W52', count: 0 },
      { period: '2026-W53', count: 4 },
      { period: '2027-W01', count: 1 },
    ]);
    const month = computeDashboard(ctx, StatsFilter.parse({ from: '2026-11-15', to: '2027-01-31', granularity: 'month' }));
    expect(month.trend).toEqual([
      { period: '2026-11', count: 0 },
      { period: '2026-12', count: 3 },
      { period: '2027-01', count: 3 },
    ]);
    ctx.db.close();
  });
});
