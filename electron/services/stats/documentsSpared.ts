import type { StatsFilter } from '../../../shared/stats/dashboard';
import type { ServiceContext } from '../context';
import type { FilterSql } from './filter';

/**
 * 免附書證謄本 per life event: the documents the cases of the filter spared the citizen. It is a
 * per-case figure (cases.documents_spared), so it is summed over cases, not notifications: the
 * cases created in the period (same instant as their notifications) with the filter's office,
 * clerk and event, read from the covering index cases_stats (migration 011). When the filter
 * names an item, agency, kind or status, only cases with such a notification count, as in the
 * dashboard's case count.
 */
export function documentsSparedByLifeEvent(ctx: ServiceContext, f: StatsFilter, sql: FilterSql): Map<string, number> {
  const parts: string[] = [];
  const params: unknown[] = [sql.fromUtc, sql.toUtc];
  const eq = (column: string, value: unknown): void => {
    if (value === undefined) return;
    parts.push(`${column} = ?`);
    params.push(value);
  };
  eq('c.office_code', f.office);
  eq('c.clerk_id', f.clerkId);
  eq('c.life_event', f.lifeEvent);
  const perNotification = f.item !== undefined || f.agency !== undefined || f.kind !== undefined || f.status !== undefined;
  if (perNotification) {
    parts.push(`EXISTS (SELECT 1 FROM notifications n WHERE n.case_id = c.id AND ${sql.rest})`);
    params.push(...sql.restParams);
  }
  const rows = ctx.db
    .prepare(
      `SELECT c.life_event, SUM(c.documents_spared) FROM cases c INDEXED BY cases_stats
        WHERE c.created_at >= ? AND c.created_at < ?${parts.map((p) => ` AND ${p}`).join('')}
        GROUP BY c.life_event`,
    )
    .raw()
    .all(...params) as [string, number][];
  return new Map(rows);
}
