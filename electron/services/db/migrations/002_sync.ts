import type { Migration } from '../migrate';

/**
 * What the sync engine keeps between runs (DESIGN.md §4): the platform credentials this install
 * enrolled (its workstation, and agency clients on an agency workstation), the status-change
 * cursor and last-sync time, each notification's last applied platform cursor (so a replayed or
 * stale change is ignored), and verification answers as append-only rows.
 */
export const m002Sync: Migration = {
  version: 2,
  name: 'sync',
  up: `
    CREATE TABLE platform_credentials (
      client_key TEXT PRIMARY KEY,          -- 'workstation' or 'agency:<code>'
      kind TEXT NOT NULL CHECK (kind IN ('workstation', 'agency')),
      agency_code TEXT,
      client_id TEXT NOT NULL,              -- workstation id / agency client id sent at enrolment
      url TEXT NOT NULL,                    -- platform base URL, e.g. https://nin1.kcg.gov.tw
      token TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      enrolled_at TEXT NOT NULL,
      CHECK ((kind = 'agency') = (agency_code IS NOT NULL))
    ) STRICT;

    -- Small named values: 'cursor.office-changes' (platform change cursor), 'last-sync-at'.
    CREATE TABLE sync_state (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    ALTER TABLE notifications ADD COLUMN last_change_cursor INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE verification_answers (
      id INTEGER PRIMARY KEY,
      notification_id TEXT NOT NULL REFERENCES notifications(id),
      found INTEGER NOT NULL CHECK (found IN (0, 1)),
      text TEXT NOT NULL,
      actor TEXT NOT NULL,
      answered_at TEXT NOT NULL,            -- platform clock, informational
      change_cursor INTEGER NOT NULL UNIQUE,
      received_at TEXT NOT NULL             -- counter clock
    ) STRICT;
    CREATE INDEX verification_answers_notification ON verification_answers(notification_id);
  `,
};
