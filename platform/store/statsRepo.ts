import type { AgencyTimings, StatDimension, StatsResponse, StatsRow } from '../../shared/platform/stats';
import type { StatsFilter } from './repository';
import { referralStats } from './referralStats';
import { nearestRank, Where, type SqlDriver, type SqlValue } from './sql';

const COLUMN: Record<StatDimension, string> = { item: 'item_code', agency: 'receiver_agency', office: 'office_code', day: 'delivered_day', status: 'status' };

export const whereOf = (f: StatsFilter): Where =>
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

type TurnaroundRow = { agency: string; metric: 'received' | 'closed'; n: number | string; median: number | string; p90: number | string };
type Summary = AgencyTimings['received'];
const NONE: Summary = { n: 0, medianS: null, p90S: null };
const summary = (r: TurnaroundRow): Summary => ({ n: Number(r.n), medianS: Number(r.median) / 1000, p90S: Number(r.p90) / 1000 });

/** The cross-tab is one GROUP BY over the chosen dimensions (same SQL on both engines), turnaround another (above). */
export async function statsIn(q: SqlDriver, f: StatsFilter): Promise<StatsResponse> {
  const w = whereOf(f);
  const cols = f.groupBy.map((d) => `${COLUMN[d]} AS ${d}`).join(', ');
  const group = f.groupBy.map((d) => COLUMN[d]).join(', ');
  const rows = await q.all<Record<string, string | number>>(`SELECT ${cols}, COUNT(*) AS n FROM notifications ${w.sql} GROUP BY ${group} ORDER BY ${group}`, w.params);
  const out: StatsRow[] = rows.map((r) => {
    const row: StatsRow = { count: Number(r.n) };
    for (const d of f.groupBy) (row as Record<string, unknown>)[d] = String(r[d]);
    return row;
  });

  const t = turnaroundSql(q.dialect, w);
  const byAgency = new Map<string, AgencyTimings>();
  for (const r of await q.all<TurnaroundRow>(t.sql, t.params)) {
    const a = byAgency.get(r.agency) ?? { agency: r.agency, received: NONE, closed: NONE };
    a[r.metric] = summary(r);
    byAgency.set(r.agency, a);
  }
  const timings = [...byAgency.values()].sort((a, b) => a.agency.localeCompare(b.agency));

  const referrals = await referralStats(q, w);
  return { groupBy: f.groupBy, total: out.reduce((s, r) => s + r.count, 0), rows: out, timings, ...(referrals.length > 0 ? { referrals } : {}) };
}
