import type { Migration } from '../migrate';

/**
 * The platform's signed receipts (issue 15 §2): one per notification the platform holds, kept as
 * received (JSON, with the platform's signature) so the case can show and prove when the platform
 * took which message. Receipts are evidence: never updated, a resend's receipt is the same one.
 */
export const m014PlatformReceipts: Migration = {
  version: 14,
  name: 'platform-receipts',
  up: `
    CREATE TABLE platform_receipts (
      notification_id TEXT PRIMARY KEY REFERENCES notifications(id),
      seq INTEGER NOT NULL,                -- the platform's message-log sequence number
      at TEXT NOT NULL,                    -- platform clock
      message_hash TEXT NOT NULL,
      receipt TEXT NOT NULL                -- JSON Receipt as received, signature included
    ) STRICT;
  `,
};
