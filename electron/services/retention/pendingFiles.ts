import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { WritableDb } from '../db/open';
import { fileStillUsed } from './purge';

/**
 * Deletes every file a purge has committed to deleting (retention_pending_files), then forgets it.
 * Deleting first and forgetting after makes a crash anywhere harmless: a file already gone is
 * skipped (`force`), and a row left behind is retried by the next run. A file a live case has come
 * to share since (the same scan attached again) is kept. Returns how many rows were settled.
 */
export async function deletePendingFiles(db: WritableDb, root: string): Promise<number> {
  const owed = db.prepare('SELECT storage_key AS key, case_id AS caseId FROM retention_pending_files ORDER BY storage_key').all() as { key: string; caseId: number }[];
  const forget = db.prepare('DELETE FROM retention_pending_files WHERE storage_key = ?');
  for (const { key, caseId } of owed) {
    if (!fileStillUsed(db, key, caseId)) await rm(join(root, key), { force: true });
    forget.run(key);
  }
  return owed.length;
}
