import type { StatsFilter } from '../../../shared/stats/dashboard';
import { AppFailure } from '../../../shared/result';
import type { ServiceContext } from '../context';
import { nextDay, taipeiDayStartUtc } from './period';

/** A validated filter turned into SQL over `notifications n`: the WHERE text and its parameters. */
export type FilterSql = {
  where: string;
  params: unknown[];
  fromUtc: string;
  toUtc: string;
  /** The conditions other than the period (always at least `1`), for queries that bound the period themselves. */
  rest: string;
  restParams: unknown[];
};

const refuse = (code: string, message: string, path: string): never => {
  throw new AppFailure({ code, message, path });
};

/**
 * Checks the codes against the catalogue and this file's offices/users: a mistyped code must say so,
 * not answer "0 件" and let a supervisor report a false zero.
 */
export function checkFilterCodes(ctx: ServiceContext, f: StatsFilter): void {
  if (f.item !== undefined && !ctx.catalogue.items.some((i) => i.code === f.item)) {
    refuse('STATS_ITEM_UNKNOWN', `查無通報項目代碼「${f.item}」`, 'item');
  }
  if (f.agency !== undefined && !ctx.catalogue.agencies.some((a) => a.code === f.agency)) {
    refuse('STATS_AGENCY_UNKNOWN', `查無機關代碼「${f.agency}」`, 'agency');
  }
  if (f.lifeEvent !== undefined && !ctx.catalogue.lifeEvents.some((e) => e.code === f.lifeEvent)) {
    refuse('STATS_LIFE_EVENT_UNKNOWN', `查無生活事件代碼「${f.lifeEvent}」`, 'lifeEvent');
  }
  if (f.office !== undefined && !ctx.db.prepare('SELECT 1 FROM offices WHERE code = ?').get(f.office)) {
    refuse('STATS_OFFICE_UNKNOWN', `查無戶政事務所代碼「${f.office}」`, 'office');
  }
  if (f.clerkId !== undefined && !ctx.db.prepare('SELECT 1 FROM users WHERE id = ?').get(f.clerkId)) {
    refuse('STATS_CLERK_UNKNOWN', `查無承辦人（編號 ${f.clerkId}）`, 'clerkId');
  }
}

/**
 * WHERE clause for the notifications in the filter. The period is a half-open UTC range of
 * created_at (ISO strings sort as instants), so the range is one seek on the covering index.
 */
export function filterSql(f: StatsFilter): FilterSql {
  const fromUtc = taipeiDayStartUtc(f.from);
  const toUtc = taipeiDayStartUtc(nextDay(f.to));
  const parts: string[] = [];
  const params: unknown[] = [];
  const eq = (column: string, value: unknown): void => {
    if (value === undefined) return;
    parts.push(`${column} = ?`);
    params.push(value);
  };
  eq('n.item_code', f.item);
  eq('n.receiver_agency', f.agency);
  eq('n.kind', f.kind);
  eq('n.status', f.status);
  eq('n.stats_office', f.office);
  eq('n.stats_clerk', f.clerkId);
  eq('n.stats_life_event', f.lifeEvent);
  const rest = parts.length > 0 ? parts.join(' AND ') : '1';
  return { where: `n.created_at >= ? AND n.created_at < ? AND ${rest}`, params: [fromUtc, toUtc, ...params], fromUtc, toUtc, rest, restParams: params };
}
