import type { Migration } from '../migrate';

/**
 * Retention purge, restartable (issue 17 finding 10): the files of a purged case are deleted after
 * its transaction commits (a file system is not transactional), so the purge records each file it
 * owes here IN that transaction, deletes the files, then removes the rows. A crash in between leaves
 * the rows, and the next run deletes the files first: no scanned consent form stays on disk for good.
 */
export const m012RetentionPendingFiles: Migration = {
  version: 12,
  name: 'retention_pending_files',
  up: `
    CREATE TABLE retention_pending_files (
      storage_key TEXT PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      run_id TEXT NOT NULL,
      recorded_at TEXT NOT NULL
    ) STRICT;
  `,
};
