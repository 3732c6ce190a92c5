import type { StatsFilter } from '../../../shared/stats/dashboard';
import type { ServiceContext } from '../context';
import type { FilterSql } from './filter';
import { daysBetween, nextDay, periodOf, periodsBetween, taipeiDayStartUtc } from './period';

/** Everything the passes over the filtered notifications yield; the dashboard is shaped from it. */
export type Tally = {
  total: number;
  cases: number;
  byItem: Map<string, number>;
  byAgency: Map<string, { total: number; byStatus: Map<string, number> }>;
  byOffice: Map<string, number>;
  /** Per life event: notifications, and the distinct cases among them. */
  byLifeEvent: Map<string, { notifications: number; cases: number }>;
  byClerk: Map<number, number>;
  byStatus: Map<string, number>;
  /** Per trend period (day, ISO week or month of Taipei days) touching the filter, in order. */
  trend: Map<string, number>;
  /** Notifications whose furthest milestone is at least delivered / received / closed. */
  reached: { delivered: number; received: number; closed: number };
  /** Seconds per receiving agency, unsorted. */
  durations: Map<string, { toDelivery: Float64Array; toReceipt: Float64Array; toCompletion: Float64Array }>;
  overdueByAgency: Map<string, number>;
  /** 檢證: seconds from each verification's delivery to its first answer, unsorted. */
  toAnswer: Float64Array;
};

type Cell = [month: string, key: string, kind: string, stage: number, n: number, overdue: number | null, toDelivery: string | null, toReceipt: string | null, toCompletion: string | null, toAnswer: string | null, caseIds: string];

/** Separates the parts of a cell key (codes never contain control characters). */
const SEP = '\u001f';

const add = <K>(m: Map<K, number>, k: K, n: number): void => {
  m.set(k, (m.get(k) ?? 0) + n);
};

/**
 * `group_concat` lists of integers → numbers (divided by `scale`). Parsed by character codes: half
 * a million samples as `split` + `Number` allocate a string each, which cost more than the query.
 */
const integers = (lists: string[], scale = 1): Float64Array => {
  let count = 0;
  for (const l of lists) for (let i = 0; i < l.length; i++) if (l.charCodeAt(i) === 44) count++;
  const out = new Float64Array(count + lists.length);
  let k = 0;
  for (const l of lists) {
    let v = 0;
    let sign = 1;
    for (let i = 0; i < l.length; i++) {
      const c = l.charCodeAt(i);
      if (c === 44) {
        out[k++] = (sign * v) / scale;
        v = 0;
        sign = 1;
      } else if (c === 45) sign = -1;
      else v = v * 10 + (c - 48);
    }
    out[k++] = (sign * v) / scale;
  }
  return out;
};

/** Milliseconds → seconds. */
const seconds = (lists: string[]): Float64Array => integers(lists, 1000);

/** How many different values among non-negative integers (case ids), by a bit per possible value: no sort, no Set. */
function distinct(ids: Float64Array): number {
  let max = 0;
  for (const id of ids) if (id > max) max = id;
  const seen = new Uint32Array((max >>> 5) + 1);
  let n = 0;
  for (const id of ids) {
    const bit = 1 << (id & 31);
    if ((seen[id >>> 5]! & bit) === 0) {
      seen[id >>> 5]! |= bit;
      n++;
    }
  }
  return n;
}

/**
 * Passes over the indexes notifications_stats_month and notifications_stats (migrations 005, 011), never
 * touching table rows or cases: SQLite groups the period into cells (item × agency × status ×
 * office × clerk × life event), each carrying its turnaround samples and case ids as one string per measure, so
 * JavaScript sees thousands of cells rather than a row object per notification; then, for a daily
 * or weekly trend, one range count per Taipei day.
 */
