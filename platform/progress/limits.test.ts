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

  it('fixed windows: the (max+1)th try waits for the window; memory stays bounded and fails closed', () => {
    const l = new RateLimiter({ max: 2, windowMs: 60_000 }, 3);
    expect([l.hit('a', 0), l.hit('a', 1_000), l.hit('a', 2_000)]).toEqual([0, 0, 58]);
    expect(l.hit('a', 60_000)).toBe(0); // a new window
    l.hit('b', 60_000);
    l.hit('c', 60_000);
    expect(l.hit('d', 61_000)).toBe(60); // full, nothing expired: refused
    expect(l.hit('d', 120_001)).toBe(0); // expired windows pruned: room again
    expect(l.size).toBeLessThanOrEqual(3);
  });
});
