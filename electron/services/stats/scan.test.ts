import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatsFilter, type StatsFilterInput } from '../../../shared/stats/dashboard';
import type { ServiceContext } from '../context';
import { makeContext, TEST_NOW, tempDir } from '../testing/fixtures';
import { filterSql } from './filter';
import { scanNotifications, type Tally } from './scan';
import { generateRecords, seedStaff, type GenWorld } from './statsFixtures';

/**
 * Migrations 019 and 020 changed the shape of the cells query (one packed cell key and one packed
 * sample list instead of nine grouped columns and five aggregates; filters on the key; whole months
 * untrimmed; overdue from the open notifications' own index). This compares it, on a small real
 * database, with the answer of the query it replaced: that query and its reduction are kept here
 * verbatim (minus the index it named, which 019 dropped), as the reference.
 */
const tmp = tempDir('nin1-stats-scan-');
let ctx: ServiceContext;
let world: GenWorld;
const NOW = TEST_NOW;

beforeAll(() => {
  ctx = makeContext(tmp.file('scan.sqlite'));
  const clerks = seedStaff(ctx);
  const records = generateRecords(ctx, clerks, { seed: 19, count: 1500, startMs: Date.parse('2026-07-20T00:00:00Z'), endMs: Date.parse('2026-11-26T02:00:00Z'), nowMs: Date.parse(NOW) });
  world = { records, clerks, offices: ['FS01', 'FS02'] };
});
afterAll(() => {
  ctx.db.close();
  tmp.cleanup();
});

type OldCell = [month: string, key: string, kind: string, stage: number, n: number, overdue: number | null, toDelivery: string | null, toReceipt: string | null, toCompletion: string | null, toAnswer: string | null, caseIds: string];
const numbers = (lists: string[], scale: number): number[] => lists.flatMap((l) => l.split(',').map((x) => Number(x) / scale));
const sorted = (a: ArrayLike<number>): number[] => Array.from(a).sort((x, y) => x - y);

/** The figures scanNotifications yields, by the pre-019 query (migration 011's cell) and a plain reduction. */
function oldAnswer(f: StatsFilter): Omit<Tally, 'trend'> & { trend: Map<string, number> | null } {
  const sql = filterSql(f);
  const cells = ctx.db
    .prepare(
      `SELECT n.stats_month, n.item_code || char(31) || n.receiver_agency || char(31) || n.status || char(31) || ifnull(n.stats_office, '') || char(31) || ifnull(n.stats_clerk, 0) || char(31) || ifnull(n.stats_life_event, '') AS cell, n.kind, n.stage,
              COUNT(*), SUM(n.due_at < ?),
              group_concat(n.to_delivery_ms), group_concat(n.to_receipt_ms), group_concat(n.to_completion_ms), group_concat(n.to_answer_ms), group_concat(n.case_id)
         FROM notifications n
        WHERE n.stats_month BETWEEN ? AND ? AND ${sql.where}
        GROUP BY n.stats_month, n.item_code, n.receiver_agency, n.kind, n.status, n.stats_office, n.stats_clerk, n.stats_life_event, n.stage`,
    )
    .raw()
    .all(NOW, f.from.slice(0, 7), f.to.slice(0, 7), ...sql.params) as OldCell[];
  const t = { total: 0, cases: 0, byItem: new Map(), byAgency: new Map(), byOffice: new Map(), byLifeEvent: new Map(), byClerk: new Map(), byStatus: new Map(),
    trend: f.granularity === 'month' ? new Map<string, number>() : null, reached: { delivered: 0, received: 0, closed: 0 }, durations: new Map(), overdueByAgency: new Map(), toAnswer: new Float64Array(0) } as ReturnType<typeof oldAnswer>;
  const add = <K>(m: Map<K, number>, k: K, n: number): void => void m.set(k, (m.get(k) ?? 0) + n);
  const samples = new Map<string, { toDelivery: string[]; toReceipt: string[]; toCompletion: string[] }>();
  const answers: string[] = [];
  const eventIds = new Map<string, string[]>();
  for (const [month, key, kind, stage, n, overdue, toDelivery, toReceipt, toCompletion, toAnswer, ids] of cells) {
    const [item, agency, status, office, clerk, lifeEvent] = key.split('\u001f') as [string, string, string, string, string, string];
    t.total += n;
    if (t.trend) add(t.trend, month, n);
    add(t.byItem, item, n);
    add(t.byOffice, office, n);
    add(t.byClerk, Number(clerk), n);
    add(t.byStatus, status, n);
    const a = t.byAgency.get(agency) ?? { total: 0, byStatus: new Map<string, number>() };
    t.byAgency.set(agency, a);
    a.total += n;
    add(a.byStatus, status, n);
    if (stage >= 1) t.reached.delivered += n;
    if (stage >= 2) t.reached.received += n;
    if (stage === 3) t.reached.closed += n;
    if (stage < 3 && overdue !== null && overdue > 0) add(t.overdueByAgency, agency, overdue);
    const d = samples.get(agency) ?? { toDelivery: [], toReceipt: [], toCompletion: [] };
    samples.set(agency, d);
    if (toDelivery !== null) d.toDelivery.push(toDelivery);
    if (toReceipt !== null) d.toReceipt.push(toReceipt);
    if (toCompletion !== null) d.toCompletion.push(toCompletion);
    if (toAnswer !== null && kind === 'verification') answers.push(toAnswer);
    eventIds.set(lifeEvent, [...(eventIds.get(lifeEvent) ?? []), ids]);
    const le = t.byLifeEvent.get(lifeEvent) ?? { notifications: 0, cases: 0 };
    le.notifications += n;
    t.byLifeEvent.set(lifeEvent, le);
  }
  t.cases = new Set(numbers([...eventIds.values()].flat(), 1)).size;
  for (const [lifeEvent, lists] of eventIds) t.byLifeEvent.get(lifeEvent)!.cases = new Set(numbers(lists, 1)).size;
  t.toAnswer = Float64Array.from(numbers(answers, 1000));
  for (const [agency, d] of samples) {
    t.durations.set(agency, { toDelivery: Float64Array.from(numbers(d.toDelivery, 1000)), toReceipt: Float64Array.from(numbers(d.toReceipt, 1000)), toCompletion: Float64Array.from(numbers(d.toCompletion, 1000)) });
  }
  return t;
}

