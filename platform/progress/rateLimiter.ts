import type { RateRule } from './limits';

/**
 * Fixed-window counters kept in this process's memory. Good enough for one platform process (the
 * deployment described in platform/README); several nodes behind a balancer would each allow the
 * limit (a store-backed counter would be the next step). Restarting the process resets the counts,
 * which only ever helps an attacker by one window.
 *
 * Memory is bounded: expired windows are dropped when the map is full, and if it is still full the
 * new key is refused (fail closed) rather than growing without end.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly rule: RateRule,
    private readonly maxKeys: number,
  ) {}

  /** Counts one try for `key`; returns 0 when allowed, else the seconds until the window resets. */
  hit(key: string, nowMs: number): number {
    let w = this.windows.get(key);
    if (w && w.resetAt <= nowMs) {
      this.windows.delete(key);
      w = undefined;
    }
    if (!w) {
      if (this.windows.size >= this.maxKeys) this.prune(nowMs);
      if (this.windows.size >= this.maxKeys) return Math.ceil(this.rule.windowMs / 1000);
      w = { count: 0, resetAt: nowMs + this.rule.windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return w.count > this.rule.max ? Math.max(1, Math.ceil((w.resetAt - nowMs) / 1000)) : 0;
  }

  get size(): number {
    return this.windows.size;
  }

  private prune(nowMs: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= nowMs) this.windows.delete(k);
  }
}
