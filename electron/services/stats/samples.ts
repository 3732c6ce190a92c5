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
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const SEMICOLON = 59;

/**
 * Parses one cell's packed list into its targets: ids as they are, durations in seconds (ms / 1000,
 * as before). Written out field by field with local cursors (twice as fast as a loop over a field
 * index here), since a year is ~6 million characters. Every notification has its four commas; a
 * value is digits with an optional minus; an empty one is NULL. charCodeAt past the end is NaN,
 * which ends the last number (and the end bounds every loop, so no list can hold it up).
 */
export function addPackedSamples(list: string, to: SampleTargets): void {
  const ids = to.caseIds.values;
  const delivery = to.toDelivery.values;
  const receipt = to.toReceipt.values;
  const completion = to.toCompletion.values;
  const answer = to.toAnswer?.values;
  let nIds = to.caseIds.length;
  let nDelivery = to.toDelivery.length;
  let nReceipt = to.toReceipt.length;
  let nCompletion = to.toCompletion.length;
  let nAnswer = to.toAnswer?.length ?? 0;
  const end = list.length;
  let i = 0;
  while (i < end) {
    let v = 0;
    let c = list.charCodeAt(i++);
    while (c !== COMMA && i <= end) {
      v = v * 10 + (c - ZERO);
      c = list.charCodeAt(i++);
    }
    ids[nIds++] = v;
    // The same few lines per measure, not a shared closure: a closure over the cursor was 3× slower.
    c = list.charCodeAt(i++);
    if (c !== COMMA) {
      const negative = c === MINUS;
      if (negative) c = list.charCodeAt(i++);
      for (v = 0; c !== COMMA && i <= end; c = list.charCodeAt(i++)) v = v * 10 + (c - ZERO);
      delivery[nDelivery++] = (negative ? -v : v) / 1000;
    }
    c = list.charCodeAt(i++);
    if (c !== COMMA) {
      const negative = c === MINUS;
      if (negative) c = list.charCodeAt(i++);
      for (v = 0; c !== COMMA && i <= end; c = list.charCodeAt(i++)) v = v * 10 + (c - ZERO);
      receipt[nReceipt++] = (negative ? -v : v) / 1000;
    }
    c = list.charCodeAt(i++);
    if (c !== COMMA) {
      const negative = c === MINUS;
      if (negative) c = list.charCodeAt(i++);
      for (v = 0; c !== COMMA && i <= end; c = list.charCodeAt(i++)) v = v * 10 + (c - ZERO);
      completion[nCompletion++] = (negative ? -v : v) / 1000;
    }
    // The answer is last: it ends at the next notification's semicolon or at the end (NaN).
    if (i < end) {
      c = list.charCodeAt(i++);
      if (c !== SEMICOLON) {
        const negative = c === MINUS;
        if (negative) c = list.charCodeAt(i++);
        for (v = 0; c >= ZERO && c <= NINE; c = list.charCodeAt(i++)) v = v * 10 + (c - ZERO);
        if (answer) answer[nAnswer++] = (negative ? -v : v) / 1000;
      }
    }
  }
  to.caseIds.length = nIds;
  to.toDelivery.length = nDelivery;
  to.toReceipt.length = nReceipt;
  to.toCompletion.length = nCompletion;
  if (to.toAnswer) to.toAnswer.length = nAnswer;
}

/**
 * How many different values among the non-negative integers (case ids), over all lists and within
 * each list, in one pass: a bit per possible value for the whole and one for the list at hand
 * (cleared between lists by value, not refilled); no sort, no Set.
 */
export function distinctCounts(lists: readonly Float64Array[]): { total: number; perList: number[] } {
  let max = 0;
  for (const ids of lists) for (const id of ids) if (id > max) max = id;
  const words = (max >>> 5) + 1;
  const all = new Uint32Array(words);
  const mine = new Uint32Array(words);
  let total = 0;
  const perList = lists.map((ids) => {
    let n = 0;
    for (const id of ids) {
      const word = id >>> 5;
      const bit = 1 << (id & 31);
      if ((mine[word]! & bit) === 0) {
        mine[word]! |= bit;
        n++;
        if ((all[word]! & bit) === 0) {
          all[word]! |= bit;
          total++;
        }
      }
    }
    for (const id of ids) mine[id >>> 5] = 0;
    return n;
  });
  return { total, perList };
}
