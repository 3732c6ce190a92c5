import type { Migration } from '../migrate';

/**
 * Statistics read narrower indexes (stats-1m, after migration 019). A pass costs per index entry
 * and per byte: notifications_stats_cell carried created_at, due_at and seven filter columns on
 * every entry, for every month of the period, though most months need none of them.
 *
 * - notifications_stats_sample holds only what every notification adds (Taipei month, the cell
 *   key, the packed samples) and created_at last, read only for the months at either end of a
 *   period that a filter cuts. Filters match the cell key itself (an item as a key prefix, so it
 *   is a seek; the other parts by position), so no filter column is needed.
 * - notifications_stats_open: 逾時 (overdue) can only be open and delivered notifications, so
 *   their deadlines live in an index of those alone (closed ones leave it).
 */
export const m020StatsSamplesOpen: Migration = {
  version: 20,
  name: 'stats-samples-open',
  up: `
    DROP INDEX notifications_stats_cell;
    CREATE INDEX notifications_stats_sample ON notifications(stats_month, stats_cell, stats_sample, created_at);
    CREATE INDEX notifications_stats_open ON notifications(stats_month, stats_cell, due_at, created_at) WHERE closed_at IS NULL AND due_at IS NOT NULL;
  `,
};
