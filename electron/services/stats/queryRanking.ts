import type { ServiceContext } from '../context';
import type { FilterSql } from './filter';

/** Audit actions that look a person or their case up: what 查詢排行 ranks. */
export const QUERY_ACTIONS = ['person.view', 'case.search', 'case.print', 'attachment.view'] as const;

const TOP = 20;

/**
 * 查詢排行: who looked people up most in the period (the audit's own `at`, same Taipei-day range).
 * Only the period applies: a search is not tied to one item or agency.
 */
export function queryRanking(ctx: ServiceContext, sql: FilterSql): { actor: string; count: number }[] {
  return ctx.db
    .prepare(
      `SELECT actor, COUNT(*) AS count FROM audit
        WHERE action IN (SELECT value FROM json_each(?)) AND at >= ? AND at < ?
        GROUP BY actor ORDER BY count DESC, actor LIMIT ${TOP}`,
    )
    .all(JSON.stringify(QUERY_ACTIONS), sql.fromUtc, sql.toUtc) as { actor: string; count: number }[];
}
