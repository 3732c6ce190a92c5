import type { StatsFilter } from '../../../shared/stats/dashboard';
import type { ServiceContext } from '../context';
import type { FilterSql } from './filter';
import { daysBetween, nextDay, taipeiDayStartUtc } from './period';

/** Everything the passes over the filtered notifications yield; the dashboard is shaped from it. */
export type Tally = {
  total: number;
  cases: number;
  byItem: Map<string, number>;
  byAgency: Map<string, { total: number; byStatus: Map<string, number> }>;
  byOffice: Map<string, number>;
  byClerk: Map<number, number>;
  byStatus: Map<string, number>;
  /** Per Taipei day of the filter period, in order. */
  byDay: Map<string, number>;
  /** Notifications whose furthest milestone is at least delivered / received / closed. */
  reached: { delivered: number; received: number; closed: number };
  /** Seconds per receiving agency, unsorted. */
  durations: Map<string, { toDelivery: Float64Array; toReceipt: Float64Array; toCompletion: Float64Array }>;
  overdueByAgency: Map<string, number>;
};

type Cell = [key: string, n: number, delivered: number, received: number, closed: number, overdue: number, toDelivery: string | null, toReceipt: string | null, toCompletion: string | null];

/** Separates the parts of a cell key (codes never contain control characters). */
const SEP = '\u001f';

const add = <K>(m: Map<K, number>, k: K, n: number): void => {
  m.set(k, (m.get(k) ?? 0) + n);
};

/** `group_concat` lists of milliseconds (one per cell) → seconds. */
const seconds = (lists: string[]): Float64Array => {
  const parts = lists.length === 0 ? [] : lists.join(',').split(',');
  const out = new Float64Array(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = Number(parts[i]) / 1000;
  return out;
};

/**
 * Passes over the index notifications_stats (migration 005), never touching table rows or cases:
 * SQLite groups the period into cells (item × agency × status × office × clerk), each carrying its
 * turnaround samples as one string per measure, so JavaScript sees hundreds of cells rather than
 * a row object per notification; then one range count per Taipei day for the trend and one
 * distinct count of cases.
 */
export function scanNotifications(ctx: ServiceContext, f: StatsFilter, sql: FilterSql, nowIso: string): Tally {
  const t: Tally = {
    total: 0, cases: 0, byItem: new Map(), byAgency: new Map(), byOffice: new Map(), byClerk: new Map(), byStatus: new Map(),
    byDay: new Map(daysBetween(f.from, f.to).map((d) => [d, 0])), reached: { delivered: 0, received: 0, closed: 0 }, durations: new Map(), overdueByAgency: new Map(),
  };
  // One text key per cell: SQLite has no hash aggregation, and its sorter compares one key far
  // faster than five columns. The day is not part of the cell (a date per row and 30-365 times
  // more cells to sort); the trend comes from one index range count per day instead.
  const cells = ctx.db
    .prepare(
      `SELECT n.item_code || char(31) || n.receiver_agency || char(31) || n.status || char(31) || ifnull(n.stats_office, '') || char(31) || ifnull(n.stats_clerk, 0) AS cell,
              COUNT(*), SUM(n.stage >= 1), SUM(n.stage >= 2), SUM(n.stage = 3), SUM(n.stage < 3 AND n.due_at < ?),
              group_concat(n.to_delivery_ms), group_concat(n.to_receipt_ms), group_concat(n.to_completion_ms)
         FROM notifications n INDEXED BY notifications_stats
        WHERE ${sql.where}
        GROUP BY cell`,
    )
    .raw()
    .all(nowIso, ...sql.params) as Cell[];
  const samples = new Map<string, { toDelivery: string[]; toReceipt: string[]; toCompletion: string[] }>();
  for (const [key, n, delivered, received, closed, overdue, toDelivery, toReceipt, toCompletion] of cells) {
    const [item, agency, status, office, clerk] = key.split(SEP) as [string, string, string, string, string];
    t.total += n;
    add(t.byItem, item, n);
    add(t.byOffice, office, n);
    add(t.byClerk, Number(clerk), n);
    add(t.byStatus, status, n);
    let a = t.byAgency.get(agency);
    if (!a) t.byAgency.set(agency, (a = { total: 0, byStatus: new Map() }));
    a.total += n;
    add(a.byStatus, status, n);
    t.reached.delivered += delivered;
    t.reached.received += received;
    t.reached.closed += closed;
    if (overdue > 0) add(t.overdueByAgency, agency, overdue);
    let d = samples.get(agency);
    if (!d) samples.set(agency, (d = { toDelivery: [], toReceipt: [], toCompletion: [] }));
    if (toDelivery !== null) d.toDelivery.push(toDelivery);
    if (toReceipt !== null) d.toReceipt.push(toReceipt);
    if (toCompletion !== null) d.toCompletion.push(toCompletion);
  }
  if (t.total === 0) return t;
  for (const [agency, d] of samples) {
    t.durations.set(agency, { toDelivery: seconds(d.toDelivery), toReceipt: seconds(d.toReceipt), toCompletion: seconds(d.toCompletion) });
  }

  const days = [...t.byDay.keys()].map((d) => [d, taipeiDayStartUtc(d), taipeiDayStartUtc(nextDay(d))]);
  const perDay = ctx.db
    .prepare(
      `SELECT j.value ->> 0, (SELECT COUNT(*) FROM notifications n INDEXED BY notifications_stats
                                WHERE n.created_at >= j.value ->> 1 AND n.created_at < j.value ->> 2 AND ${sql.rest})
         FROM json_each(?) j`,
    )
    .raw()
    .all(...sql.restParams, JSON.stringify(days)) as [string, number][]; // parameters in textual order: the subquery's come first
  for (const [day, n] of perDay) t.byDay.set(day, n);

  t.cases = ctx.db.prepare(`SELECT COUNT(DISTINCT n.case_id) FROM notifications n INDEXED BY notifications_stats WHERE ${sql.where}`).pluck().get(...sql.params) as number;
  return t;
}