export function scanNotifications(ctx: ServiceContext, f: StatsFilter, sql: FilterSql, nowIso: string): Tally {
  const t: Tally = {
    total: 0, cases: 0, byItem: new Map(), byAgency: new Map(), byOffice: new Map(), byLifeEvent: new Map(), byClerk: new Map(), byStatus: new Map(),
    trend: new Map(periodsBetween(f.from, f.to, f.granularity).map((p) => [p, 0])), reached: { delivered: 0, received: 0, closed: 0 }, durations: new Map(), overdueByAgency: new Map(), toAnswer: new Float64Array(0),
  };
  // The cells stream from the index notifications_stats_month in its own order (Taipei month,
  // then the cell's columns), so SQLite aggregates without sorting the period: over a year that
  // sort was most of the cost. A cell thus comes once per month of the period (and, as kind and
  // stage are part of the order, per kind and stage) and is summed here. The months at either end
  // are read whole and trimmed by created_at, which is in the index too.
  const cells = ctx.db
    .prepare(
      `SELECT n.stats_month, n.item_code || char(31) || n.receiver_agency || char(31) || n.status || char(31) || ifnull(n.stats_office, '') || char(31) || ifnull(n.stats_clerk, 0) || char(31) || ifnull(n.stats_life_event, '') AS cell, n.kind, n.stage,
              COUNT(*), SUM(n.due_at < ?),
              group_concat(n.to_delivery_ms), group_concat(n.to_receipt_ms), group_concat(n.to_completion_ms), group_concat(n.to_answer_ms), group_concat(n.case_id)
         FROM notifications n INDEXED BY notifications_stats_month
        WHERE n.stats_month BETWEEN ? AND ? AND ${sql.where}
        GROUP BY n.stats_month, n.item_code, n.receiver_agency, n.kind, n.status, n.stats_office, n.stats_clerk, n.stats_life_event, n.stage`,
    )
    .raw()
    .all(nowIso, f.from.slice(0, 7), f.to.slice(0, 7), ...sql.params) as Cell[];
  const samples = new Map<string, { toDelivery: string[]; toReceipt: string[]; toCompletion: string[] }>();
  const answers: string[] = [];
  const caseIds: string[] = [];
  const eventCaseIds = new Map<string, string[]>();
  for (const [month, key, kind, stage, n, overdue, toDelivery, toReceipt, toCompletion, toAnswer, ids] of cells) {
    const [item, agency, status, office, clerk, lifeEvent] = key.split(SEP) as [string, string, string, string, string, string];
    t.total += n;
    if (f.granularity === 'month') t.trend.set(month, t.trend.get(month)! + n);
    add(t.byItem, item, n);
    add(t.byOffice, office, n);
    add(t.byClerk, Number(clerk), n);
    add(t.byStatus, status, n);
    let a = t.byAgency.get(agency);
    if (!a) t.byAgency.set(agency, (a = { total: 0, byStatus: new Map() }));
    a.total += n;
    add(a.byStatus, status, n);
    if (stage >= 1) t.reached.delivered += n;
    if (stage >= 2) t.reached.received += n;
    if (stage === 3) t.reached.closed += n;
    if (stage < 3 && overdue !== null && overdue > 0) add(t.overdueByAgency, agency, overdue); // closed is never overdue
    let d = samples.get(agency);
    if (!d) samples.set(agency, (d = { toDelivery: [], toReceipt: [], toCompletion: [] }));
    if (toDelivery !== null) d.toDelivery.push(toDelivery);
    if (toReceipt !== null) d.toReceipt.push(toReceipt);
    if (toCompletion !== null) d.toCompletion.push(toCompletion);
    if (toAnswer !== null && kind === 'verification') answers.push(toAnswer);
    caseIds.push(ids);
    const e = eventCaseIds.get(lifeEvent);
    if (e) e.push(ids);
    else eventCaseIds.set(lifeEvent, [ids]);
    const le = t.byLifeEvent.get(lifeEvent);
    if (le) le.notifications += n;
    else t.byLifeEvent.set(lifeEvent, { notifications: n, cases: 0 });
  }
  if (t.total === 0) return t;
  // Cases counted from the cells' ids rather than a COUNT(DISTINCT) pass, which sorts the period.
  t.cases = distinct(integers(caseIds));
  // A case has one life event, so its cases are counted apart per event (and sum to the total).
  for (const [lifeEvent, lists] of eventCaseIds) t.byLifeEvent.get(lifeEvent)!.cases = distinct(integers(lists));
  t.toAnswer = seconds(answers);
  for (const [agency, d] of samples) {
    t.durations.set(agency, { toDelivery: seconds(d.toDelivery), toReceipt: seconds(d.toReceipt), toCompletion: seconds(d.toCompletion) });
  }

  // A monthly trend came with the cells (stats_month is the Taipei month); days and weeks need a
  // count per Taipei day: one index range count each.
  if (f.granularity !== 'month') addDailyTrend(ctx, f, sql, t);

  return t;
}

/** Adds one index range count per Taipei day of the filter to its trend period. */
function addDailyTrend(ctx: ServiceContext, f: StatsFilter, sql: FilterSql, t: Tally): void {
  const days = daysBetween(f.from, f.to).map((d) => [d, taipeiDayStartUtc(d), taipeiDayStartUtc(nextDay(d))]);
  const perDay = ctx.db
    .prepare(
      `SELECT j.value ->> 0, (SELECT COUNT(*) FROM notifications n INDEXED BY notifications_stats
                                WHERE n.created_at >= j.value ->> 1 AND n.created_at < j.value ->> 2 AND ${sql.rest})
         FROM json_each(?) j`,
    )
    .raw()
    .all(...sql.restParams, JSON.stringify(days)) as [string, number][]; // parameters in textual order: the subquery's come first
  for (const [day, n] of perDay) {
    const p = periodOf(day, f.granularity);
    t.trend.set(p, t.trend.get(p)! + n);
  }
}
