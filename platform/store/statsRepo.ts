import type { AgencyTimings, StatDimension, StatsResponse, StatsRow } from '../../shared/platform/stats';
import type { StatsFilter } from './repository';
import { Where, type SqlExec, type SqlValue } from './sql';

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
 * the count and the nearest-rank median and p90 (shared/stats/percentile's definition, with the
 * rank ceil(p·n/100) in integer arithmetic), computed by the database with window functions that
 * SQLite and PostgreSQL share: it returns at most two rows per agency, where shipping every span to
 * Node cost 19,392 rows and 108 ms at county size.
 */
export const turnaroundSql = (w: Where): { sql: string; params: SqlValue[] } => ({
  sql: `WITH spans AS (
      SELECT receiver_agency AS agency, 'received' AS metric, received_ms - delivered_ms AS span FROM notifications ${w.and('received_ms IS NOT NULL')}
      UNION ALL
      SELECT receiver_agency AS agency, 'closed' AS metric, closed_ms - delivered_ms AS span FROM notifications ${w.and('received_ms IS NOT NULL AND closed_ms IS NOT NULL')}
    ), ranked AS (
      SELECT agency, metric, span, ROW_NUMBER() OVER (PARTITION BY agency, metric ORDER BY span) AS r, COUNT(*) OVER (PARTITION BY agency, metric) AS n FROM spans
    )
    SELECT agency, metric, n, MAX(CASE WHEN r = (n * 50 + 99) / 100 THEN span END) AS median, MAX(CASE WHEN r = (n * 90 + 99) / 100 THEN span END) AS p90
    FROM ranked GROUP BY agency, metric, n`,
  params: [...w.params, ...w.params],
});

type TurnaroundRow = { agency: string; metric: 'received' | 'closed'; n: number | string; median: number | string; p90: number | string };
type Summary = AgencyTimings['received'];
const NONE: Summary = { n: 0, medianS: null, p90S: null };
const summary = (r: TurnaroundRow): Summary => ({ n: Number(r.n), medianS: Number(r.median) / 1000, p90S: Number(r.p90) / 1000 });

/** The cross-tab is one GROUP BY over the chosen dimensions (same SQL on both engines), turnaround another (above). */
export async function statsIn(q: SqlExec, f: StatsFilter): Promise<StatsResponse> {
  const w = whereOf(f);
  const cols = f.groupBy.map((d) => `${COLUMN[d]} AS ${d}`).join(', ');
  const group = f.groupBy.map((d) => COLUMN[d]).join(', ');
  const rows = await q.all<Record<string, string | number>>(`SELECT ${cols}, COUNT(*) AS n FROM notifications ${w.sql} GROUP BY ${group} ORDER BY ${group}`, w.params);
  const out: StatsRow[] = rows.map((r) => {
    const row: StatsRow = { count: Number(r.n) };
    for (const d of f.groupBy) (row as Record<string, unknown>)[d] = String(r[d]);
    return row;
  });

  const t = turnaroundSql(w);
  const byAgency = new Map<string, AgencyTimings>();
  for (const r of await q.all<TurnaroundRow>(t.sql, t.params)) {
    const a = byAgency.get(r.agency) ?? { agency: r.agency, received: NONE, closed: NONE };
    a[r.metric] = summary(r);
    byAgency.set(r.agency, a);
  }
  const timings = [...byAgency.values()].sort((a, b) => a.agency.localeCompare(b.agency));

  return { groupBy: f.groupBy, total: out.reduce((s, r) => s + r.count, 0), rows: out, timings };
}
