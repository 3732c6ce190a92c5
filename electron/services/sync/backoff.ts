export type BackoffPolicy = {
  /** Delay after the first failure. */
  baseMs: number;
  /** Ceiling: an office offline all afternoon is still tried every few minutes. */
  maxMs: number;
  /** Injected so tests are deterministic. */
  random: () => number;
};

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 5 * 60_000, random: Math.random };

/**
 * Exponential backoff with "equal jitter": half the capped delay fixed, half random, so fifty
 * counters that lost the platform together do not all come back in the same second, and none
 * retries sooner than half its step.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(30, attempt - 1)));
  return Math.round(step / 2 + policy.random() * (step / 2));
}

/**
 * Is a persisted retry time due? A time further ahead than the longest backoff can only mean the
 * clock moved back (a counter PC corrected by a day): treat it as due rather than wait a day.
 */
export function isDue(nextAttemptAt: string | null, now: Date, policy: BackoffPolicy): boolean {
  if (nextAttemptAt === null) return true;
  const wait = Date.parse(nextAttemptAt) - now.getTime();
  return Number.isNaN(wait) || wait <= 0 || wait > policy.maxMs;
}
