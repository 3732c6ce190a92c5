import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_STATUSES } from '../../../shared/cases/schema';
import { StatsFilter, type StatsFilterInput } from '../../../shared/stats/dashboard';
import { percentile } from '../../../shared/stats/percentile';
import { AppFailure } from '../../../shared/result';
import { isoFromDate } from '../../../shared/validators/rocDate';
import { appendAudit, verifyAuditChain } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';
import { makeContext, TEST_NOW, tempDir } from '../testing/fixtures';
import { computeDashboard, statsDashboard } from './dashboard';
import { generateRecords, seedStaff, type GenRecord, type GenWorld } from './statsFixtures';

const tmp = tempDir('nin1-stats-');
let ctx: ServiceContext;
let world: GenWorld;
let actor: Actor;
const NOW_MS = Date.parse(TEST_NOW); // 2026-11-26T02:30Z
const EDGE_ID_INDEX = 400; // first of the extra records below

beforeAll(() => {
  ctx = makeContext(tmp.file('stats.sqlite'));
  const clerks = seedStaff(ctx);
  const records = generateRecords(ctx, clerks, {
    seed: 7,
    count: 400,
    startMs: Date.parse('2026-10-25T00:00:00Z'),
    endMs: Date.parse('2026-11-26T02:00:00Z'),
    nowMs: NOW_MS,
    extra: [
      // 00:30 on 11-27 in Taipei, though 11-26 in UTC.
      { createdMs: Date.parse('2026-11-26T16:30:00Z'), item: 'N01', clerkId: clerks[0]!.id },
      // 23:59:59.999 on 10-31 in Taipei: outside a November filter by one millisecond.
      { createdMs: Date.parse('2026-10-31T15:59:59.999Z'), item: 'N04', clerkId: clerks[1]!.id },
      // Exactly 00:00 on 11-01 in Taipei: inside.
      { createdMs: Date.parse('2026-10-31T16:00:00.000Z'), item: 'N08', clerkId: clerks[2]!.id },
    ],
  });
  world = { records, clerks, offices: ['FS01', 'FS02'] };
  const supervisor = { id: clerks[0]!.id, username: 'supervisor', displayName: '主任', role: 'supervisor' as const, officeCode: 'FS01' };
  actor = { user: supervisor, workstation: 'FS01-W01', ip: '127.0.0.1' };
  // Lookups for 查詢排行 (and other actions that are not lookups).
  const audit = (who: string, action: string, at: string): void => appendAudit(ctx.db, { at, actorId: null, actor: who, action });
  for (let i = 0; i < 5; i++) audit('clerk', 'person.view', `2026-11-0${i + 2}T03:00:00.000Z`);
  for (let i = 0; i < 3; i++) audit('clerk2', 'case.search', `2026-11-1${i}T03:00:00.000Z`);
  audit('clerk2', 'attachment.view', '2026-11-20T03:00:00.000Z');
  audit('clerk3', 'case.print', '2026-11-21T03:00:00.000Z');
  audit('clerk3', 'case.search', '2026-10-31T15:59:00.000Z'); // 10-31 in Taipei: outside
  audit('clerk3', 'session.login', '2026-11-21T03:00:00.000Z'); // not a lookup
});
afterAll(() => {
  ctx.db.close();
  tmp.cleanup();
});

const parse = (f: StatsFilterInput): StatsFilter => StatsFilter.parse(f);

// ---- The expected answers, computed from the records with plain loops and Intl (not the SQL under test).
const taipeiDay = (ms: number): string => isoFromDate(new Date(ms));
const matches = (r: GenRecord, f: StatsFilter): boolean => {
  const day = taipeiDay(r.createdMs);
  return day >= f.from && day <= f.to && (f.item === undefined || r.item === f.item) && (f.agency === undefined || r.agency === f.agency)
    && (f.kind === undefined || r.kind === f.kind) && (f.status === undefined || r.status === f.status)
    && (f.office === undefined || r.office === f.office) && (f.clerkId === undefined || r.clerkId === f.clerkId)
    && (f.lifeEvent === undefined || r.lifeEvent === f.lifeEvent);
};
const countBy = <K>(rs: GenRecord[], key: (r: GenRecord) => K): Map<K, number> => {
  const m = new Map<K, number>();
  for (const r of rs) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return m;
};
const spread = (xs: number[]) => (xs.length === 0 ? { n: 0, medianS: null, p90S: null } : { n: xs.length, medianS: percentile(xs, 50), p90S: percentile(xs, 90) });
const nonNull = (xs: (number | null)[]): number[] => xs.filter((x): x is number => x !== null);

