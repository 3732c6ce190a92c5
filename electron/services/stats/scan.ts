import type Database from 'better-sqlite3';
import type { StatsFilter } from '../../../shared/stats/dashboard';
import type { ServiceContext } from '../context';
import type { FilterSql } from './filter';
import { daysBetween, nextDay, periodOf, periodsBetween, taipeiDayStartUtc } from './period';
import { cellConditions, CELL_SEP, periodParts, type PeriodPart } from './cellFilter';
import { addPackedSamples, distinctCounts, Filling } from './samples';

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

type Cell = [key: string, n: number, samples: string];
type Statement = Database.Statement<unknown[]>;

/** One prepared statement per SQL text within a dashboard (whole and cut months share theirs), rows as arrays. */
const prepared = (ctx: ServiceContext, cache: Map<string, Statement>, sql: string): Statement => {
  let st = cache.get(sql);
  if (!st) cache.set(sql, (st = ctx.db.prepare<unknown[]>(sql).raw()));
  return st;
};

const add = <K>(m: Map<K, number>, k: K, n: number): void => {
  m.set(k, (m.get(k) ?? 0) + n);
};

const partsOf = (key: string) => {
  const [item, agency, kind, status, office, clerk, lifeEvent, stage] = key.split(CELL_SEP) as [string, string, string, string, string, string, string, string];
  return { item, agency, kind, status, office, clerk: Number(clerk), lifeEvent, stage: Number(stage) };
};

/**
 * Passes over the indexes notifications_stats_sample, notifications_stats_open (migrations 019,
 * 020) and notifications_stats, never touching table rows or cases: SQLite groups the period into
 * cells (item × agency × kind × status × office × clerk × life event × stage, one `stats_cell`
 * key), each carrying its case ids and turnaround samples as one packed string, so JavaScript sees
 * thousands of cells rather than a row object per notification; the open notifications past their
 * deadline are counted per cell from their own index; then, for a daily or weekly trend, one range
 * count per Taipei day.
 */
export function scanNotifications(ctx: ServiceContext, f: StatsFilter, sql: FilterSql, nowIso: string): Tally {
  const t: Tally = {
    total: 0, cases: 0, byItem: new Map(), byAgency: new Map(), byOffice: new Map(), byLifeEvent: new Map(), byClerk: new Map(), byStatus: new Map(),
    trend: new Map(periodsBetween(f.from, f.to, f.granularity).map((p) => [p, 0])), reached: { delivered: 0, received: 0, closed: 0 }, durations: new Map(), overdueByAgency: new Map(), toAnswer: new Float64Array(0),
  };
  // Each month's cells stream from the index in its own order (Taipei month, then the cell key),
  // so SQLite aggregates without sorting the period: over a year that sort was most of the cost. A
  // cell thus comes once per month of the period and is summed here.
  const cell = cellConditions(f);
  const parts = periodParts(f, sql);
  const statements = new Map<string, Statement>();
  const parsed = parts.flatMap((p) => {
    const rows = prepared(ctx, statements, `SELECT n.stats_cell, COUNT(*), group_concat(n.stats_sample, ';')
       FROM notifications n INDEXED BY notifications_stats_sample
      WHERE ${p.where} AND ${cell.where}
      GROUP BY n.stats_cell`).all(...p.params, ...cell.params) as Cell[];
    return rows.map(([key, n, samples]) => ({ month: p.month, ...partsOf(key), n, samples }));
  });
  const perAgency = new Map<string, number>();
  let verifications = 0;
  for (const c of parsed) {
    const { n } = c;
    t.total += n;
    if (f.granularity === 'month') t.trend.set(c.month, t.trend.get(c.month)! + n);
    add(t.byItem, c.item, n);
    add(t.byOffice, c.office, n);
    add(t.byClerk, c.clerk, n);
    add(t.byStatus, c.status, n);
    let a = t.byAgency.get(c.agency);
    if (!a) t.byAgency.set(c.agency, (a = { total: 0, byStatus: new Map() }));
    a.total += n;
    add(a.byStatus, c.status, n);
    if (c.stage >= 1) t.reached.delivered += n;
    if (c.stage >= 2) t.reached.received += n;
    if (c.stage === 3) t.reached.closed += n;
    add(perAgency, c.agency, n);
    if (c.kind === 'verification') verifications += n;
    const le = t.byLifeEvent.get(c.lifeEvent);
    if (le) le.notifications += n;
    else t.byLifeEvent.set(c.lifeEvent, { notifications: n, cases: 0 });
  }
  if (t.total === 0) return t;

  const durations = new Map([...perAgency].map(([agency, n]) => [agency, { toDelivery: new Filling(n), toReceipt: new Filling(n), toCompletion: new Filling(n) }]));
  const eventCaseIds = new Map([...t.byLifeEvent].map(([lifeEvent, e]) => [lifeEvent, new Filling(e.notifications)]));
  const answers = new Filling(verifications);
  for (const c of parsed) {
    const d = durations.get(c.agency)!;
    addPackedSamples(c.samples, { caseIds: eventCaseIds.get(c.lifeEvent)!, ...d, toAnswer: c.kind === 'verification' ? answers : null });
  }
  // Cases counted from the cells' ids rather than a COUNT(DISTINCT) pass, which sorts the period.
  // A case has one life event, so its cases are counted apart per event (and sum to the total).
  const events = [...eventCaseIds.keys()];
  const distinct = distinctCounts([...eventCaseIds.values()].map((ids) => ids.filled));
  t.cases = distinct.total;
  events.forEach((lifeEvent, i) => (t.byLifeEvent.get(lifeEvent)!.cases = distinct.perList[i]!));
  t.toAnswer = answers.filled;
  for (const [agency, d] of durations) {
    t.durations.set(agency, { toDelivery: d.toDelivery.filled, toReceipt: d.toReceipt.filled, toCompletion: d.toCompletion.filled });
  }

  addOverdue(ctx, parts, cell, nowIso, t);

  // A monthly trend came with the cells (stats_month is the Taipei month); days and weeks need a
  // count per Taipei day: one index range count each.
  if (f.granularity !== 'month') addDailyTrend(ctx, f, sql, t);

  return t;
}

/** 逾時: open notifications past their deadline (closed is never overdue), per agency, from the index of open ones. */
function addOverdue(ctx: ServiceContext, parts: PeriodPart[], cell: PeriodPart, nowIso: string, t: Tally): void {
  const statements = new Map<string, Statement>();
  for (const p of parts) {
    const rows = prepared(ctx, statements, `SELECT n.stats_cell, COUNT(*) FROM notifications n INDEXED BY notifications_stats_open
        WHERE ${p.where} AND ${cell.where} AND n.closed_at IS NULL AND n.due_at IS NOT NULL AND n.due_at < ?
        GROUP BY n.stats_cell`).all(...p.params, ...cell.params, nowIso) as [string, number][];
    for (const [key, n] of rows) add(t.overdueByAgency, partsOf(key).agency, n);
  }
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
