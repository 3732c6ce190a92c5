import type { Migration } from '../migrate';

/**
 * Scanned evidence (DESIGN.md §7, issue 6): every scanned page is a row before it is anything
 * else, so nothing a scanner or hot folder delivers can be lost; pages become immutable PDF
 * attachments of a case; and per receiving agency, a notification may leave the outbox only when
 * the signed form page carrying its item is attached, or a documented exception is recorded.
 *
 * Cases stored before this migration keep working as they did (consent_required = 0): their paper
 * forms were filed before scanning existed, and holding them now would strand them in the outbox.
 */
export const m003Scanning: Migration = {
  version: 3,
  name: 'scanning',
  up: `
    -- New rows default to 1 (consent evidence required); rows already here are marked 0 below.
    ALTER TABLE cases ADD COLUMN consent_required INTEGER NOT NULL DEFAULT 1 CHECK (consent_required IN (0, 1));
    UPDATE cases SET consent_required = 0;

    -- Attachments become files in the content-addressed store (<db>.files/), never rewritten.
    ALTER TABLE attachments ADD COLUMN storage_key TEXT;          -- path inside the file store
    ALTER TABLE attachments ADD COLUMN source TEXT;               -- 'scan' (QR/continuation/target) or 'tray' (attached by hand)
    ALTER TABLE attachments ADD COLUMN group_key TEXT;            -- idempotency: one attachment per scanned document
    ALTER TABLE attachments ADD COLUMN created_by TEXT;
    CREATE UNIQUE INDEX attachments_group ON attachments(group_key) WHERE group_key IS NOT NULL;
    -- The hash proves the file is what was attached: the row that records it may never change.
    CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments BEGIN SELECT RAISE(ABORT, 'attachments are immutable'); END;
    CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments BEGIN SELECT RAISE(ABORT, 'attachments are immutable'); END;

    -- One scanning run: a scanner batch, a hot-folder session or an import-scans run.
    CREATE TABLE scan_batches (
      id INTEGER PRIMARY KEY,
      source TEXT NOT NULL,                 -- 'sane' | 'escl' | 'wia' | 'folder'
      device TEXT NOT NULL,                 -- device id (no personal data)
      target_case_id INTEGER REFERENCES cases(id),
      target_form_page INTEGER,
      state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed', 'cancelled', 'interrupted')),
      pages_expected INTEGER,
      error_code TEXT,
      error_message TEXT,
      actor TEXT NOT NULL,
      started_at TEXT NOT NULL,
      finished_at TEXT
    ) STRICT;

    -- Every page ever delivered. page_key makes ingest idempotent: 'file:<sha256>:<n>' for files,
    -- 'scan:<batch>:<n>' for scanner pages, so a restart after kill -9 re-offers a page harmlessly.
    CREATE TABLE scan_pages (
      id INTEGER PRIMARY KEY,
      page_key TEXT NOT NULL UNIQUE,
      batch_id INTEGER NOT NULL REFERENCES scan_batches(id),
      seq INTEGER NOT NULL,                 -- order in the stack (within its batch)
      source_name TEXT NOT NULL,            -- file name and page, or 'page N' of a scanner batch
      image_key TEXT NOT NULL,              -- cleaned page image in the file store
      image_sha256 TEXT NOT NULL,
      encoding TEXT NOT NULL CHECK (encoding IN ('png', 'jpeg')),
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      dpi INTEGER NOT NULL,
      rotation REAL NOT NULL DEFAULT 0,     -- degrees turned clockwise to make the page upright
      thumb BLOB NOT NULL,                  -- small JPEG for the thumbnail strip
      qr_case_no TEXT,
      qr_page INTEGER,
      qr_pages INTEGER,
      blank INTEGER NOT NULL DEFAULT 0,
      route TEXT NOT NULL CHECK (route IN ('qr', 'continuation', 'target', 'unmatched', 'manual')),
      case_id INTEGER REFERENCES cases(id),
      form_page INTEGER,                    -- page of the consent form it is (null: continuation or other)
      group_key TEXT,                       -- pages of one document share it
      unmatched_code TEXT,
      unmatched_reason TEXT,
      state TEXT NOT NULL CHECK (state IN ('routed', 'unmatched', 'attached', 'dismissed')),
      attachment_id INTEGER REFERENCES attachments(id),
      dismissed_reason TEXT,
      created_at TEXT NOT NULL,
      CHECK (state IN ('unmatched', 'dismissed') OR case_id IS NOT NULL)
    ) STRICT;
    CREATE INDEX scan_pages_batch ON scan_pages(batch_id, seq);
    CREATE INDEX scan_pages_state ON scan_pages(state, group_key);

    CREATE TABLE attachment_pages (
      attachment_id INTEGER NOT NULL REFERENCES attachments(id),
      page_no INTEGER NOT NULL,             -- 1-based page in the attachment PDF
      scan_page_id INTEGER REFERENCES scan_pages(id),
      form_page INTEGER,                    -- consent form page it shows, when known
      PRIMARY KEY (attachment_id, page_no)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX attachment_pages_form ON attachment_pages(form_page);

    -- Hot-folder memory: a file is imported once, recognised by path, size, mtime and content.
    CREATE TABLE imported_files (
      id INTEGER PRIMARY KEY,
      path TEXT NOT NULL,
      size INTEGER NOT NULL,
      mtime_ms INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      batch_id INTEGER REFERENCES scan_batches(id),
      pages INTEGER NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'duplicate', 'rejected')),
      error_code TEXT,
      error_message TEXT,
      imported_at TEXT NOT NULL,
      UNIQUE (path, size, mtime_ms, sha256)
    ) STRICT;
    CREATE INDEX imported_files_sha ON imported_files(sha256);

    -- Which consent-form page carries which item ('*' = the personal-data consent every agency
    -- needs), recorded when the form is printed (or rebuilt from the case when first needed).
    CREATE TABLE consent_form_pages (
      case_id INTEGER NOT NULL REFERENCES cases(id),
      item_code TEXT NOT NULL,
      form_page INTEGER NOT NULL,
      form_pages INTEGER NOT NULL,
      PRIMARY KEY (case_id, item_code)
    ) STRICT, WITHOUT ROWID;

    -- A documented reason to send without a scanned signature (e.g. form lost, signed by card).
    CREATE TABLE consent_exceptions (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      receiver_agency TEXT NOT NULL,
      reason TEXT NOT NULL,
      actor TEXT NOT NULL,
      at TEXT NOT NULL,
      UNIQUE (case_id, receiver_agency)
    ) STRICT;

    -- The one definition of "held for consent": a notification (not a 檢證 verification, which
    -- is answered while the citizen waits at the counter, after signing) whose case requires
    -- consent, with no exception for its agency, and either no known form layout or a required
    -- page (its items' pages plus the personal-data consent page) not attached. The sync engine
    -- skips these rows (electron/services/consent/holds.ts); the case screen lists them.
    CREATE VIEW consent_holds AS
    SELECT n.id AS notification_id, n.case_id, n.receiver_agency
    FROM notifications n JOIN cases c ON c.id = n.case_id
    WHERE c.consent_required = 1
      AND n.kind = 'notification'
      AND NOT EXISTS (SELECT 1 FROM consent_exceptions e WHERE e.case_id = n.case_id AND e.receiver_agency = n.receiver_agency)
      AND (
        NOT EXISTS (SELECT 1 FROM consent_form_pages f WHERE f.case_id = n.case_id)
        OR EXISTS (
          SELECT 1 FROM consent_form_pages f
          WHERE f.case_id = n.case_id
            AND (f.item_code = '*' OR f.item_code IN (
              SELECT n2.item_code FROM notifications n2 WHERE n2.case_id = n.case_id AND n2.receiver_agency = n.receiver_agency))
            AND NOT EXISTS (
              SELECT 1 FROM attachment_pages ap JOIN attachments a ON a.id = ap.attachment_id
              WHERE a.case_id = n.case_id AND ap.form_page = f.form_page)
        )
      );
  `,
};