/** A tally with its sample lists sorted (their order is not a figure) and the monthly trend without the zero-filled periods. */
function comparable(t: Omit<Tally, 'trend'> & { trend: Map<string, number> | null }, granularity: string) {
  const trend = granularity === 'month' && t.trend ? new Map([...t.trend].filter(([, n]) => n > 0)) : null;
  return {
    ...t,
    trend,
    toAnswer: sorted(t.toAnswer),
    durations: new Map([...t.durations].map(([agency, d]) => [agency, { toDelivery: sorted(d.toDelivery), toReceipt: sorted(d.toReceipt), toCompletion: sorted(d.toCompletion) }])),
  };
}

describe('statistics cells after migration 019', () => {
  it('give the same figures as the query they replaced: counts, overdue, funnel, monthly trend, cases per life event and every turnaround sample', () => {
    const clerk = world.clerks[1]!.id;
    const filters: StatsFilterInput[] = [
      { from: '2026-07-20', to: '2026-11-27', granularity: 'month' },
      { from: '2026-08-15', to: '2026-10-10', granularity: 'month' },
      { from: '2026-11-01', to: '2026-11-26', granularity: 'day' },
      { from: '2026-08-27', to: '2026-11-26', granularity: 'week', kind: 'verification' },
      { from: '2026-08-27', to: '2026-11-26', granularity: 'week', clerkId: clerk, status: 'completed' },
      { from: '2026-07-01', to: '2026-11-26', granularity: 'month', item: 'N08' },
      { from: '2026-07-01', to: '2026-11-26', granularity: 'month', agency: 'KH-TAX', office: 'FS01' },
      { from: '2026-07-01', to: '2026-11-26', granularity: 'month', lifeEvent: 'death' },
      { from: '2026-07-01', to: '2026-11-26', granularity: 'month', lifeEvent: 'birth', status: 'received' },
      { from: '2026-08-01', to: '2026-10-31', granularity: 'month', clerkId: world.clerks[2]!.id },
      { from: '2026-07-31', to: '2026-11-01', granularity: 'week', office: 'FS02', kind: 'notification' },
      { from: '2026-09-30', to: '2026-10-01', granularity: 'day', status: 'rejected' },
      { from: '2026-12-01', to: '2026-12-31', granularity: 'month' },
    ];
    let seen = 0;
    for (const input of filters) {
      const f = StatsFilter.parse(input);
      const mine = scanNotifications(ctx, f, filterSql(f), NOW);
      const old = oldAnswer(f);
      seen += old.total;
      expect(comparable(mine, f.granularity), JSON.stringify(input)).toEqual(comparable(old, f.granularity));
    }
    expect(seen).toBeGreaterThan(1500); // the filters saw real data, samples and all
  });

  it('read the statistics indexes alone, an item as a seek within each month, and sort nothing', () => {
    const plan = (sql: string) => (ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    const cells = plan(`SELECT n.stats_cell, COUNT(*), group_concat(n.stats_sample, ';') FROM notifications n INDEXED BY notifications_stats_sample
      WHERE n.stats_month = '2026-09' AND n.stats_cell >= 'N08' AND n.stats_cell < 'N09' AND n.stats_cell GLOB '*' GROUP BY n.stats_cell`);
    expect(cells).toMatch(/INDEX notifications_stats_sample \(stats_month=\? AND stats_cell>\? AND stats_cell<\?\)/);
    const open = plan(`SELECT n.stats_cell, COUNT(*) FROM notifications n INDEXED BY notifications_stats_open
      WHERE n.stats_month = '2026-11' AND n.created_at >= 'a' AND n.closed_at IS NULL AND n.due_at IS NOT NULL AND n.due_at < 'b' GROUP BY n.stats_cell`);
    expect(open).toMatch(/INDEX notifications_stats_open/);
    expect(`${cells} ${open}`).not.toMatch(/TEMP B-TREE/);
  });
});
