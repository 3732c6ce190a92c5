import type { AgencyTimings } from '../../shared/platform/stats';
import type { StatsFilter } from './repository';
import { nearestRank, Where, type SqlDriver, type SqlValue } from './sql';
import { bucketSeconds, spanBucketSql } from './statsBuckets';
import { shiftMonth, type RangePlan } from './statsRange';

/** A statistics filter without (or with) its dimensions: what selects the notifications. */
type Scope = Omit<StatsFilter, 'groupBy'> & Partial<Pick<StatsFilter, 'groupBy'>>;

/** Notifications matching a filter, as a WHERE over `notifications`. */
export const whereOf = (f: Scope): Where =>
  new Where()
    .opt('delivered_day >= ?', f.from)
    .opt('delivered_day <= ?', f.to)
    .opt('item_code = ?', f.item)
    .opt('receiver_agency = ?', f.agency)
    .opt('office_code = ?', f.office)
    .opt('kind = ?', f.kind);

/**
 * Per agency and metric (received: delivered → opened; closed: delivered → completed or rejected),
 * the count and the nearest-rank median and p90 (shared/stats/percentile's definition), aggregated
 * by the database: at most two rows per agency, where shipping every span to Node cost 19,392 rows
 * and 108 ms at county size. Measured on 20k rows, 4 agencies (a loaded 2-core test machine):
 * PostgreSQL 95–230 ms against 210–340 ms for the rows plus Node's sorts, SQLite 310–610 ms against
 * 380–660 ms. A portable ROW_NUMBER() window version was slower than shipping the rows (630–1040 ms),
 * hence one aggregate per dialect (sql.ts nearestRank).
 */
export const turnaroundSql = (dialect: SqlDriver['dialect'], w: Where): { sql: string; params: SqlValue[] } => {
  const metric = (name: string, end: string, filter: string) => {
    const span = `${end} - delivered_ms`;
    return `SELECT receiver_agency AS agency, '${name}' AS metric, COUNT(*) AS n, ${nearestRank(dialect, 50, span)} AS median, ${nearestRank(dialect, 90, span)} AS p90
      FROM notifications ${w.and(filter)} GROUP BY receiver_agency`;
  };
  return {
    sql: `${metric('received', 'received_ms', 'received_ms IS NOT NULL')} UNION ALL ${metric('closed', 'closed_ms', 'received_ms IS NOT NULL AND closed_ms IS NOT NULL')}`,
    params: [...w.params, ...w.params],
  };
};

/**
 * The same populations from the cumulative histograms (stats_spans, migration 14): whole months are
 * the slice at the range's last month minus the slice before its first, the edge days are bucketed
 * from `notifications`; one row per agency, metric and bucket with its count (at most agencies × 2 ×
 * buckets: 60,246 rows county-wide over five years). Agency and kind filters only: the histograms
 * have no item or office. Sums are over INTEGER: PostgreSQL sums BIGINT as numeric, which made the
 * aggregate spill and cost 3× as much; a count of notifications fits 32 bits.
 */
export const bucketedTurnaroundSql = (f: Scope, plan: RangePlan): { sql: string; params: SqlValue[] } => {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const slice = (sign: 1 | -1, month: string) => {
    const w = new Where().add('month = (SELECT MAX(month) FROM stats_span_slices WHERE month <= ?)', month).opt('receiver_agency = ?', f.agency).opt('kind = ?', f.kind);
    parts.push(`SELECT receiver_agency, metric, bucket, ${sign === 1 ? '' : '-'}CAST(n AS INTEGER) AS n FROM stats_spans ${w.sql}`);
    params.push(...w.params);
  };
  if (plan.months) {
    slice(1, plan.months.to ?? '9999-12');
    if (plan.months.from !== undefined) slice(-1, shiftMonth(plan.months.from, -1));
  }
  for (const e of plan.edges) {
    const w = whereOf({ ...f, from: e.from, to: e.to });
    for (const [metric, end, filter] of [['received', 'received_ms', 'received_ms IS NOT NULL'], ['closed', 'closed_ms', 'received_ms IS NOT NULL AND closed_ms IS NOT NULL']] as const) {
      const bucket = spanBucketSql(`${end} - delivered_ms`);
      parts.push(`SELECT receiver_agency, '${metric}' AS metric, ${bucket} AS bucket, CAST(COUNT(*) AS INTEGER) AS n FROM notifications ${w.and(filter)} GROUP BY receiver_agency, ${bucket}`);
      params.push(...w.params);
    }
  }
  if (parts.length === 0) parts.push("SELECT receiver_agency, metric, bucket, CAST(n AS INTEGER) AS n FROM stats_spans WHERE 1 = 0");
  const sql = `SELECT receiver_agency AS agency, metric, bucket, SUM(n) AS n FROM (${parts.join(' UNION ALL ')}) u GROUP BY receiver_agency, metric, bucket HAVING SUM(n) > 0`;
  return { sql, params };
};

type BucketRow = { agency: string; metric: 'received' | 'closed'; bucket: number | string; n: number | string };

/**
 * Nearest rank from a histogram: rank ⌈p·n/100⌉ lies in the first bucket (in span order) whose
 * running count reaches p·n/100 (integers: running·100 ≥ p·n). Done in Node: sorting and two window
 * sums over 60,246 rows cost PostgreSQL ~350 ms (spilling to disk at the default work_mem).
 */
export function ranksOfHistogram(rows: readonly BucketRow[]): TurnaroundRow[] {
  const by = new Map<string, { agency: string; metric: BucketRow['metric']; buckets: [number, number][] }>();
  for (const r of rows) {
    const key = `${r.agency}\u0000${r.metric}`;
    const h = by.get(key) ?? { agency: r.agency, metric: r.metric, buckets: [] };
    h.buckets.push([Number(r.bucket), Number(r.n)]);
    by.set(key, h);
  }
  return [...by.values()].map(({ agency, metric, buckets }) => {
    buckets.sort((a, b) => a[0] - b[0]);
    const n = buckets.reduce((s, [, c]) => s + c, 0);
    const at = (p: number) => {
      let running = 0;
      for (const [bucket, c] of buckets) if ((running += c) * 100 >= p * n) return bucket;
      return buckets.at(-1)![0];
    };
    return { agency, metric, n, median: at(50), p90: at(90) };
  });
}

type TurnaroundRow = { agency: string; metric: 'received' | 'closed'; n: number | string; median: number | string; p90: number | string };
type Summary = AgencyTimings['received'];
const NONE: Summary = { n: 0, medianS: null, p90S: null };

/** Timings per agency, exact (spans sorted by the database) or from the histograms (`bucketed`). */
export async function turnaroundIn(q: SqlDriver, f: Scope, bucketed: RangePlan | null): Promise<AgencyTimings[]> {
  const t = bucketed ? bucketedTurnaroundSql(f, bucketed) : turnaroundSql(q.dialect, whereOf(f));
  const seconds = bucketed ? (v: number) => bucketSeconds(v) : (v: number) => v / 1000;
  const rows = bucketed ? ranksOfHistogram(await q.all<BucketRow>(t.sql, t.params)) : await q.all<TurnaroundRow>(t.sql, t.params);
  const byAgency = new Map<string, AgencyTimings>();
  for (const r of rows) {
    const a = byAgency.get(r.agency) ?? { agency: r.agency, received: NONE, closed: NONE };
    a[r.metric] = { n: Number(r.n), medianS: seconds(Number(r.median)), p90S: seconds(Number(r.p90)) };
    byAgency.set(r.agency, a);
  }
  return [...byAgency.values()].sort((a, b) => a.agency.localeCompare(b.agency));
}
