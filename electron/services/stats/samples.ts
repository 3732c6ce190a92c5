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

const COMMA = 44;
const SEMICOLON = 59;
const MINUS = 45;

/** Parses one cell's packed list into its targets: ids as they are, durations in seconds (ms / 1000, as before). */
export function addPackedSamples(list: string, to: SampleTargets): void {
  const fields = [to.caseIds, to.toDelivery, to.toReceipt, to.toCompletion, to.toAnswer];
  let field = 0;
  let v = 0;
  let sign = 1;
  let empty = true;
  const end = list.length;
  for (let i = 0; i <= end; i++) {
    const c = i < end ? list.charCodeAt(i) : SEMICOLON;
    if (c === COMMA || c === SEMICOLON) {
      if (!empty) {
        const target = fields[field];
        if (target) target.values[target.length++] = field === 0 ? sign * v : (sign * v) / 1000;
      }
      field = c === COMMA ? field + 1 : 0;
      v = 0;
      sign = 1;
      empty = true;
    } else if (c === MINUS) {
      sign = -1;
    } else {
      v = v * 10 + (c - 48);
      empty = false;
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
