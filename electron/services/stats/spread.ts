import type { Spread } from '../../../shared/stats/dashboard';

/**
 * Median and p90 by nearest rank (the same definition as shared/stats/percentile.ts). Only two
 * ranks are needed, so they are selected rather than the samples sorted: over a year that is half
 * a million samples per dashboard. Large samples are first counted into value buckets (a linear
 * pass, no swaps), so only the bucket holding each rank is copied and selected in; small ones are
 * selected in a typed copy directly.
 */
export function spreadOf(samples: readonly number[] | Float64Array): Spread {
  const n = samples.length;
  if (n === 0) return { n: 0, medianS: null, p90S: null };
  const rank = (p: number): number => Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1));
  if (n < BUCKETED_FROM) {
    const a = samples instanceof Float64Array ? samples.slice() : Float64Array.from(samples);
    const k50 = rank(50);
    const median = select(a, k50, 0, n - 1);
    // Everything right of k50 is now ≥ the median, so p90 (a higher rank) is selected there.
    const p90 = select(a, rank(90), k50, n - 1);
    return { n, medianS: roundMs(median), p90S: roundMs(p90) };
  }
  const [median, p90] = bucketedRanks(samples, rank(50), rank(90));
  return { n, medianS: roundMs(median), p90S: roundMs(p90) };
}

/** Below this many samples a copy and quickselect cost less than two counting passes. */
const BUCKETED_FROM = 4096;
const BUCKETS = 4096;
const bucketCounts = new Int32Array(BUCKETS);

/**
 * The values of ranks k1 ≤ k2 (0-based) in `samples`, untouched: count the samples into
 * equal-width buckets between min and max, walk the counts to the buckets that hold the ranks, and
 * select within a copy of those buckets only. The bucket of a value, floor((v − min) × scale),
 * never decreases as v grows (each floating-point step is monotonic), so every value of an earlier
 * bucket is ≤ every value of a later one and the rank within a bucket is exact.
 */
function bucketedRanks(samples: readonly number[] | Float64Array, k1: number, k2: number): [number, number] {
  const n = samples.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = samples[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return [min, min];
  const scale = (BUCKETS - 1) / (max - min);
  bucketCounts.fill(0);
  for (let i = 0; i < n; i++) bucketCounts[Math.floor((samples[i]! - min) * scale)]!++;
  const find = (k: number): { bucket: number; before: number } => {
    let bucket = 0;
    let before = 0;
    while (before + bucketCounts[bucket]! <= k) before += bucketCounts[bucket++]!;
    return { bucket, before };
  };
  const first = find(k1);
  const second = find(k2);
  const one = new Float64Array(bucketCounts[first.bucket]!);
  const two = second.bucket === first.bucket ? one : new Float64Array(bucketCounts[second.bucket]!);
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const v = samples[i]!;
    const b = Math.floor((v - min) * scale);
    if (b === first.bucket) one[m1++] = v;
    else if (b === second.bucket) two[m2++] = v;
  }
  const v1 = select(one, k1 - first.before, 0, m1 - 1);
  // One bucket for both: everything right of k1's place is ≥ it, as in the small case.
  const v2 = two === one ? select(one, k2 - first.before, k1 - first.before, m1 - 1) : select(two, k2 - second.before, 0, m2 - 1);
  return [v1, v2];
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