function expected(f: StatsFilter) {
  const rs = world.records.filter((r) => matches(r, f));
  const agencies = [...new Set(rs.map((r) => r.agency))].sort();
  const furthest = (r: GenRecord): number => (r.closedAfterS !== null ? 3 : r.receivedAfterS !== null ? 2 : r.deliveredAfterS !== null ? 1 : 0);
  const overdue = rs.filter((r) => r.dueMs !== null && r.dueMs < NOW_MS && r.closedAfterS === null);
  return {
    rs,
    total: rs.length,
    cases: new Set(rs.map((r) => r.caseKey)).size,
    byItem: countBy(rs, (r) => r.item),
    byAgency: countBy(rs, (r) => r.agency),
    byAgencyStatus: countBy(rs, (r) => `${r.agency}/${r.status}`),
    byOffice: countBy(rs, (r) => r.office),
    byClerk: countBy(rs, (r) => r.clerkId),
    byStatus: countBy(rs, (r) => r.status),
    byDay: countBy(rs, (r) => taipeiDay(r.createdMs)),
    funnel: [0, 1, 2, 3].map((k) => rs.filter((r) => furthest(r) >= k).length),
    turnaround: agencies.map((agency) => {
      const mine = rs.filter((r) => r.agency === agency);
      return {
        agency,
        toDelivery: spread(nonNull(mine.map((r) => r.deliveredAfterS))),
        toReceipt: spread(nonNull(mine.map((r) => r.receivedAfterS))),
        toCompletion: spread(nonNull(mine.map((r) => r.closedAfterS))),
      };
    }),
    overdueTotal: overdue.length,
    overdueByAgency: countBy(overdue, (r) => r.agency),
    verification: spread(nonNull(rs.filter((r) => r.kind === 'verification' && r.deliveredAfterS !== null).map((r) => r.answerAfterS))),
    byLifeEvent: byLifeEvent(rs),
  };
}

/** Per life event: cases, notifications, and documents spared counted once per case. */
function byLifeEvent(rs: GenRecord[]): Map<string, { cases: number; notifications: number; documentsSpared: number }> {
  const out = new Map<string, { cases: number; notifications: number; documentsSpared: number }>();
  const seen = new Set<number>();
  for (const r of rs) {
    const e = out.get(r.lifeEvent) ?? { cases: 0, notifications: 0, documentsSpared: 0 };
    e.notifications++;
    if (!seen.has(r.caseKey)) {
      seen.add(r.caseKey);
      e.cases++;
      e.documentsSpared += r.documentsSpared;
    }
    out.set(r.lifeEvent, e);
  }
  return out;
}
const lifeEventsOf = (d: { byLifeEvent: { lifeEvent: string; cases: number; notifications: number; documentsSpared: number }[] }) =>
  new Map(d.byLifeEvent.map(({ lifeEvent, cases, notifications, documentsSpared }) => [lifeEvent, { cases, notifications, documentsSpared }]));

const asMap = <T>(rows: T[], key: (x: T) => string | number, value: (x: T) => number): Map<string | number, number> => new Map(rows.map((x) => [key(x), value(x)]));

