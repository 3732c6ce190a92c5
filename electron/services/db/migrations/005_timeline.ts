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
    -- Statistics (electron/services/stats): one ordered pass over a period reads this index only,
    -- never the table rows with their JSON payloads; the columns are exactly what the dashboard reads.
    CREATE INDEX notifications_stats ON notifications(created_at, item_code, receiver_agency, kind, status, case_id, delivered_at, received_at, closed_at, due_at);
    -- 查詢排行: lookups by action within a period, without touching the rest of the audit chain.
    CREATE INDEX audit_action_at ON audit(action, at, actor);
  `,
};
