import type { Migration } from '../migrate';

/**
 * Statistics per life event (issue 12). The case's life event is copied onto each notification
 * (`stats_life_event`), as office and clerk already are (migration 005), so the dashboard splits and
 * filters by event from the same covering index pass, with no join to cases (a join probes cases
 * once per notification: most of the cost over a million rows). A case never changes its event, so
 * the copy cannot go stale. The save supplies it; the trigger fills it for a writer that does not.
 *
 * Both statistics indexes are rebuilt with the new column (they must cover every column the
 * dashboard reads). `cases_stats` covers the documents-spared sum (免附書證謄本, a per-case figure)
 * over a period without reading case rows.
 */
export const m011StatsLifeEvent: Migration = {
  version: 11,
  name: 'stats-life-event',
  up: `
    ALTER TABLE notifications ADD COLUMN stats_life_event TEXT;
    UPDATE notifications SET stats_life_event = (SELECT life_event FROM cases WHERE id = notifications.case_id);

    DROP TRIGGER notifications_stats_case;
    CREATE TRIGGER notifications_stats_case AFTER INSERT ON notifications
    WHEN NEW.stats_office IS NULL OR NEW.stats_clerk IS NULL OR NEW.stats_life_event IS NULL BEGIN
      UPDATE notifications SET stats_office = (SELECT office_code FROM cases WHERE id = NEW.case_id),
                               stats_clerk = (SELECT clerk_id FROM cases WHERE id = NEW.case_id),
                               stats_life_event = (SELECT life_event FROM cases WHERE id = NEW.case_id)
      WHERE id = NEW.id;
    END;

    DROP INDEX notifications_stats;
    CREATE INDEX notifications_stats ON notifications(created_at, item_code, receiver_agency, kind, status, stats_office, stats_clerk, stats_life_event);
    DROP INDEX notifications_stats_month;
    CREATE INDEX notifications_stats_month ON notifications(stats_month, item_code, receiver_agency, kind, status, stats_office, stats_clerk, stats_life_event, stage, created_at, due_at, to_delivery_ms, to_receipt_ms, to_completion_ms, to_answer_ms, case_id);

    CREATE INDEX cases_stats ON cases(created_at, life_event, office_code, clerk_id, documents_spared);
  `,
};
