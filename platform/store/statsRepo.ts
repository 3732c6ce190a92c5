import { median, percentile } from '../../shared/stats/percentile';
import type { AgencyTimings, StatDimension, StatsResponse, StatsRow } from '../../shared/platform/stats';
import type { StatsFilter } from './repository';
import { Where, type SqlExec } from './sql';

const COLUMN: Record<StatDimension, string> = { item: 'item_code', agency: 'receiver_agency', office: 'office_code', day: 'delivered_day', status: 'status' };

const whereOf = (f: StatsFilter): Where =>
  new Where()
    .opt('delivered_day >= ?', f.from)
    .opt('delivered_day <= ?', f.to)
    .opt('item_code = ?', f.item)
    .opt('receiver_agency = ?', f.agency)
    .opt('office_code = ?', f.office)
    .opt('kind = ?', f.kind);

const summary = (xs: number[]) => ({ n: xs.length, medianS: xs.length ? median(xs) / 1000 : null, p90S: xs.length ? percentile(xs, 90) / 1000 : null });

/**
 * The cross-tab is one GROUP BY over the chosen dimensions (same SQL on both engines). Turnaround
 * medians are computed here from the stored millisecond stamps: portable, and cheap for a county's
 * filtered period (one narrow row per notification).
 */
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

  const spans = await q.all<{ agency: string; received: number | null; closed: number | null }>(
    `SELECT receiver_agency AS agency, received_ms - delivered_ms AS received, closed_ms - delivered_ms AS closed
     FROM notifications ${w.and('received_ms IS NOT NULL')}`,
    w.params,
  );
  const byAgency = new Map<string, { received: number[]; closed: number[] }>();
  for (const s of spans) {
    const a = byAgency.get(s.agency) ?? { received: [], closed: [] };
    if (s.received !== null) a.received.push(Number(s.received));
    if (s.closed !== null) a.closed.push(Number(s.closed));
    byAgency.set(s.agency, a);
  }
  const timings: AgencyTimings[] = [...byAgency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([agency, t]) => ({ agency, received: summary(t.received), closed: summary(t.closed) }));

  return { groupBy: f.groupBy, total: out.reduce((s, r) => s + r.count, 0), rows: out, timings };
}
