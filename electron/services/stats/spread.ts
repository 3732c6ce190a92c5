import type { Spread } from '../../../shared/stats/dashboard';

/**
 * Median and p90 by nearest rank (the same definition as shared/stats/percentile.ts), on a typed
 * array sorted numerically: a comparator sort of half a million boxed numbers is the slow part
 * otherwise.
 */
export function spreadOf(samples: readonly number[] | Float64Array): Spread {
  const n = samples.length;
  if (n === 0) return { n: 0, medianS: null, p90S: null };
  const sorted = (samples instanceof Float64Array ? samples.slice() : Float64Array.from(samples)).sort();
  const rank = (p: number): number => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
  return { n, medianS: roundMs(rank(50)), p90S: roundMs(rank(90)) };
}

/** Durations come from millisecond timestamps; strip the float noise of the subtraction. */
export const roundMs = (s: number): number => Math.round(s * 1000) / 1000;
