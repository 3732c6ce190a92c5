import type { Migration } from '../migrate';

/**
 * Citizen progress lookup (issue 7, 案件進度查詢): the verification code printed on the case's
 * receipt. The counter keeps the code itself (it already holds the person's data, and the clerk
 * must be able to reprint the receipt) together with the salted hash record it sends the platform,
 * which never sees the code. One row per case; a reissue replaces the code, salt and hash and bumps
 * `issue` (the platform keeps the highest). Cases saved before this migration have no row: they
 * cannot be looked up until a code is issued for them.
 */
export const m006Progress: Migration = {
  version: 6,
  name: 'progress',
  up: `
    CREATE TABLE case_progress_codes (
      case_id INTEGER PRIMARY KEY REFERENCES cases(id),
      code TEXT NOT NULL CHECK (length(code) = 8 AND code NOT GLOB '*[^23456789ABCDEFGHJKMNPQRSTUVWXYZ]*'),
      alg TEXT NOT NULL,
      salt TEXT NOT NULL,
      hash TEXT NOT NULL,
      issue INTEGER NOT NULL CHECK (issue >= 1),
      issued_at TEXT NOT NULL,
      issued_by TEXT NOT NULL
    ) STRICT;
  `,
};
