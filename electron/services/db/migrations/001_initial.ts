import type { Migration } from '../migrate';

/**
 * The counter's local store. Every case is written in one transaction together with its
 * notifications, their first events, their outbox rows and the audit entry (DESIGN.md §4).
 */
export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE offices (
      code TEXT PRIMARY KEY,
      name TEXT NOT NULL
    ) STRICT;

    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL,
      office_code TEXT NOT NULL REFERENCES offices(code),
      password_hash TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE people (
      id INTEGER PRIMARY KEY,
      person_id TEXT NOT NULL UNIQUE,
      id_kind TEXT NOT NULL CHECK (id_kind IN ('national', 'resident')),
      name TEXT NOT NULL,
      birth_date TEXT NOT NULL,
      phone TEXT,
      address TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX people_name ON people(name);

    -- Daily case-number sequence per office; bumped inside the case transaction so two
    -- workstations (or processes) sharing a file can never hand out the same number.
    CREATE TABLE case_sequences (
      office_code TEXT NOT NULL,
      roc_date TEXT NOT NULL,
      last_seq INTEGER NOT NULL,
      PRIMARY KEY (office_code, roc_date)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE cases (
      id INTEGER PRIMARY KEY,
      case_no TEXT NOT NULL UNIQUE,
      office_code TEXT NOT NULL REFERENCES offices(code),
      person_ref INTEGER NOT NULL REFERENCES people(id),
      life_event TEXT NOT NULL,
      old_address TEXT NOT NULL,
      new_address TEXT NOT NULL,
      move_date TEXT NOT NULL,
      has_house_tax_bill INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('submitted', 'closed')),
      clerk_id INTEGER NOT NULL REFERENCES users(id),
      catalogue_version TEXT NOT NULL,
      form_version TEXT NOT NULL,
      created_at TEXT NOT NULL,
      local_date TEXT NOT NULL
    ) STRICT;
    CREATE INDEX cases_person ON cases(person_ref);
    CREATE INDEX cases_local_date ON cases(local_date);

    CREATE TABLE notifications (
      id TEXT PRIMARY KEY,                 -- UUIDv7 made at the counter: the platform's idempotency key
      case_id INTEGER NOT NULL REFERENCES cases(id),
      item_code TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('notification', 'verification')),
      receiver_agency TEXT NOT NULL,
      payload TEXT NOT NULL,               -- JSON, validated against the catalogue item's fields
      status TEXT NOT NULL,
      status_reason TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX notifications_case ON notifications(case_id);

    -- Every lifecycle transition is a row, never an overwrite of history.
    CREATE TABLE notification_events (
      id INTEGER PRIMARY KEY,
      notification_id TEXT NOT NULL REFERENCES notifications(id),
      status TEXT NOT NULL,
      reason TEXT,
      actor TEXT NOT NULL,
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX notification_events_notification ON notification_events(notification_id);

    -- FIFO by local sequence (clock-skew proof); drained by the sync engine.
    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      notification_id TEXT NOT NULL UNIQUE REFERENCES notifications(id),
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed', 'held')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT,
      last_error TEXT,
      created_at TEXT NOT NULL
    );
    CREATE INDEX outbox_pending ON outbox(state, seq);

    CREATE TABLE attachments (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      item_code TEXT,
      kind TEXT NOT NULL,
      file_name TEXT NOT NULL,
      mime TEXT NOT NULL,
      page_count INTEGER,
      byte_size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX attachments_case ON attachments(case_id);

    -- Append-only and hash-chained: each row carries the hash of the previous one.
    CREATE TABLE audit (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor_id INTEGER,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      case_no TEXT,
      person_ref INTEGER,
      detail TEXT,
      workstation TEXT,
      ip TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_case ON audit(case_no);
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  `,
};
