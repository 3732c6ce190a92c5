import type { OfficeCalendar } from '../../../shared/overdue/calendar';
import type { ServiceContext } from '../context';
import { deadlineBasis } from '../../../shared/overdue/deadline';
import { withoutFsync } from '../sync/outbox';
import { readState, writeState } from '../sync/state';
import { deadlineCalculator } from './deadlines';

export type FillSummary = { filled: number; unknownItems: number; /** Where to resume (rowid), or null when done. */ next: number | null };

const PAGE = 2_000;

/**
 * Fills notifications.due_at (the receiving agency's deadline) for delivered rows that have none.
 * `open` (after a sync drain or a page of changes): only rows not closed — the partial index
 * notifications_due(due_at) WHERE closed_at IS NULL finds them without a scan, so this is cheap to
 * call often. `all` (startup): every delivered row, including ones delivered and closed in the same
 * pull before a fill ran (statistics count "closed late" from due_at too). Idempotent: a fill never
 * rewrites a due_at; a changed calendar or limit is resetOnBasisChange's job at start.
 */
export function fillDueDates(
  ctx: Pick<ServiceContext, 'db' | 'catalogue' | 'logger'>, calendar: OfficeCalendar, scope: 'open' | 'all' = 'open', page: { after?: number; maxPages?: number; size?: number } = {},
): FillSummary {
  const days = new Map(ctx.catalogue.items.map((i) => [i.code, i.processingDays]));
  const deadline = deadlineCalculator(calendar, ctx.logger);
  const select = ctx.db.prepare(
    `SELECT rowid AS rid, id, item_code, delivered_at FROM notifications
     WHERE due_at IS NULL ${scope === 'open' ? 'AND closed_at IS NULL' : ''} AND delivered_at IS NOT NULL AND rowid > ?
     ORDER BY rowid LIMIT ?`,
  );
  const update = ctx.db.prepare('UPDATE notifications SET due_at = ? WHERE id = ? AND due_at IS NULL');
  const summary: FillSummary = { filled: 0, unknownItems: 0, next: null };
  const unknown = new Set<string>();
  const size = page.size ?? PAGE;
  let after = page.after ?? 0;
  for (let pages = 0; ; pages++) {
    if (page.maxPages !== undefined && pages >= page.maxPages) {
      summary.next = after;
      break;
    }
    const rows = select.all(after, size) as { rid: number; id: string; item_code: string; delivered_at: string }[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.rid;
    // No fsync per page: a fill lost to a power cut is recomputed by the next one (like sync acks).
    withoutFsync(ctx.db, () => ctx.db.transaction(() => {
      for (const r of rows) {
        const n = days.get(r.item_code);
        const delivered = new Date(r.delivered_at);
        if (n === undefined || Number.isNaN(delivered.getTime())) {
          // An item retired from the catalogue: no limit to count; left NULL (never overdue) and reported.
          summary.unknownItems++;
          unknown.add(r.item_code);
          continue;
        }
        summary.filled += update.run(deadline(delivered, n).dueAt.toISOString(), r.id).changes;
      }
    }).immediate());
    if (rows.length < size) break;
  }
  if (unknown.size > 0) ctx.logger.warn({ items: [...unknown], rows: summary.unknownItems }, '通報項目不在服務目錄中，無法計算處理時限');
  return summary;
}

const BASIS_KEY = 'overdue.deadline-basis';

/**
 * At start: when the calendar's days or an item's limit changed since the deadlines were computed
 * (IT added a typhoon day off, a new year's table), open notifications lose their due_at so the
 * fill recomputes them under §48; closed ones keep the deadline they were judged by. Returns how
 * many were reset. Kept in sync_state (the counter's small key-value table).
 */
export function resetOnBasisChange(ctx: Pick<ServiceContext, 'db' | 'catalogue' | 'clock'>, calendar: OfficeCalendar): number {
  const basis = deadlineBasis(calendar, ctx.catalogue.items);
  if (readState(ctx.db, BASIS_KEY) === basis) return 0;
  return ctx.db.transaction(() => {
    const n = ctx.db.prepare('UPDATE notifications SET due_at = NULL WHERE closed_at IS NULL AND due_at IS NOT NULL').run().changes;
    writeState(ctx.db, BASIS_KEY, basis, ctx.clock.now().toISOString());
    return n;
  }).immediate();
}
