import type { StatsFilter } from '../../../shared/stats/dashboard';
import type { ServiceContext } from '../context';
import type { FilterSql } from './filter';

/**
 * 免附書證謄本 per life event: the documents the cases of the filter spared the citizen. It is a
 * per-case figure (cases.documents_spared), so it is summed over cases, not notifications: the
 * cases created in the period (same instant as their notifications) with the filter's office,
 * clerk and event, read from the covering index cases_event_stats (migration 021). When the filter
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
  // Each life event's cases of the period are one range of cases_event_stats (migration 021),
  // so the sum needs no sort by event; the events themselves are walked in the index (each the
  // least one after the last), so an event no catalogue lists any more still counts.
  const rows = ctx.db
    .prepare(
      `WITH RECURSIVE events(code) AS (
         SELECT MIN(life_event) FROM cases INDEXED BY cases_event_stats
         UNION ALL
         SELECT (SELECT MIN(life_event) FROM cases INDEXED BY cases_event_stats WHERE life_event > events.code) FROM events WHERE code IS NOT NULL)
       SELECT e.code, (SELECT SUM(c.documents_spared) FROM cases c INDEXED BY cases_event_stats
                        WHERE c.life_event = e.code AND c.created_at >= ? AND c.created_at < ?${parts.map((p) => ` AND ${p}`).join('')})
         FROM events e WHERE e.code IS NOT NULL`,
    )
    .raw()
    .all(...params) as [string, number | null][];
  // An event with no case in the filter sums to NULL: it is left out, as a GROUP BY would.
  return new Map(rows.filter((r): r is [string, number] => r[1] !== null));
}
