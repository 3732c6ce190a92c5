/**
 * Splits a statistics date range (Taipei days, inclusive, either end open) into the whole months the
 * monthly rollups answer and the days at its edges that cut a month, read from `notifications`
 * (indexed by delivered_day; at most two partial months). `months` null: no whole month inside.
 */
export type RangePlan = {
  months: { from?: string | undefined; to?: string | undefined } | null;
  edges: { from: string; to: string }[];
};

const monthOf = (day: string) => day.slice(0, 7);
const lastDayOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};
export const shiftMonth = (month: string, by: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

export function planRange(from: string | undefined, to: string | undefined): RangePlan {
  if (from !== undefined && to !== undefined && from > to) return { months: null, edges: [{ from, to }] }; // selects nothing, as before
  const edges: RangePlan['edges'] = [];
  let first: string | undefined;
  let last: string | undefined;
  if (from !== undefined) {
    first = monthOf(from);
    if (!from.endsWith('-01')) {
      const end = lastDayOf(first);
      edges.push({ from, to: to !== undefined && to < end ? to : end });
      first = shiftMonth(first, 1);
    }
  }
  if (to !== undefined) {
    last = monthOf(to);
    if (to !== lastDayOf(last)) {
      const sameMonthEdge = from !== undefined && !from.endsWith('-01') && monthOf(from) === last; // already read by the first edge
      if (!sameMonthEdge) edges.push({ from: from !== undefined && from > `${last}-01` ? from : `${last}-01`, to });
      last = shiftMonth(last, -1);
    }
  }
  const months = first !== undefined && last !== undefined && first > last ? null : { from: first, to: last };
  return { months, edges };
}