describe('stats.dashboard against a generated data set with known answers', () => {
  it('the data set is what the tests assume (enough of every kind of record)', () => {
    const e = expected(parse({ from: '2026-11-01', to: '2026-11-27' }));
    expect(e.total).toBeGreaterThan(250);
    expect(e.overdueTotal).toBeGreaterThan(5);
    expect(e.verification.n).toBeGreaterThan(5);
    expect(e.byStatus.size).toBeGreaterThanOrEqual(6);
  });

  it('every figure of a November dashboard matches the independently computed answer', () => {
    const f = parse({ from: '2026-11-01', to: '2026-11-27', granularity: 'day' });
    const d = computeDashboard(ctx, f);
    const e = expected(f);
    expect(d.total).toBe(e.total);
    expect(d.cases).toBe(e.cases);
    expect(asMap(d.byItem, (x) => x.item, (x) => x.count)).toEqual(e.byItem);
    expect(d.byItem.find((x) => x.item === 'N01')?.name).toBe('稅單投遞地址變更');
    expect(asMap(d.byAgency, (x) => x.agency, (x) => x.total)).toEqual(e.byAgency);
    const agencyStatus = new Map(d.byAgency.flatMap((a) => Object.entries(a.byStatus).map(([s, n]) => [`${a.agency}/${s}`, n] as const)));
    expect(agencyStatus).toEqual(e.byAgencyStatus);
    expect(asMap(d.byOffice, (x) => x.office, (x) => x.count)).toEqual(e.byOffice);
    expect(asMap(d.byClerk, (x) => x.clerkId, (x) => x.count)).toEqual(e.byClerk);
    expect(d.byClerk.map((c) => c.clerk).sort()).toEqual(world.clerks.filter((c) => e.byClerk.has(c.id)).map((c) => c.name).sort());
    expect(new Map(Object.entries(d.byStatus))).toEqual(e.byStatus);
    // Sorted by count, largest first.
    expect(d.byItem.map((x) => x.count)).toEqual([...d.byItem.map((x) => x.count)].sort((a, b) => b - a));
    // Trend: one point per day, zero-filled, in order.
    expect(d.trend.map((t) => t.period)).toEqual(Array.from({ length: 27 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`));
    expect(d.trend.map((t) => t.count)).toEqual(d.trend.map((t) => e.byDay.get(t.period) ?? 0));
    // Days with nothing are points of zero, not missing (no data after 11-27).
    const toMonthEnd = computeDashboard(ctx, parse({ from: '2026-11-27', to: '2026-11-30' }));
    expect(toMonthEnd.trend).toEqual([{ period: '2026-11-27', count: 1 }, { period: '2026-11-28', count: 0 }, { period: '2026-11-29', count: 0 }, { period: '2026-11-30', count: 0 }]);
    expect(d.funnel).toEqual([
      { stage: 'created', count: e.funnel[0] },
      { stage: 'delivered', count: e.funnel[1] },
      { stage: 'received', count: e.funnel[2] },
      { stage: 'closed', count: e.funnel[3] },
    ]);
    expect(d.turnaround).toEqual(e.turnaround);
    expect(d.overdue.total).toBe(e.overdueTotal);
    expect(asMap(d.overdue.byAgency, (x) => x.agency, (x) => x.count)).toEqual(e.overdueByAgency);
    expect(d.verification).toEqual(e.verification);
    expect(d.queryRanking).toEqual([
      { actor: 'clerk', count: 5 },
      { actor: 'clerk2', count: 4 },
      { actor: 'clerk3', count: 1 },
    ]);
    expect(d.computedMs).toBeGreaterThan(0);
  });

  it('honours each filter alone and together', () => {
    const base = { from: '2026-10-25', to: '2026-11-27' };
    const filters: StatsFilterInput[] = [
      { ...base, item: 'N04' },
      { ...base, item: 'V01' },
      { ...base, agency: 'KH-TAX' },
      { ...base, agency: 'KH-FIRE' }, // a real agency nobody notified: zero, not an error
      { ...base, office: 'FS02' },
      { ...base, clerkId: world.clerks[1]!.id },
      { ...base, kind: 'verification' },
      { ...base, kind: 'notification', agency: 'KH-TAX', office: 'FS01' },
      ...NOTIFICATION_STATUSES.map((status) => ({ ...base, status })),
      { from: '2026-11-10', to: '2026-11-12', clerkId: world.clerks[0]!.id, status: 'completed' as const },
    ];
    for (const input of filters) {
      const f = parse(input);
      const d = computeDashboard(ctx, f);
      const e = expected(f);
      const label = JSON.stringify(input);
      expect(d.total, label).toBe(e.total);
      expect(d.cases, label).toBe(e.cases);
      expect(asMap(d.byItem, (x) => x.item, (x) => x.count), label).toEqual(e.byItem);
      expect(asMap(d.byClerk, (x) => x.clerkId, (x) => x.count), label).toEqual(e.byClerk);
      expect(d.turnaround, label).toEqual(e.turnaround);
      expect(d.overdue.total, label).toBe(e.overdueTotal);
      expect(d.verification, label).toEqual(e.verification);
      expect(d.funnel.map((s) => s.count), label).toEqual(e.funnel);
    }
    expect(computeDashboard(ctx, parse({ ...base, agency: 'KH-FIRE' })).total).toBe(0);
  });

  it('finding 2: statistics split by life event — cases, notifications and documents spared per event, under every filter, and a lifeEvent filter', () => {
    const base = { from: '2026-10-25', to: '2026-11-27' };
    const filters: StatsFilterInput[] = [
      { ...base, granularity: 'day' },
      { ...base, granularity: 'month' },
      { ...base, lifeEvent: 'death' },
      { ...base, lifeEvent: 'assistance', granularity: 'week' },
      { ...base, lifeEvent: 'birth', agency: 'KH-TAX' },
      { ...base, item: 'N04' },
      { ...base, office: 'FS02', status: 'completed' },
      { ...base, clerkId: world.clerks[1]!.id, kind: 'verification' },
    ];
    for (const input of filters) {
      const f = parse(input);
      const d = computeDashboard(ctx, f);
      const e = expected(f);
      const label = JSON.stringify(input);
      expect(lifeEventsOf(d), label).toEqual(e.byLifeEvent);
      expect(d.total, label).toBe(e.total);
      expect(d.byLifeEvent.reduce((n, x) => n + x.cases, 0), label).toBe(d.cases);
      expect(d.documentsSpared, label).toBe([...e.byLifeEvent.values()].reduce((n, x) => n + x.documentsSpared, 0));
      expect(d.trend.reduce((n, t) => n + t.count, 0), label).toBe(e.total);
      if (f.lifeEvent) expect(d.byLifeEvent.map((x) => x.lifeEvent), label).toEqual(e.total > 0 ? [f.lifeEvent] : []);
    }
    const all = computeDashboard(ctx, parse(base));
    expect(all.byLifeEvent.map((x) => x.lifeEvent).sort()).toEqual(['assistance', 'birth', 'death', 'move']);
    expect(all.byLifeEvent.find((x) => x.lifeEvent === 'death')?.name).toBe('家人身後事');
    expect(all.documentsSpared).toBeGreaterThan(0);
  });

  it('counts by Taipei calendar day: 2026-11-26T16:30Z is 11-27, 2026-10-31T16:00Z is 11-01', () => {
    const edge = world.records[EDGE_ID_INDEX]!;
    expect(new Date(edge.createdMs).toISOString()).toBe('2026-11-26T16:30:00.000Z');
    const day27 = computeDashboard(ctx, parse({ from: '2026-11-27', to: '2026-11-27' }));
    expect(day27.total).toBe(1);
    expect(day27.trend).toEqual([{ period: '2026-11-27', count: 1 }]);
    const upTo26 = computeDashboard(ctx, parse({ from: '2026-11-26', to: '2026-11-26' }));
    expect(upTo26.total).toBe(expected(parse({ from: '2026-11-26', to: '2026-11-26' })).total);
    const nov1 = computeDashboard(ctx, parse({ from: '2026-11-01', to: '2026-11-01', item: 'N08', clerkId: world.clerks[2]!.id }));
    expect(nov1.total).toBe(expected(parse({ from: '2026-11-01', to: '2026-11-01', item: 'N08', clerkId: world.clerks[2]!.id })).total);
    const oct31 = computeDashboard(ctx, parse({ from: '2026-10-31', to: '2026-10-31' }));
    expect(oct31.total).toBe(expected(parse({ from: '2026-10-31', to: '2026-10-31' })).total);
    expect(oct31.byItem.some((x) => x.item === 'N04')).toBe(true);
  });

  it('week and month trends are zero-filled ISO weeks and calendar months', () => {
    const f = parse({ from: '2026-10-25', to: '2026-11-27', granularity: 'week' });
    const d = computeDashboard(ctx, f);
    expect(d.trend.map((t) => t.period)).toEqual(['2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    expect(d.trend.reduce((s, t) => s + t.count, 0)).toBe(d.total);
    const m = computeDashboard(ctx, parse({ from: '2026-10-25', to: '2026-11-27', granularity: 'month' }));
    const e = expected(parse({ from: '2026-10-25', to: '2026-11-27' }));
    const oct = e.rs.filter((r) => taipeiDay(r.createdMs) < '2026-11-01').length;
    expect(m.trend).toEqual([{ period: '2026-10', count: oct }, { period: '2026-11', count: e.total - oct }]);
  });

  it('unknown codes are refused with a typed zh-TW error, and a refused call writes no audit row', () => {
    const auditRows = (): number => ctx.db.prepare('SELECT COUNT(*) FROM audit').pluck().get() as number;
    const before = auditRows();
    const refused = (input: StatsFilterInput): AppFailure['error'] => {
      try {
        statsDashboard(ctx, actor, parse(input));
      } catch (e) {
        if (e instanceof AppFailure) return e.error;
        throw e;
      }
      throw new Error('not refused');
    };
    expect(refused({ from: '2026-11-01', to: '2026-11-27', item: 'N99' })).toEqual({ code: 'STATS_ITEM_UNKNOWN', message: '查無通報項目代碼「N99」', path: 'item' });
    expect(refused({ from: '2026-11-01', to: '2026-11-27', agency: 'KH-NOPE' }).code).toBe('STATS_AGENCY_UNKNOWN');
    expect(refused({ from: '2026-11-01', to: '2026-11-27', office: 'ZZ99' }).code).toBe('STATS_OFFICE_UNKNOWN');
    expect(refused({ from: '2026-11-01', to: '2026-11-27', clerkId: 9999 }).code).toBe('STATS_CLERK_UNKNOWN');
    expect(refused({ from: '2026-11-01', to: '2026-11-27', lifeEvent: 'wedding' })).toEqual({ code: 'STATS_LIFE_EVENT_UNKNOWN', message: '查無生活事件代碼「wedding」', path: 'lifeEvent' });
    expect(auditRows()).toBe(before);
    // from > to never reaches the service: the shared schema refuses it (the dispatcher test covers the call).
    const bad = StatsFilter.safeParse({ from: '2026-11-27', to: '2026-11-01' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('起日不可晚於迄日');
  });

  it('each dashboard call writes one stats.view audit row with the filter and no personal data; the chain still verifies', () => {
    const f = parse({ from: '2026-11-01', to: '2026-11-27', agency: 'KH-TAX', granularity: 'week' });
    const d = statsDashboard(ctx, actor, f);
    const row = ctx.db.prepare("SELECT actor, action, detail, case_no, person_ref FROM audit WHERE action = 'stats.view' ORDER BY id DESC LIMIT 1").get() as Record<string, string | null>;
    expect(row.actor).toBe('supervisor');
    expect(row.case_no).toBeNull();
    expect(row.person_ref).toBeNull();
    const detail = JSON.parse(row.detail!) as { filter: Record<string, unknown>; total: number };
    expect(detail.filter).toEqual({ from: '2026-11-01', to: '2026-11-27', agency: 'KH-TAX', granularity: 'week' });
    expect(detail.total).toBe(d.total);
    expect(verifyAuditChain(ctx.db).ok).toBe(true);
  });
});
