import type { Spread } from '../../../shared/stats/dashboard';

/**
 * Median and p90 by nearest rank (the same definition as shared/stats/percentile.ts). Only two
 * ranks are needed, so they are selected (quickselect, linear on average) in a typed copy rather
 * than sorting it: over a year that is half a million samples per dashboard.
 */
export function spreadOf(samples: readonly number[] | Float64Array): Spread {
  const n = samples.length;
  if (n === 0) return { n: 0, medianS: null, p90S: null };
  const a = samples instanceof Float64Array ? samples.slice() : Float64Array.from(samples);
  const rank = (p: number): number => Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1));
  const k50 = rank(50);
  const median = select(a, k50, 0, n - 1);
  // Everything right of k50 is now ≥ the median, so p90 (a higher rank) is selected there.
  const p90 = select(a, rank(90), k50, n - 1);
  return { n, medianS: roundMs(median), p90S: roundMs(p90) };
}

/** The value of rank k (0-based) within a[lo..hi], partially reordering that range (Hoare partition, median-of-three pivot). */
function select(a: Float64Array, k: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = a[lo]!, y = a[mid]!, z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const tmp = a[i]!;
        a[i++] = a[j]!;
        a[j--] = tmp;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break; // j < k < i: a[k] equals the pivot and sits in its final place
  }
  return a[k]!;
}

/** Durations come from millisecond timestamps; strip the float noise of the subtraction. */
export const roundMs = (s: number): number => Math.round(s * 1000) / 1000;
