import type { NotificationStatus } from '../../../shared/cases/schema';
import type { StatsFilter } from '../../../shared/stats/dashboard';
import type { ServiceContext } from '../context';
import type { FilterSql } from './filter';
import { daysBetween, nextDay, taipeiDayStartUtc } from './period';

/** Everything one pass over the filtered notifications yields; the dashboard is shaped from it. */
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
  /** Seconds per receiving agency. */
  durations: Map<string, { toDelivery: number[]; toReceipt: number[]; toCompletion: number[] }>;
  overdueByAgency: Map<string, number>;
};

type Row = [string, string, string, NotificationStatus, number, string, number, number | null, number | null, number | null, number, number];

const bump = <K>(m: Map<K, number>, k: K): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

/**
 * One ordered pass over the covering index notifications_stats (created_at first), joined to the
 * case for office and clerk. Rows arrive in created_at order, so the Taipei day of each row is
 * found by walking precomputed day boundaries (string compares, no date parsing per row).
 * Durations are computed by SQLite with millisecond precision ('subsec').
 */
export function scanNotifications(ctx: ServiceContext, f: StatsFilter, sql: FilterSql, nowIso: string): Tally {
  const days = daysBetween(f.from, f.to);
  const boundaries = days.map((d) => taipeiDayStartUtc(nextDay(d))); // end of each day, exclusive
  const t: Tally = {
    total: 0, cases: 0, byItem: new Map(), byAgency: new Map(), byOffice: new Map(), byClerk: new Map(), byStatus: new Map(),
    byDay: new Map(days.map((d) => [d, 0])), reached: { delivered: 0, received: 0, closed: 0 }, durations: new Map(), overdueByAgency: new Map(),
  };
  const stmt = ctx.db
    .prepare(
      `SELECT n.created_at, n.item_code, n.receiver_agency, n.status, n.case_id, c.office_code, c.clerk_id,
              unixepoch(n.delivered_at, 'subsec') - unixepoch(n.created_at, 'subsec'),
              unixepoch(n.received_at, 'subsec') - unixepoch(n.delivered_at, 'subsec'),
              unixepoch(n.closed_at, 'subsec') - unixepoch(n.delivered_at, 'subsec'),
              CASE WHEN n.closed_at IS NOT NULL THEN 3 WHEN n.received_at IS NOT NULL THEN 2 WHEN n.delivered_at IS NOT NULL THEN 1 ELSE 0 END,
              n.due_at IS NOT NULL AND n.due_at < ? AND n.closed_at IS NULL
         FROM notifications n JOIN cases c ON c.id = n.case_id
        WHERE ${sql.where}
        ORDER BY n.created_at`,
    )
    .raw();
  const seenCases = new Set<number>();
  let day = 0;
  for (const r of stmt.iterate(nowIso, ...sql.params) as IterableIterator<Row>) {
    const [createdAt, item, agency, status, caseId, office, clerk, toDelivery, toReceipt, toCompletion, furthest, overdue] = r;
    while (createdAt >= boundaries[day]!) day++;
    t.total++;
    seenCases.add(caseId);
    bump(t.byItem, item);
    bump(t.byOffice, office);
    bump(t.byClerk, clerk);
    bump(t.byStatus, status);
    const dayKey = days[day]!;
    t.byDay.set(dayKey, t.byDay.get(dayKey)! + 1);
    let a = t.byAgency.get(agency);
    if (!a) t.byAgency.set(agency, (a = { total: 0, byStatus: new Map() }));
    a.total++;
    bump(a.byStatus, status);
    if (furthest >= 1) t.reached.delivered++;
    if (furthest >= 2) t.reached.received++;
    if (furthest >= 3) t.reached.closed++;
    let d = t.durations.get(agency);
    if (!d) t.durations.set(agency, (d = { toDelivery: [], toReceipt: [], toCompletion: [] }));
    if (toDelivery !== null) d.toDelivery.push(toDelivery);
    if (toReceipt !== null) d.toReceipt.push(toReceipt);
    if (toCompletion !== null) d.toCompletion.push(toCompletion);
    if (overdue) bump(t.overdueByAgency, agency);
  }
  t.cases = seenCases.size;
  return t;
}
