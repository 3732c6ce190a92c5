import type { Logger } from 'pino';
import type { Catalogue } from '../../shared/catalogue/schema';
import type { OfficeCalendar } from '../../shared/overdue/calendar';
import { deadlineBasis, isOverdue } from '../../shared/overdue/deadline';
import type { InboxEntry } from '../../shared/platform/wire';
import { officeCalendar } from '../../electron/services/overdue/calendarFile';
import { deadlineCalculator } from '../../electron/services/overdue/deadlines';

/**
 * The platform's deadlines, from the same shared rule and calendar data as the counter: the platform
 * is the source of truth for the agency's inbox, the counter for its own case view and list.
 */
export type PlatformDeadlines = {
  /** End of the last day (ms), or null for an item the catalogue does not know. */
  dueMs(itemCode: string, deliveredMs: number): number | null;
  /** What the deadlines depend on (calendar days, limits): stored deadlines of open rows are recomputed when it changes. */
  readonly basis: string;
  /** The inbox row with `dueAt` and `overdue` as of `now`. */
  annotate(entry: InboxEntry, now: Date): InboxEntry;
};

export function platformDeadlines(catalogue: Catalogue, calendar: OfficeCalendar, logger: Pick<Logger, 'warn'>): PlatformDeadlines {
  const days = new Map(catalogue.items.map((i) => [i.code, i.processingDays]));
  const deadline = deadlineCalculator(calendar, logger);
  const dueMs = (itemCode: string, deliveredMs: number): number | null => {
    const n = days.get(itemCode);
    return n === undefined ? null : deadline(new Date(deliveredMs), n).dueAt.getTime();
  };
  return {
    dueMs,
    basis: deadlineBasis(calendar, catalogue.items),
    annotate(entry, now) {
      const ms = dueMs(entry.itemCode, Date.parse(entry.deliveredAt));
      const dueAt = ms === null ? null : new Date(ms).toISOString();
      return { ...entry, dueAt, overdue: isOverdue(dueAt, entry.status === 'completed' || entry.status === 'rejected', now) };
    },
  };
}

const perCatalogue = new WeakMap<Catalogue, PlatformDeadlines>();

/**
 * One calculator per loaded catalogue (routes get the catalogue from the config), over the installed
 * calendar file — loaded and validated once per process, at platform start.
 */
export function deadlinesFor(catalogue: Catalogue, logger: Pick<Logger, 'warn'>): PlatformDeadlines {
  let d = perCatalogue.get(catalogue);
  if (!d) {
    d = platformDeadlines(catalogue, officeCalendar(), logger);
    perCatalogue.set(catalogue, d);
  }
  return d;
}
