import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRESS_LIMITS, progressLimitsFromEnv } from './limits';
import { RateLimiter } from './rateLimiter';

describe('progress lookup limits', () => {
  it('read NIN1_PROGRESS_PER_CASE / _PER_IP as tries/minutes, refuse malformed values in zh-TW', () => {
    expect(progressLimitsFromEnv({})).toEqual(DEFAULT_PROGRESS_LIMITS);
    expect(progressLimitsFromEnv({ NIN1_PROGRESS_PER_CASE: '3/10m', NIN1_PROGRESS_PER_IP: '100/60m' })).toMatchObject({
      perCase: { max: 3, windowMs: 600_000 },
      perIp: { max: 100, windowMs: 3_600_000 },
    });
    expect(() => progressLimitsFromEnv({ NIN1_PROGRESS_PER_IP: 'lots' })).toThrow(/NIN1_PROGRESS_PER_IP.*格式不正確/);
    expect(() => progressLimitsFromEnv({ NIN1_PROGRESS_PER_CASE: '0/15m' })).toThrow(/格式不正確/);
  });

  it('fixed windows: the (max+1)th try waits for the window', () => {
    const l = new RateLimiter({ max: 2, windowMs: 60_000 }, 3);
    expect([l.hit('a', 0), l.hit('a', 1_000), l.hit('a', 2_000)]).toEqual([0, 0, 58]);
    expect(l.hit('a', 60_000)).toBe(0); // a new window
  });

  it('finding 4: a full key table refuses nobody (oldest windows are evicted) and memory stays bounded', () => {
    const l = new RateLimiter({ max: 2, windowMs: 60_000 }, 3);
    l.hit('a', 0);
    l.hit('b', 0);
    l.hit('c', 0);
    expect(l.hit('d', 1_000)).toBe(0); // full, nothing expired: the oldest goes, the newcomer is served
    for (let i = 0; i < 1000; i++) expect(l.hit(`flood-${i}`, 2_000)).toBe(0);
    expect(l.size).toBeLessThanOrEqual(3);
  });
});
