import type { BenchEntry } from './stats';

export async function benchPdfForm(): Promise<BenchEntry[]> {
  return [];
}
