import type { StatsFilter } from '../../../shared/stats/dashboard';
import type { FilterSql } from './filter';
import { nextDay } from './period';

/** Separates the parts of a cell key (codes never contain control characters). */
export const CELL_SEP = '\u001f';

/** The parts of `notifications.stats_cell` (migration 019), in order. */
export const CELL_PARTS = ['item', 'agency', 'kind', 'status', 'office', 'clerk', 'lifeEvent', 'stage'] as const;

/** One piece of a statistics period over the cell indexes: its WHERE text (on `n`) and parameters. */
export type PeriodPart = { where: string; params: unknown[] };

/** Every Taipei month `YYYY-MM` from `from` to `to`. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= last) return out;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

/**
 * The filter's period as one piece per Taipei month: a month it covers whole needs no
 * per-notification time check (most of a long period), the one or two it cuts are trimmed by
 * created_at, the same half-open UTC range as filterSql. A piece is one month by equality, so its
 * cells stream in key order with one grouped column (a month per statement costs less than a month
 * list grouped by month and key), and a cell range after it (an item filter) is a seek.
 */
export function periodParts(f: StatsFilter, sql: FilterSql): (PeriodPart & { month: string })[] {
  return monthsBetween(f.from, f.to).map((month) =>
    f.from <= `${month}-01` && nextDay(f.to) >= firstOfNextMonth(month)
      ? { month, where: 'n.stats_month = ?', params: [month] }
      : { month, where: 'n.stats_month = ? AND n.created_at >= ? AND n.created_at < ?', params: [month, sql.fromUtc, sql.toUtc] },
  );
}

/** The first day of the month after `month` (`YYYY-MM`). */
function firstOfNextMonth(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** A literal for GLOB: its wildcard characters bracketed. */
const globLiteral = (s: string): string => s.replace(/[*?[]/g, (c) => `[${c}]`);

/**
 * The filter's codes as conditions on the cell key, so no filter column has to be in the index.
 * An item is the key's first part: a range (`N08␟` ≤ key < `N08 `), which SQLite seeks. The other
 * parts match by position with GLOB: the pattern has exactly as many separators as every key, so
 * each `*` spans exactly one part and a literal can only match its own part. An unset office,
 * clerk or life event on a notification is '' / 0 / '' in the key, which no filter value equals,
 * as `=` on NULL matched nothing before.
 */
export function cellConditions(f: StatsFilter): PeriodPart {
  const wheres: string[] = [];
  const params: unknown[] = [];
  if (f.item !== undefined) {
    wheres.push('n.stats_cell >= ? AND n.stats_cell < ?');
    params.push(f.item + CELL_SEP, f.item + String.fromCharCode(CELL_SEP.charCodeAt(0) + 1));
  }
  const values: Record<(typeof CELL_PARTS)[number], string | number | undefined> = {
    item: undefined, agency: f.agency, kind: f.kind, status: f.status, office: f.office, clerk: f.clerkId, lifeEvent: f.lifeEvent, stage: undefined,
  };
  if (CELL_PARTS.some((p) => values[p] !== undefined)) {
    wheres.push('n.stats_cell GLOB ?');
    params.push(CELL_PARTS.map((p) => (values[p] === undefined ? '*' : globLiteral(String(values[p])))).join(CELL_SEP));
  }
  return { where: wheres.length > 0 ? wheres.join(' AND ') : '1', params };
}
