/**
 * Platform migration 15, evidence-log-retention. The message log keeps every signed message whole
 * for evidence (issue 15), and an envelope names the person (id, name, payload): the retention purge
 * stripped that from `notifications` and `changes` but left it in the log forever. Now the log
 * knows each entry's notification, and the purge replaces the body of that notification's messages
 * with {@link PURGED_LOG_BODY}. The chain is untouched: an entry's hash covers the message's hash,
 * not its body, so the log still proves that the message existed, when, and in what order, and
 * every head signed before stays valid; only the message itself can no longer be shown.
 *
 * The append-only guard becomes: nothing may change but a body set to the marker, and a
 * notification id set once (the back-fill below). Back-fill: an envelope's message id is its
 * notification's id; an agency action or 補件 answer logs `notificationId`; anchors have none.
 * Notifications purged before this release get their log bodies replaced now.
 */
export const PURGED_LOG_BODY = '{"purged":"（已逾保存年限刪除）"}';

export const EVIDENCE_LOG_RETENTION_SQLITE = `
  DROP TRIGGER evidence_log_no_update;
  ALTER TABLE evidence_log ADD COLUMN notification_id TEXT;
  UPDATE evidence_log SET notification_id = json_extract(body, '$.notificationId')
    WHERE json_valid(body) AND json_type(body, '$.notificationId') = 'text';
  UPDATE evidence_log SET notification_id = message_id
    WHERE notification_id IS NULL AND message_id IN (SELECT id FROM notifications);
  UPDATE evidence_log SET body = '${PURGED_LOG_BODY}'
    WHERE notification_id IN (SELECT id FROM notifications WHERE purged_ms IS NOT NULL);
  CREATE INDEX evidence_log_notification ON evidence_log (notification_id) WHERE notification_id IS NOT NULL;
  CREATE TRIGGER evidence_log_no_update BEFORE UPDATE ON evidence_log
    WHEN NEW.seq IS NOT OLD.seq OR NEW.at IS NOT OLD.at OR NEW.message_id IS NOT OLD.message_id OR NEW.message_hash IS NOT OLD.message_hash
      OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.hash IS NOT OLD.hash
      OR (NEW.body IS NOT OLD.body AND NEW.body IS NOT '${PURGED_LOG_BODY}')
      OR (OLD.notification_id IS NOT NULL AND NEW.notification_id IS NOT OLD.notification_id)
  BEGIN SELECT RAISE(ABORT, 'evidence_log is append-only'); END;
`;

export const EVIDENCE_LOG_RETENTION_POSTGRES = `
  DROP TRIGGER evidence_log_no_change ON evidence_log;
  ALTER TABLE evidence_log ADD COLUMN notification_id TEXT;
  UPDATE evidence_log SET notification_id = body::jsonb ->> 'notificationId'
    WHERE body LIKE '{%' AND jsonb_typeof(body::jsonb -> 'notificationId') = 'string';
  UPDATE evidence_log SET notification_id = message_id
    WHERE notification_id IS NULL AND message_id IN (SELECT id FROM notifications);
  UPDATE evidence_log SET body = '${PURGED_LOG_BODY}'
    WHERE notification_id IN (SELECT id FROM notifications WHERE purged_ms IS NOT NULL);
  CREATE INDEX evidence_log_notification ON evidence_log (notification_id) WHERE notification_id IS NOT NULL;
  CREATE OR REPLACE FUNCTION evidence_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP = 'DELETE'
      OR NEW.seq IS DISTINCT FROM OLD.seq OR NEW.at IS DISTINCT FROM OLD.at OR NEW.message_id IS DISTINCT FROM OLD.message_id
      OR NEW.message_hash IS DISTINCT FROM OLD.message_hash OR NEW.prev_hash IS DISTINCT FROM OLD.prev_hash OR NEW.hash IS DISTINCT FROM OLD.hash
      OR (NEW.body IS DISTINCT FROM OLD.body AND NEW.body IS DISTINCT FROM '${PURGED_LOG_BODY}')
      OR (OLD.notification_id IS NOT NULL AND NEW.notification_id IS DISTINCT FROM OLD.notification_id)
    THEN RAISE EXCEPTION 'evidence_log is append-only'; END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END $fn$;
  CREATE TRIGGER evidence_log_no_change BEFORE UPDATE OR DELETE ON evidence_log FOR EACH ROW EXECUTE FUNCTION evidence_log_append_only();
`;
