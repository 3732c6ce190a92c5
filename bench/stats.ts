import { median, percentile } from '../shared/stats/percentile';

// One percentile for the benchmarks and the platform's turnaround statistics.
export { median, percentile };

/** Times `fn` n times after `warmup` runs; returns per-run milliseconds. */
export function timeRuns(n: number, fn: (i: number) => void, warmup = Math.min(50, n)): number[] {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    fn(i);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

export async function timeRunsAsync(n: number, fn: (i: number) => Promise<unknown>, warmup = Math.min(10, n)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

/** One line of `npm run bench -- --json`. */
export type BenchEntry = {
  name: string;
  value: number;
  unit: string;
  budget: number;
  baseline?: number;
  ratio?: number;
  ok: boolean;
  /** Present on rates: the budget is a floor (value must stay at or above it). */
  better?: 'higher';
  note?: string;
};

export const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

/**
 * An entry whose value must stay under its budget (and its ratio under `maxRatio` when given); with
 * `higherIsBetter` (rates) the budget is a floor instead.
 */
export function entry(
  name: string,
  value: number,
  unit: string,
  budget: number,
  extra: { baseline?: number; maxRatio?: number; note?: string; higherIsBetter?: boolean } = {},
): BenchEntry {
  const e: BenchEntry = { name, value: round(value), unit, budget, ok: extra.higherIsBetter ? value >= budget : value <= budget };
  if (extra.higherIsBetter) e.better = 'higher';
  if (extra.baseline !== undefined) {
    e.baseline = round(extra.baseline);
    e.ratio = round(value / extra.baseline, 2);
    if (extra.maxRatio !== undefined) e.ok = e.ok && e.ratio <= extra.maxRatio;
  }
  if (extra.note) e.note = extra.note;
  return e;
}
