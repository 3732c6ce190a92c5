import type { StatDimension, StatsResponse, StatsRow } from '../../shared/platform/stats';
import type { StatsFilter } from './repository';
import { referralsOf, referralTotalsIn, referralTotalsRolled } from './referralStats';
import { Where, type SqlDriver } from './sql';
import { MAX_RELATIVE_ERROR } from './statsBuckets';
import { planRange, type RangePlan } from './statsRange';
import { turnaroundIn, whereOf } from './statsTurnaround';

export { turnaroundSql, whereOf } from './statsTurnaround';

/**
 * Up to this many matching notifications the turnaround is exact (the database sorts the spans:
 * 68,455 rows, one month of a county, in 111 ms on PostgreSQL); above it, and with neither an item
 * nor an office filter, it comes from the histograms (≤ 1 % off, flagged in the response). An item
 * or office filter always gets exact figures, read from the covering indexes of migration 14.
 */
export const EXACT_TURNAROUND_UP_TO = 100_000;

/** Where a cross-tab's counts come from: a rollup (and its time column), or the notifications. */
type CountSource = { table: string; time: 'month' | 'day' | 'delivered_day'; has: readonly StatDimension[] | 'all'; filters: readonly string[] | 'all' };
const MONTHS_ALL: CountSource = { table: 'stats_month_counts', time: 'month', has: ['item', 'agency', 'office', 'status'], filters: 'all' };
const MONTHS_AGENCY: CountSource = { table: 'stats_month_agency_counts', time: 'month', has: ['agency', 'status'], filters: ['agency', 'kind'] };
const DAYS_AGENCY: CountSource = { table: 'stats_day_counts', time: 'day', has: ['day', 'agency', 'status'], filters: ['agency', 'kind'] };
const NOTIFICATIONS: CountSource = { table: 'notifications', time: 'delivered_day', has: 'all', filters: 'all' };

const COLUMN: Record<StatDimension, string> = { item: 'item_code', agency: 'receiver_agency', office: 'office_code', day: 'delivered_day', status: 'status' };
const column = (s: CountSource, d: StatDimension) => (d === 'day' ? s.time : COLUMN[d]);

const filtersOf = (f: StatsFilter) => (['item', 'agency', 'office', 'kind'] as const).filter((k) => f[k] !== undefined && f[k] !== '');
const covers = (s: CountSource, f: StatsFilter) =>
  (s.has === 'all' || f.groupBy.every((d) => (s.has as readonly string[]).includes(d))) && (s.filters === 'all' || filtersOf(f).every((k) => (s.filters as readonly string[]).includes(k)));

/** The smallest rollup that has every dimension asked and every filter given (see migrations/statsRollups.ts). */
function countSource(f: StatsFilter): CountSource {
  if (f.groupBy.includes('day')) return covers(DAYS_AGENCY, f) ? DAYS_AGENCY : NOTIFICATIONS;
  return covers(MONTHS_AGENCY, f) ? MONTHS_AGENCY : MONTHS_ALL;
}

/** One GROUP BY over a source; `range` is in the source's time unit (months, or days). */
async function countIn(q: SqlDriver, s: CountSource, f: StatsFilter, range: { from?: string | undefined; to?: string | undefined }): Promise<Record<string, string | number>[]> {
  const w = new Where()
    .opt(`${s.time} >= ?`, range.from)
    .opt(`${s.time} <= ?`, range.to)
    .opt('item_code = ?', f.item)
    .opt('receiver_agency = ?', f.agency)
    .opt('office_code = ?', f.office)
    .opt('kind = ?', f.kind);
  const cols = f.groupBy.map((d) => `${column(s, d)} AS ${d}`).join(', ');
  const group = f.groupBy.map((d) => column(s, d)).join(', ');
  const n = s === NOTIFICATIONS ? 'COUNT(*)' : 'SUM(n)';
  return q.all(`SELECT ${cols}, ${n} AS n FROM ${s.table} ${w.sql} GROUP BY ${group}`, w.params);
}

/** Adds up the parts of a cross-tab by group, drops empty groups, orders by the dimensions (same order on both engines). */
function mergeRows(groupBy: readonly StatDimension[], parts: Record<string, string | number>[][]): StatsRow[] {
  const by = new Map<string, StatsRow>();
  for (const r of parts.flat()) {
    const key = JSON.stringify(groupBy.map((d) => String(r[d])));
    const row = by.get(key) ?? (Object.fromEntries([...groupBy.map((d) => [d, String(r[d])]), ['count', 0]]) as StatsRow);
    row.count += Number(r.n);
    by.set(key, row);
  }
  const cmp = (a: StatsRow, b: StatsRow) => {
    for (const d of groupBy) {
      const x = a[d]!;
      const y = b[d]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  return [...by.values()].filter((r) => r.count > 0).sort(cmp);
}

/**
 * The cross-tab, turnaround and referrals of a filter (issue 14 §4: answers in < 1 s over 5,000,000
 * notifications). Whole months come from the rollups the write path keeps (statsRollup.ts), the days
 * at the range's edges and what no rollup has (a day cross-tab by item or office) from the
 * notifications; both engines run the same SQL and Node adds the parts up.
 */
export async function statsIn(q: SqlDriver, f: StatsFilter, opts: { exactUpTo?: number } = {}): Promise<StatsResponse> {
  const plan = planRange(f.from, f.to);
  // Counts and referrals do not depend on each other: on PostgreSQL they run side by side on the pool.
  const rolled = new Where().opt('item_code = ?', f.item).opt('receiver_agency = ?', f.agency).opt('office_code = ?', f.office).opt('kind = ?', f.kind);
  if (plan.months) rolled.opt('month >= ?', plan.months.from).opt('month <= ?', plan.months.to);
  const referralParts = Promise.all([
    plan.months ? referralTotalsRolled(q, rolled) : Promise.resolve([]),
    ...plan.edges.map((e) => referralTotalsIn(q, whereOf({ ...f, from: e.from, to: e.to }))),
  ]);
  const source = countSource(f);
  const parts = await Promise.all(
    source.time === 'month'
      ? [...(plan.months ? [countIn(q, source, f, plan.months)] : []), ...plan.edges.map((e) => countIn(q, NOTIFICATIONS, f, e))]
      : [countIn(q, source, f, f)],
  );
  const rows = mergeRows(f.groupBy, parts);
  const total = rows.reduce((s, r) => s + r.count, 0);

  const bucketed: RangePlan | null = total > (opts.exactUpTo ?? EXACT_TURNAROUND_UP_TO) && !f.item && !f.office ? plan : null;
  const timings = await turnaroundIn(q, f, bucketed);
  const referrals = referralsOf((await referralParts).flat());
  return {
    groupBy: f.groupBy, total, rows, timings,
    ...(bucketed ? { timingsMaxRelativeError: MAX_RELATIVE_ERROR } : {}),
    ...(referrals.length > 0 ? { referrals } : {}),
  };
}
