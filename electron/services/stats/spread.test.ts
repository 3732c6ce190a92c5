import { describe, expect, it } from 'vitest';
import { percentile } from '../../../shared/stats/percentile';
import { roundMs, spreadOf } from './spread';

/** Deterministic pseudo-random numbers (a small LCG), so a failure can be replayed. */
const lcg = (seed: number) => () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;

describe('spreadOf', () => {
  it('is the nearest-rank median and p90 of shared/stats/percentile for small and bucketed samples, skewed, tied, negative or constant, and leaves the input as it was', () => {
    const rand = lcg(7);
    const samples: number[][] = [
      [5],
      [3, 1, 2],
      Array.from({ length: 4095 }, () => Math.floor(rand() * 1e6) / 1000),
      Array.from({ length: 20_000 }, () => Math.floor(rand() * 1e6) / 1000),
      Array.from({ length: 20_001 }, () => Math.floor(rand() ** 6 * 4e9) / 1000), // long tail: most values in the first buckets
      Array.from({ length: 9_000 }, (_, i) => (i % 3 === 0 ? 7.5 : i % 3 === 1 ? -2.25 : 1e9)), // three values, many ties, a negative
      Array.from({ length: 5_000 }, () => 42.001),
      [...Array.from({ length: 8_000 }, () => Math.floor(rand() * 1e6) / 1000), 1e12], // one outlier: both ranks in the first bucket
    ];
    for (const list of samples) {
      const typed = Float64Array.from(list);
      const before = typed.slice();
      const got = spreadOf(typed);
      expect(got, `${list.length} samples`).toEqual({ n: list.length, medianS: roundMs(percentile(list, 50)), p90S: roundMs(percentile(list, 90)) });
      expect(typed).toEqual(before);
      expect(spreadOf(list)).toEqual(got);
    }
    expect(spreadOf([])).toEqual({ n: 0, medianS: null, p90S: null });
  });
});
