import type { ServiceContext } from '../context';
import { officeCalendar } from './calendarFile';
import { fillDueDates, type FillSummary } from './fillDueDates';

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
