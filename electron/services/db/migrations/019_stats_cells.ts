import type { Migration } from '../migrate';

/**
 * Statistics in fewer steps per notification (bench stats-1m regressed 74.5 → 222 ms, whole year
 * 153.6 → 438 ms, once migration 011 added the life event to the cell). The dashboard's pass costs
 * per index entry, not per cell: comparing nine grouped columns and feeding six aggregates for
 * every notification of the period was most of it. So each notification carries, computed (virtual,
 * never stale, only its value is stored in the index):
 *
 * - `stats_cell`: the whole cell key (item, agency, kind, status, office, clerk, life event, stage,
 *   separated by char(31), which no code contains), so the pass groups by one column;
 * - `stats_sample`: `case,toDelivery,toReceipt,toCompletion,toAnswer` (milliseconds, empty for
 *   NULL), so a cell's case ids and turnaround samples come out of one group_concat instead of five.
 *
 * notifications_stats_cell replaces notifications_stats_month (migration 011): Taipei month, then
 * the cell, so GROUP BY month, cell streams in index order without a sort; created_at trims the
 * months at either end; the filter columns follow, so any filter is answered from the index.
 *
 * notifications_case gains the columns a filter names, so the documents-spared sum's "has such a
 * notification" probe per case reads the index only, not the row with its payload.
 */
export const m019StatsCells: Migration = {
  version: 19,
  name: 'stats-cells',
  up: `
    ALTER TABLE notifications ADD COLUMN stats_cell TEXT GENERATED ALWAYS AS (
      item_code || char(31) || receiver_agency || char(31) || kind || char(31) || status || char(31) || ifnull(stats_office, '') || char(31)
      || ifnull(stats_clerk, 0) || char(31) || ifnull(stats_life_event, '') || char(31) || stage) VIRTUAL;
    ALTER TABLE notifications ADD COLUMN stats_sample TEXT GENERATED ALWAYS AS (
      case_id || ',' || ifnull(to_delivery_ms, '') || ',' || ifnull(to_receipt_ms, '') || ',' || ifnull(to_completion_ms, '') || ',' || ifnull(to_answer_ms, '')) VIRTUAL;

    DROP INDEX notifications_stats_month;
    CREATE INDEX notifications_stats_cell ON notifications(stats_month, stats_cell, created_at, due_at, stats_sample,
      item_code, receiver_agency, kind, status, stats_office, stats_clerk, stats_life_event);

    DROP INDEX notifications_case;
    CREATE INDEX notifications_case ON notifications(case_id, item_code, receiver_agency, kind, status, stats_office, stats_clerk, stats_life_event);
  `,
};
