import type { RateWindowStore } from '../store/rateWindowsRepo';
import type { RateRule } from './limits';

/**
 * The tries a limit counts, wherever they are kept: in this process (RateLimiter, one node) or in
 * the shared database (SharedRateLimiter, several nodes on one PostgreSQL). Same answers.
 */
export interface RateCounter {
  /** Counts one try for `key`; 0 when allowed, else the seconds until the window resets. */
  hit(key: string, nowMs: number): number | Promise<number>;
  /** Tries counted for `key` in its current window, without counting one. */
  count(key: string, nowMs: number): number | Promise<number>;
  /** Counts one try. */
  record(key: string, nowMs: number): unknown;
}

/** A fixed-window limit counted in the shared database, so N nodes allow the limit once, not N times (issue 14 §4). */
export class SharedRateLimiter implements RateCounter {
  constructor(
    private readonly windows: RateWindowStore,
    /** Keeps this limit's keys apart from other limits' in the one table. */
    private readonly name: string,
    private readonly rule: RateRule,
  ) {}

  async hit(key: string, nowMs: number): Promise<number> {
    const w = await this.record(key, nowMs);
    return w.count > this.rule.max ? Math.max(1, Math.ceil((w.resetAt - nowMs) / 1000)) : 0;
  }

  async count(key: string, nowMs: number): Promise<number> {
    return (await this.windows.peek(`${this.name}:${key}`, nowMs))?.count ?? 0;
  }

  record(key: string, nowMs: number) {
    return this.windows.add(`${this.name}:${key}`, this.rule.windowMs, nowMs, { count: 1, amount: 0 });
  }
}
