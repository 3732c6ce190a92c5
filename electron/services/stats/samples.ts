/**
 * The case ids and turnaround samples of the statistics cells, read from `group_concat` of the
 * packed `stats_sample` column (migration 019): per notification `case,toDelivery,toReceipt,
 * toCompletion,toAnswer` in milliseconds, empty where NULL, notifications separated by `;`.
 * Parsed by character codes straight into typed arrays sized from the cells' counts: a year is
 * ~180,000 notifications, and a string or array element per value cost more than the query.
 */

/** A typed array filled up to `length`; sized up front from the cells' notification counts. */
export class Filling {
  readonly values: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }
  /** The filled part (a view, no copy). */
  get filled(): Float64Array {
    return this.values.subarray(0, this.length);
  }
}

/** Where one cell's values go: case ids, the agency's three turnaround lists, and 檢證 answers (verification cells only). */
export type SampleTargets = { caseIds: Filling; toDelivery: Filling; toReceipt: Filling; toCompletion: Filling; toAnswer: Filling | null };

const MINUS = 45;
const ZERO = 48;
const NINE = 57;

/**
 * Parses one cell's packed list into its targets: ids as they are, durations in seconds (ms / 1000,
 * as before). One tight loop per value (charCodeAt past the end is NaN, which ends a number), since
 * a year is ~6 million characters.
 */
export function addPackedSamples(list: string, to: SampleTargets): void {
  const ids = to.caseIds;
  const measures = [to.toDelivery, to.toReceipt, to.toCompletion, to.toAnswer];
  const end = list.length;
  let i = 0;
  while (i < end) {
    let v = 0;
    let c = list.charCodeAt(i++);
    while (c >= ZERO && c <= NINE) {
      v = v * 10 + (c - ZERO);
      c = list.charCodeAt(i++);
    }
    ids.values[ids.length++] = v; // c is the comma after the case id
    for (let k = 0; k < 4; k++) {
      c = list.charCodeAt(i++);
      if (c !== MINUS && !(c >= ZERO && c <= NINE)) continue; // empty (NULL): c is the next separator
      let sign = 1;
      if (c === MINUS) {
        sign = -1;
        c = list.charCodeAt(i++);
      }
      v = 0;
      while (c >= ZERO && c <= NINE) {
        v = v * 10 + (c - ZERO);
        c = list.charCodeAt(i++);
      }
      const target = measures[k];
      if (target) target.values[target.length++] = (sign * v) / 1000;
    }
  }
}

/** How many different values among the non-negative integers (case ids) of all lists, by a bit per possible value: no sort, no Set. */
export function distinctCount(lists: readonly Float64Array[]): number {
  let max = 0;
  for (const ids of lists) for (const id of ids) if (id > max) max = id;
  const seen = new Uint32Array((max >>> 5) + 1);
  let n = 0;
  for (const ids of lists) {
    for (const id of ids) {
      const bit = 1 << (id & 31);
      if ((seen[id >>> 5]! & bit) === 0) {
        seen[id >>> 5]! |= bit;
        n++;
      }
    }
  }
  return n;
}
