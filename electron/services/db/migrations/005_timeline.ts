import type { Migration } from '../migrate';

/**
 * Lifecycle milestones on the notification row (issue 7: statistics and 逾時未回報檢核). The events
 * table stays the history; these columns are a projection of it that a trigger keeps, so turnaround
 * statistics over a million notifications read one row each instead of four events, and no code
 * path that records a status can forget to update them. The first `delivered`/`received` wins (a
 * replayed change never moves a milestone); `closed_at` is the first `completed` or `rejected`.
 *
 * `due_at` (the receiving agency's deadline, 行政程序法 §48 with the office calendar) needs the
 * catalogue and the holiday calendar, so it is filled by code (electron/services/overdue), not here.
 */
export const m005Timeline: Migration = {
  version: 5,
  name: 'timeline',
  up: `
    ALTER TABLE notifications ADD COLUMN delivered_at TEXT;
    ALTER TABLE notifications ADD COLUMN received_at TEXT;
    ALTER TABLE notifications ADD COLUMN closed_at TEXT;
    ALTER TABLE notifications ADD COLUMN due_at TEXT;

    UPDATE notifications SET
      delivered_at = (SELECT MIN(at) FROM notification_events e WHERE e.notification_id = notifications.id AND e.status = 'delivered'),
      received_at = (SELECT MIN(at) FROM notification_events e WHERE e.notification_id = notifications.id AND e.status = 'received'),
      closed_at = (SELECT MIN(at) FROM notification_events e WHERE e.notification_id = notifications.id AND e.status IN ('completed', 'rejected'));

    CREATE TRIGGER notification_events_milestones AFTER INSERT ON notification_events
    WHEN NEW.status IN ('delivered', 'received', 'completed', 'rejected')
    BEGIN
      UPDATE notifications SET
        delivered_at = CASE WHEN NEW.status = 'delivered' AND delivered_at IS NULL THEN NEW.at ELSE delivered_at END,
        received_at = CASE WHEN NEW.status = 'received' AND received_at IS NULL THEN NEW.at ELSE received_at END,
        closed_at = CASE WHEN NEW.status IN ('completed', 'rejected') AND closed_at IS NULL THEN NEW.at ELSE closed_at END
      WHERE id = NEW.notification_id;
    END;

    -- Open deliveries waiting for a deadline, and the overdue list (deadline passed, not closed).
    CREATE INDEX notifications_due ON notifications(due_at) WHERE closed_at IS NULL;
    -- Statistics (electron/services/stats). Who made the case (office, clerk) is copied onto each
    -- notification when it is inserted, so a period's figures need no join to cases (a join probes
    -- the cases table once per notification: most of the cost over a million rows). Cases never
    -- change office or clerk, so the copy cannot go stale. (A bulk writer that already knows them
    -- may insert them and skip the trigger's extra update.)
    ALTER TABLE notifications ADD COLUMN stats_office TEXT;
    ALTER TABLE notifications ADD COLUMN stats_clerk INTEGER;
    UPDATE notifications SET stats_office = (SELECT office_code FROM cases WHERE id = notifications.case_id),
                             stats_clerk = (SELECT clerk_id FROM cases WHERE id = notifications.case_id);
    CREATE TRIGGER notifications_stats_case AFTER INSERT ON notifications WHEN NEW.stats_office IS NULL OR NEW.stats_clerk IS NULL BEGIN
      UPDATE notifications SET stats_office = (SELECT office_code FROM cases WHERE id = NEW.case_id),
                               stats_clerk = (SELECT clerk_id FROM cases WHERE id = NEW.case_id)
      WHERE id = NEW.id;
    END;
    -- Derived from the milestones (virtual: computed, never stored in the row, so never stale):
    -- turnaround in whole milliseconds and the furthest stage reached (0 created, 1 delivered,
    -- 2 received, 3 closed). Indexed below, the index holds the computed values, so statistics read
    -- integers instead of parsing three timestamps per notification.
    ALTER TABLE notifications ADD COLUMN to_delivery_ms INTEGER GENERATED ALWAYS AS (CAST(round((unixepoch(delivered_at, 'subsec') - unixepoch(created_at, 'subsec')) * 1000) AS INTEGER)) VIRTUAL;
    ALTER TABLE notifications ADD COLUMN to_receipt_ms INTEGER GENERATED ALWAYS AS (CAST(round((unixepoch(received_at, 'subsec') - unixepoch(delivered_at, 'subsec')) * 1000) AS INTEGER)) VIRTUAL;
    ALTER TABLE notifications ADD COLUMN to_completion_ms INTEGER GENERATED ALWAYS AS (CAST(round((unixepoch(closed_at, 'subsec') - unixepoch(delivered_at, 'subsec')) * 1000) AS INTEGER)) VIRTUAL;
    ALTER TABLE notifications ADD COLUMN stage INTEGER GENERATED ALWAYS AS (CASE WHEN closed_at IS NOT NULL THEN 3 WHEN received_at IS NOT NULL THEN 2 WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END) VIRTUAL;
    -- A period's count per Taipei day (the daily and weekly trend): range counts on this index,
    -- which holds only what a filter can name, so the milestone and deadline updates never touch it.
    CREATE INDEX notifications_stats ON notifications(created_at, item_code, receiver_agency, kind, status, stats_office, stats_clerk);
    -- 檢證 turnaround: the counter's clock when the first answer to a verification arrived, kept
    -- like the milestones (answers are only ever inserted: retention blanks their text, never the
    -- row), so the statistics read it from the index below instead of probing the answers table
    -- and the row once per verification.
    ALTER TABLE notifications ADD COLUMN first_answer_at TEXT;
    UPDATE notifications SET first_answer_at = (SELECT MIN(a.received_at) FROM verification_answers a WHERE a.notification_id = notifications.id)
     WHERE kind = 'verification';
    CREATE TRIGGER verification_answers_first_answer AFTER INSERT ON verification_answers BEGIN
      UPDATE notifications SET first_answer_at = NEW.received_at
       WHERE id = NEW.notification_id AND (first_answer_at IS NULL OR first_answer_at > NEW.received_at);
    END;
    ALTER TABLE notifications ADD COLUMN to_answer_ms INTEGER GENERATED ALWAYS AS (CAST(round((unixepoch(first_answer_at, 'subsec') - unixepoch(delivered_at, 'subsec')) * 1000) AS INTEGER)) VIRTUAL;
    -- Every other figure (one pass per dashboard, never the rows with their JSON payloads): led by
    -- the Taipei month of created_at (UTC+8, no DST),
    -- then the columns a dashboard groups by, so GROUP BY month, cell streams in index order and a
    -- year of notifications is aggregated without SQLite sorting it (the sort dominated otherwise).
    -- Stage is grouped too (it mostly follows status, so few extra groups) rather than summed per row.
    ALTER TABLE notifications ADD COLUMN stats_month TEXT GENERATED ALWAYS AS (strftime('%Y-%m', created_at, '+8 hours')) VIRTUAL;
    CREATE INDEX notifications_stats_month ON notifications(stats_month, item_code, receiver_agency, kind, status, stats_office, stats_clerk, stage, created_at, due_at, to_delivery_ms, to_receipt_ms, to_completion_ms, to_answer_ms, case_id);
    -- 查詢排行: lookups by action within a period, without touching the rest of the audit chain.
    CREATE INDEX audit_action_at ON audit(action, at, actor);
  `,
};
