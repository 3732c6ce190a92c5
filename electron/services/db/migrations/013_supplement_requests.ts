import type { Migration } from '../migrate';

/**
 * 補件 at the counter (issue 14 §3): each round an agency asked for (what is missing, by when),
 * pulled with the platform's changes, and when the office's answer went back. One row per
 * (notification, round); the open ones are listed on the case and in the supervisor's overdue view.
 * `change_cursor` is the platform change that opened the round, so a replayed pull adds nothing.
 */
export const m013SupplementRequests: Migration = {
  version: 13,
  name: 'supplement-requests',
  up: `
    CREATE TABLE supplement_requests (
      notification_id TEXT NOT NULL REFERENCES notifications(id),
      round INTEGER NOT NULL,
      agency TEXT NOT NULL,
      missing TEXT NOT NULL,               -- JSON array of zh-TW entries
      due_date TEXT NOT NULL,              -- ISO date the agency set
      requested_at TEXT NOT NULL,          -- platform clock
      change_cursor INTEGER NOT NULL UNIQUE,
      answered_at TEXT,
      answer TEXT,                         -- JSON {fields, note}
      PRIMARY KEY (notification_id, round)
    ) STRICT;
    CREATE INDEX supplement_requests_open ON supplement_requests(due_date) WHERE answered_at IS NULL;
  `,
};
