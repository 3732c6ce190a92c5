import type { Migration } from '../migrate';

/**
 * Card login (DESIGN.md §8): the certificates IT has enrolled for each user. A login card is matched
 * by the SHA-256 fingerprint of its certificate; subject serial, issuer and validity are kept so IT
 * can see which card a row is (a renewed card is a new certificate and is enrolled again).
 * Revocation sets revoked_at; rows are never deleted, so the audit trail keeps its meaning.
 */
export const m004UserCertificates: Migration = {
  version: 4,
  name: 'user_certificates',
  up: `
    CREATE TABLE user_certificates (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id),
      fingerprint_sha256 TEXT NOT NULL UNIQUE CHECK (length(fingerprint_sha256) = 64),
      subject TEXT NOT NULL,
      subject_serial TEXT,
      issuer TEXT NOT NULL,
      serial_number TEXT NOT NULL,
      not_before TEXT NOT NULL,
      not_after TEXT NOT NULL,
      enrolled_at TEXT NOT NULL,
      enrolled_by TEXT NOT NULL,
      revoked_at TEXT
    ) STRICT;
    CREATE INDEX user_certificates_user ON user_certificates(user_id);
  `,
};
