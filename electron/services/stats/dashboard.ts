import type { StatsDashboard, StatsFilter } from '../../../shared/stats/dashboard';
import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';
import { documentsSparedByLifeEvent } from './documentsSpared';
import { checkFilterCodes, filterSql } from './filter';
import { clerkNames, nameLookups } from './labels';
import { queryRanking } from './queryRanking';
import { scanNotifications } from './scan';
import { spreadOf } from './spread';

const byCountDesc = <T>(count: (x: T) => number, key: (x: T) => string | number) => (a: T, b: T): number =>
  count(b) - count(a) || String(key(a)).localeCompare(String(key(b)));

const record = (m: Map<string, number>): Record<string, number> => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));

/** The dashboard for a validated filter, without auditing (exports reuse it and audit their own action). */
export function computeDashboard(ctx: ServiceContext, filter: StatsFilter): StatsDashboard {
  const started = performance.now();
  checkFilterCodes(ctx, filter);
  const sql = filterSql(filter);
  const tally = scanNotifications(ctx, filter, sql, ctx.clock.now().toISOString());
  const names = nameLookups(ctx);
  const clerks = clerkNames(ctx, [...tally.byClerk.keys()]);

  const spared = tally.total > 0 ? documentsSparedByLifeEvent(ctx, filter, sql) : new Map<string, number>();
  const overdueByAgency = [...tally.overdueByAgency].map(([agency, count]) => ({ agency, count }));

  return {
    filter: { ...filter },
    total: tally.total,
    cases: tally.cases,
    byItem: [...tally.byItem].map(([item, count]) => ({ item, name: names.item(item), count })).sort(byCountDesc((x) => x.count, (x) => x.item)),
    byAgency: [...tally.byAgency]
      .map(([agency, a]) => ({ agency, name: names.agency(agency), total: a.total, byStatus: record(a.byStatus) }))
      .sort(byCountDesc((x) => x.total, (x) => x.agency)),
    byLifeEvent: [...tally.byLifeEvent]
      .map(([lifeEvent, e]) => ({ lifeEvent, name: names.lifeEvent(lifeEvent), cases: e.cases, notifications: e.notifications, documentsSpared: spared.get(lifeEvent) ?? 0 }))
      .sort(byCountDesc((x) => x.cases, (x) => x.lifeEvent)),
    documentsSpared: [...spared.values()].reduce((a, b) => a + b, 0),
    byOffice: [...tally.byOffice].map(([office, count]) => ({ office, count })).sort(byCountDesc((x) => x.count, (x) => x.office)),
    byClerk: [...tally.byClerk]
      .map(([clerkId, count]) => ({ clerkId, clerk: clerks.get(clerkId) ?? `#${clerkId}`, count }))
      .sort(byCountDesc((x) => x.count, (x) => x.clerkId)),
    byStatus: record(tally.byStatus),
    trend: [...tally.trend].map(([period, count]) => ({ period, count })),
    funnel: [
      { stage: 'created', count: tally.total },
      { stage: 'delivered', count: tally.reached.delivered },
      { stage: 'received', count: tally.reached.received },
      { stage: 'closed', count: tally.reached.closed },
    ],
    turnaround: [...tally.durations]
      .map(([agency, d]) => ({ agency, toDelivery: spreadOf(d.toDelivery), toReceipt: spreadOf(d.toReceipt), toCompletion: spreadOf(d.toCompletion) }))
      .sort((a, b) => a.agency.localeCompare(b.agency)),
    overdue: {
      total: overdueByAgency.reduce((s, x) => s + x.count, 0),
      byAgency: overdueByAgency.sort(byCountDesc((x) => x.count, (x) => x.agency)),
    },
    verification: spreadOf(tally.toAnswer),
    queryRanking: queryRanking(ctx, sql),
    computedMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

/** What the audit keeps of a filter: codes and dates only (no personal data is ever in a filter). */
export const auditedFilter = (f: StatsFilter): Record<string, unknown> => ({ ...f });

/**
 * `stats.dashboard`: computes, then records who looked at which figures. A refused filter (bad
 * dates are refused by the schema before this runs; unknown codes here) writes nothing: it showed no
 * data, and the dispatcher already audits refusals by role.
 */
export function statsDashboard(ctx: ServiceContext, actor: Actor, filter: StatsFilter): StatsDashboard {
  const result = computeDashboard(ctx, filter);
  appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'stats.view',
    detail: { filter: auditedFilter(filter), total: result.total, ms: result.computedMs }, workstation: actor.workstation, ip: actor.ip,
  });
  return result;
}
