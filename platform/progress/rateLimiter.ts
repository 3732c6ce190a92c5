import type { RateRule } from './limits';

/**
 * Fixed-window counters kept in this process's memory. Good enough for one platform process (the
 * deployment described in platform/README); several nodes behind a balancer would each allow the
 * limit (a store-backed counter would be the next step). Restarting the process resets the counts,
 * which only ever helps an attacker by one window.
 *
 * Memory is bounded: when the table is full, expired windows are dropped and, if it is still full,
 * the oldest window is evicted. A full table must never refuse everybody (issue 13 finding 4): the
 * worst an attacker who fills it gets is a fresh window for some old key.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly rule: RateRule,
    private readonly maxKeys: number,
  ) {}

  /** Counts one try for `key`; returns 0 when allowed, else the seconds until the window resets. */
  hit(key: string, nowMs: number): number {
    const w = this.record(key, nowMs);
    return w.count > this.rule.max ? Math.max(1, Math.ceil((w.resetAt - nowMs) / 1000)) : 0;
  }

  /** Tries counted for `key` in its current window (0 when none), without counting one. */
  count(key: string, nowMs: number): number {
    const w = this.windows.get(key);
    return w && w.resetAt > nowMs ? w.count : 0;
  }

  /** Counts one try and returns the window. */
  record(key: string, nowMs: number): { count: number; resetAt: number } {
    let w = this.windows.get(key);
    if (w && w.resetAt <= nowMs) {
      this.windows.delete(key);
      w = undefined;
    }
    if (!w) {
      if (this.windows.size >= this.maxKeys) this.prune(nowMs);
      w = { count: 0, resetAt: nowMs + this.rule.windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return w;
  }

  get size(): number {
    return this.windows.size;
  }

  private prune(nowMs: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= nowMs) this.windows.delete(k);
    // Still full: drop the oldest windows (a Map iterates in insertion order), a tenth at a time.
    if (this.windows.size < this.maxKeys) return;
    let drop = Math.max(1, Math.floor(this.maxKeys / 10));
    for (const k of this.windows.keys()) {
      if (drop-- <= 0) break;
      this.windows.delete(k);
    }
  }
}
