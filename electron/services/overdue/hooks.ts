import type { ServiceContext } from '../context';
import { officeCalendar } from './calendarFile';
import { fillDueDates, resetOnBasisChange, type FillSummary } from './fillDueDates';

/**
 * The fill as the sync engine and the app start call it: a failure is logged, never thrown — a
 * missing deadline must not stop a drain or a start (the next fill picks the rows up again).
 */
export function fillDueDatesSafely(ctx: ServiceContext, scope: 'open' | 'all'): FillSummary | null {
  try {
    const s = fillDueDates(ctx, officeCalendar(), scope);
    if (s.filled > 0) ctx.logger.debug({ module: 'overdue', scope, filled: s.filled }, 'deadlines filled');
    return s;
  } catch (e) {
    ctx.logger.error({ module: 'overdue', err: (e as Error).message }, 'filling deadlines failed');
    return null;
  }
}

/**
 * At start: open rows' deadlines recomputed if the calendar or a limit changed, open rows filled synchronously (the partial index makes it ~1 ms; the overdue list needs
 * them), then every delivered row — closed ones included, for "closed late" statistics — in small
 * pages off the start path. The first start after upgrading a database with a year of history
 * backfills ~100 µs per row (the row's indexes are rewritten), so it must not block the window.
 */
export function startDueDateFill(ctx: ServiceContext, pageRows = 500, pauseMs = 20): { stop(): void } {
  try {
    const reset = resetOnBasisChange(ctx, officeCalendar());
    if (reset > 0) ctx.logger.info({ module: 'overdue', reset }, '辦公日曆或處理時限已變更：重新計算未結案通報的處理期限');
  } catch (e) {
    ctx.logger.error({ module: 'overdue', err: (e as Error).message }, 'deadline basis check failed');
  }
  fillDueDatesSafely(ctx, 'open');
  let timer: NodeJS.Timeout | null = null;
  let after = 0;
  let total = 0;
  const step = () => {
    timer = null;
    try {
      const s = fillDueDates(ctx, officeCalendar(), 'all', { after, maxPages: 1, size: pageRows });
      total += s.filled;
      if (s.next === null) {
        if (total > 0) ctx.logger.info({ module: 'overdue', filled: total }, 'deadlines backfilled');
        return;
      }
      after = s.next;
      timer = setTimeout(step, pauseMs);
      timer.unref();
    } catch (e) {
      ctx.logger.error({ module: 'overdue', err: (e as Error).message }, 'deadline backfill stopped');
    }
  };
  timer = setTimeout(step, pauseMs);
  timer.unref();
  return {
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
