import type { Migration } from '../../../electron/services/db/migrate';
import { EVIDENCE_LOG_RETENTION_POSTGRES } from './evidenceLogRetention';
import { STATS_ROLLUPS_POSTGRES } from './statsRollups';

/**
 * Platform schema on PostgreSQL (county scale), table-for-table equal to ./sqlite.ts: identity
 * columns for AUTOINCREMENT, BIGINT where values outgrow int4, BYTEA for BLOB, a trigger function
 * for the append-only audit. Append only.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'platform-initial',
    up: `
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- One-time enrolment codes; only their sha256 is kept, the code itself is shown once.
      CREATE TABLE enrol_codes (
        code_hash TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('workstation', 'agency')),
        office_code TEXT,
        workstation_id TEXT,
        agency_code TEXT,
        client_id TEXT,
        reusable INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        used_by_jti TEXT
      );

      -- Every token ever issued, so a jti can be revoked and a stolen token stops working.
      CREATE TABLE tokens (
        jti TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        office_code TEXT,
        workstation_id TEXT,
        agency_code TEXT,
        client_id TEXT,
        issued_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE INDEX tokens_subject ON tokens(subject);

      CREATE TABLE notifications (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        case_no TEXT NOT NULL,
        office_code TEXT NOT NULL,
        workstation_id TEXT NOT NULL,
        sender_agency TEXT NOT NULL,
        receiver_agency TEXT NOT NULL,
        item_code TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        person TEXT NOT NULL,
        local_seq BIGINT NOT NULL,
        client_created_at TEXT NOT NULL,
        body_sha256 TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        answer TEXT,
        delivered_at TEXT NOT NULL,
        delivered_day TEXT NOT NULL,
        delivered_ms BIGINT NOT NULL,
        received_ms BIGINT,
        closed_ms BIGINT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX notifications_inbox ON notifications(receiver_agency, seq);
      CREATE INDEX notifications_inbox_status ON notifications(receiver_agency, status, seq);
      CREATE INDEX notifications_day ON notifications(delivered_day);

      -- Every status transition, never an overwrite; cursor = the order counters pull in.
      CREATE TABLE changes (
        cursor BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        notification_id TEXT NOT NULL REFERENCES notifications(id),
        office_code TEXT NOT NULL,
        receiver_agency TEXT NOT NULL,
        case_no TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        answer TEXT,
        actor TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX changes_office ON changes(office_code, cursor);

      CREATE TABLE batch_files (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        receiver_agency TEXT NOT NULL,
        sender TEXT NOT NULL,
        dataset TEXT NOT NULL,
        period TEXT,
        file_name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size BIGINT NOT NULL,
        sha256 TEXT NOT NULL,
        content BYTEA NOT NULL,
        uploaded_at TEXT NOT NULL,
        uploaded_day TEXT NOT NULL
      );
      CREATE INDEX batch_files_receiver ON batch_files(receiver_agency, seq);

      -- X-Road style message log: who sent what (body hash, message ids) to whom, when, with what result.
      CREATE TABLE message_log (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at TEXT NOT NULL,
        request_id TEXT NOT NULL,
        message_ids TEXT,
        client TEXT,
        client_kind TEXT,
        ip TEXT,
        method TEXT NOT NULL,
        route TEXT NOT NULL,
        target TEXT,
        status INTEGER NOT NULL,
        error_code TEXT,
        body_sha256 TEXT,
        body_bytes BIGINT NOT NULL,
        duration_ms DOUBLE PRECISION NOT NULL
      );
      CREATE INDEX message_log_request ON message_log(request_id);

      -- Append-only, hash-chained (electron/services/audit/chain.ts).
      CREATE TABLE audit (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN RAISE EXCEPTION 'audit is append-only'; END;
      $fn$;
      CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();

      -- Alert e-mails, written in the same transaction as the request they announce and sent by a
      -- worker, so a slow or down SMTP server never blocks or loses an alert.
      CREATE TABLE mail_outbox (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        notification_id TEXT NOT NULL,
        to_addr TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_ms BIGINT NOT NULL,
        sent_at TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX mail_outbox_pending ON mail_outbox(sent_at, next_attempt_ms);
    `,
  },
  {
    version: 2,
    name: 'overdue-reminders',
    // 逾時未回報檢核 (issue 7): each open notification's deadline (行政程序法 §48 with the office
    // calendar, filled by platform/overdue from the catalogue, so it is NULL until the first fill), and
    // one row per notification and Taipei day a reminder mail was queued for, so a restart or a
    // second run that day never mails it again.
    up: `
      ALTER TABLE notifications ADD COLUMN due_ms BIGINT;
      CREATE INDEX notifications_due ON notifications(due_ms) WHERE closed_ms IS NULL;

      CREATE TABLE overdue_reminders (
        notification_id TEXT NOT NULL,
        day TEXT NOT NULL,
        receiver_agency TEXT NOT NULL,
        mail_id BIGINT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (notification_id, day)
      );
    `,
  },
  {
    version: 3,
    name: 'progress-lookup',
    // Citizen progress lookup (issue 7): per case, the salted HMAC of the receipt code the counter sent
    // (never the code: electron/services/progress/hash.ts says why HMAC), the office that owns the case (only it
    // may replace the record) and the reissue count (highest wins). The index serves the lookup's
    // "every notification of this case" read.
    up: `
      CREATE TABLE progress_codes (
        case_no TEXT PRIMARY KEY,
        office_code TEXT NOT NULL,
        alg TEXT NOT NULL,
        salt TEXT NOT NULL,
        hash TEXT NOT NULL,
        issue INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX notifications_case ON notifications(case_no);
    `,
  },
  {
    version: 4,
    name: 'retention',
    // Retention purge (issue 7, platform/retention): when a closed notification's personal data was
    // stripped (NULL: never), so a purged row is not touched again; the partial index serves the
    // daily run's "closed, not yet purged, closed before the cutoff" read.
    up: `
      ALTER TABLE notifications ADD COLUMN purged_ms BIGINT;
      CREATE INDEX notifications_retention ON notifications(item_code, closed_ms) WHERE purged_ms IS NULL AND closed_ms IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'audit-single-successor',
    // Issue 14 §5: one audit row may follow each row, enforced by the database, not only by the
    // writers' lock and READ COMMITTED (a REPEATABLE READ default once forked the chain: 9 rows
    // shared a prev_hash). A database that already holds a fork stops here with PostgreSQL's or
    // SQLite's duplicate-key message: verify-audit shows where; the fork needs an operator's hand.
    up: `
      CREATE UNIQUE INDEX audit_prev_hash ON audit(prev_hash);
    `,
  },
  {
    version: 6,
    name: 'county-size-indexes',
    // Issue 14 §5, measured at 220k notifications and 381k changes: each retention page rewrote the
    // changes of its notifications by scanning all of changes, and the overdue reminder's "attach the
    // mail to this agency's claims of the day" scanned overdue_reminders.
    up: `
      CREATE INDEX changes_notification ON changes(notification_id);
      CREATE INDEX overdue_reminders_day_agency ON overdue_reminders(day, receiver_agency);
    `,
  },
  {
    version: 7,
    name: 'envelope-context',
    // Issue 12: an envelope describes its life event, item title and field labels, so an agency's
    // inbox labels fields its own catalogue does not know. JSON text; NULL for older counters' rows.
    up: `
      ALTER TABLE notifications ADD COLUMN context TEXT;
    `,
  },
  {
    version: 8,
    name: 'transfer-and-supplement',
    // Issue 14: 改分 and 補件. A change may carry an event (JSON: transfer from/to, a 補件 request or
    // answer), pulled by the counter with the status. Transfers are kept per notification so a loop
    // (A → B → A) is refused and statistics count them; each 補件 round keeps what was missing, the
    // due date and when it was asked and answered (rounds per agency, days waiting). The open round
    // is on the notification (JSON {round, missing, dueDate}; NULL: none open), for the inbox and the
    // progress lookup (待補件).
    up: `
      ALTER TABLE changes ADD COLUMN event TEXT;
      ALTER TABLE notifications ADD COLUMN supplement TEXT;

      CREATE TABLE transfers (
        notification_id TEXT NOT NULL REFERENCES notifications(id),
        seq INTEGER NOT NULL,
        from_agency TEXT NOT NULL,
        to_agency TEXT NOT NULL,
        reason TEXT NOT NULL,
        actor TEXT NOT NULL,
        at_ms BIGINT NOT NULL,
        PRIMARY KEY (notification_id, seq)
      );
      CREATE INDEX transfers_from ON transfers(from_agency);

      CREATE TABLE supplement_rounds (
        notification_id TEXT NOT NULL REFERENCES notifications(id),
        round INTEGER NOT NULL,
        agency TEXT NOT NULL,
        missing TEXT NOT NULL,
        due_date TEXT NOT NULL,
        requested_ms BIGINT NOT NULL,
        answered_ms BIGINT,
        answer TEXT,
        PRIMARY KEY (notification_id, round)
      );
      CREATE INDEX supplement_rounds_agency ON supplement_rounds(agency, requested_ms);
    `,
  },
  {
    version: 9,
    name: 'signing-keys',
    // Issue 15: each workstation's Ed25519 public key, registered at enrolment with its credential
    // (subject). Kept after revocation or rotation so a message signed by a retired key is told
    // apart from one signed by an unknown key.
    up: `
      CREATE TABLE signing_keys (
        key_id TEXT PRIMARY KEY,
        subject TEXT NOT NULL,
        public_key TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE INDEX signing_keys_subject ON signing_keys(subject);
    `,
  },
  {
    version: 10,
    name: 'rate-windows',
    // Issue 14 §4: rate-limit windows shared by every node of one database (the progress lookup's
    // limits), so two nodes allow a limit once, not twice. Key = limit name + client/case; one row
    // per live window; ended windows are deleted by reset_ms. Used on PostgreSQL (SQLite counts in
    // its one process's memory); created on both so the schemas stay equal.
    up: `
      CREATE TABLE rate_windows (
        key TEXT PRIMARY KEY,
        count BIGINT NOT NULL,
        amount BIGINT NOT NULL,
        reset_ms BIGINT NOT NULL
      );
      CREATE INDEX rate_windows_reset ON rate_windows(reset_ms);
    `,
  },
  {
    version: 11,
    name: 'evidence-log',
    // Issue 15: the append-only, hash-chained message log behind signed receipts and evidence
    // bundles. Each entry holds the signed message as received (canonical JSON) and commits to the
    // entry before it; UPDATE and DELETE are refused.
    up: `
      CREATE TABLE evidence_log (
        seq BIGINT PRIMARY KEY,
        at TEXT NOT NULL,
        message_id TEXT NOT NULL UNIQUE,
        message_hash TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE FUNCTION evidence_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN RAISE EXCEPTION 'evidence_log is append-only'; END $fn$;
      CREATE TRIGGER evidence_log_no_change BEFORE UPDATE OR DELETE ON evidence_log FOR EACH ROW EXECUTE FUNCTION evidence_log_append_only();
    `,
  },
  {
    version: 12,
    name: 'progress-items',
    // Issue 13 (last finding): the items of a case the counter registered when it was saved, before
    // any notification may leave (they wait for the signed consent scan), so the lookup can answer
    // 已受理，待送出 per item the same day. Nothing personal: the notification id (joins the
    // notification once it arrives, whatever agency it was transferred to), item, receiving agency,
    // and the item's place in the case (pos, the counter's order).
    up: `
      CREATE TABLE progress_items (
        case_no TEXT NOT NULL,
        notification_id TEXT NOT NULL,
        office_code TEXT NOT NULL,
        item_code TEXT NOT NULL,
        receiver_agency TEXT NOT NULL,
        pos BIGINT NOT NULL,
        registered_at TEXT NOT NULL,
        PRIMARY KEY (case_no, notification_id)
      );
    `,
  },
  {
    version: 13,
    name: 'evidence-files',
    // Issue 14 §2: the signed consent pages that travel with notifications, kept in the database
    // (so a database backup carries them, every node sees them, and the retention purge removes them
    // in the same transaction as their last reference). A file is stored once by its SHA-256
    // (evidence_files) after its hash and PDF form were checked; an upload in progress keeps its
    // chunks (evidence_uploads + evidence_chunks) until the last one completes it; each notification
    // lists the files its envelope named (notification_evidence, filled in the submit transaction).
    up: `
      CREATE TABLE evidence_files (
        sha256 TEXT PRIMARY KEY,
        size BIGINT NOT NULL,
        content BYTEA NOT NULL,
        uploader TEXT NOT NULL,
        stored_ms BIGINT NOT NULL
      );
      CREATE INDEX evidence_files_stored ON evidence_files(stored_ms);

      CREATE TABLE evidence_uploads (
        sha256 TEXT PRIMARY KEY,
        length BIGINT NOT NULL,
        received BIGINT NOT NULL,
        uploader TEXT NOT NULL,
        started_ms BIGINT NOT NULL,
        updated_ms BIGINT NOT NULL
      );
      CREATE INDEX evidence_uploads_updated ON evidence_uploads(updated_ms);

      CREATE TABLE evidence_chunks (
        sha256 TEXT NOT NULL REFERENCES evidence_uploads(sha256),
        first_byte BIGINT NOT NULL,
        bytes BYTEA NOT NULL,
        PRIMARY KEY (sha256, first_byte)
      );

      CREATE TABLE notification_evidence (
        notification_id TEXT NOT NULL REFERENCES notifications(id),
        sha256 TEXT NOT NULL REFERENCES evidence_files(sha256),
        pages INTEGER NOT NULL,
        form_pages TEXT NOT NULL,
        pos INTEGER NOT NULL,
        PRIMARY KEY (notification_id, sha256)
      );
      CREATE INDEX notification_evidence_file ON notification_evidence(sha256);
    `,
  },
  {
    version: 14,
    name: 'stats-rollups',
    // Issue 14 §4 (platform-stats-5m): the statistics read rollups kept in the write transactions
    // (platform/store/statsRollup.ts) instead of aggregating every notification; created and
    // back-filled from the rows a county already has. The SQL and its reasons: ./statsRollups.ts.
    up: STATS_ROLLUPS_POSTGRES,
  },
  {
    version: 15,
    name: 'evidence-log-retention',
    // The retention purge reaches the message log's copies of a notification's messages; the chain
    // and every signed head stay valid. The SQL and its reasons: ./evidenceLogRetention.ts.
    up: EVIDENCE_LOG_RETENTION_POSTGRES,
  },
];
