import { appendAudit } from '../audit/audit';
import type { WritableDb } from '../db/open';
import type { CaseVerdict } from './eligibility';

/**
 * Strips one closed case of personal data, in one transaction with its audit row:
 * - every participant of the case is blanked in place (ID, name, dates, phone, address, 稱謂; the
 *   role and relation stay, rows stay, so audit references hold); participants belong to their case
 *   alone (migration 009), so no other case is touched;
 * - the case's event fields, every notification payload (it repeats name, addresses, details), the
 *   reasons on notifications and their events (an agency's answer is copied there and may name an
 *   owner or an ID), the verification answers' text and the scanned page thumbnails are blanked;
 * - notifications, their events, statuses, dates and item codes stay: statistics survive.
 * Attachment rows are immutable (migration 003: the hash proves the file), so their files — and the
 * page images — are deleted from the file store afterwards and the case is marked in purged_cases.
 * The files owed are recorded in retention_pending_files in the same transaction, so a crash before
 * they are gone is finished by the next run (pendingFiles.ts).
 */
export const TOMBSTONE_NAME = '（已逾保存年限刪除）';

/** Whether a case other than `caseId` that is not purged (or an unmatched scan page) still points at this file. */
export function fileStillUsed(db: WritableDb, key: string, caseId: number): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM attachments a WHERE a.storage_key = ? AND a.case_id <> ? AND NOT EXISTS (SELECT 1 FROM purged_cases p WHERE p.case_id = a.case_id)
         UNION ALL SELECT 1 FROM scan_pages s WHERE s.image_key = ? AND (s.case_id IS NULL OR (s.case_id <> ? AND NOT EXISTS (SELECT 1 FROM purged_cases p WHERE p.case_id = s.case_id)))`,
      )
      .get(key, caseId, key, caseId) !== undefined
  );
}

/** Files of this case nobody else (an unpurged case) still points at. */
function filesOf(db: WritableDb, caseId: number): string[] {
  const keys = db
    .prepare(
      `SELECT storage_key AS k FROM attachments WHERE case_id = ? AND storage_key IS NOT NULL
       UNION SELECT image_key AS k FROM scan_pages WHERE case_id = ?`,
    )
    .pluck()
    .all(caseId, caseId) as string[];
  return keys.filter((k) => !fileStillUsed(db, k, caseId));
}

export type PurgeContext = { db: WritableDb; at: string; runId: string; actor: string };

/** Returns the file-store keys to delete once the transaction has committed (also recorded as pending). */
export function purgeCase(p: PurgeContext, v: CaseVerdict): string[] {
  const { db, at } = p;
  return db.transaction(() => {
    const files = filesOf(db, v.caseId);
    db.prepare(
      'UPDATE participants SET person_id = NULL, id_kind = NULL, name = ?, birth_date = NULL, phone = NULL, address = NULL, title = NULL WHERE case_id = ?',
    ).run(TOMBSTONE_NAME, v.caseId);
    db.prepare("UPDATE cases SET event_fields = '{}' WHERE id = ?").run(v.caseId);
    db.prepare("UPDATE notifications SET payload = '{}', status_reason = NULL WHERE case_id = ?").run(v.caseId);
    db.prepare('UPDATE notification_events SET reason = NULL WHERE notification_id IN (SELECT id FROM notifications WHERE case_id = ?)').run(v.caseId);
    db.prepare("UPDATE verification_answers SET text = '' WHERE notification_id IN (SELECT id FROM notifications WHERE case_id = ?)").run(v.caseId);
    db.prepare('UPDATE scan_pages SET thumb = zeroblob(0) WHERE case_id = ?').run(v.caseId);
    const owe = db.prepare('INSERT OR IGNORE INTO retention_pending_files (storage_key, case_id, run_id, recorded_at) VALUES (?, ?, ?, ?)');
    for (const k of files) owe.run(k, v.caseId, p.runId, at);
    db.prepare('INSERT INTO purged_cases (case_id, purged_at, run_id, retention_years, files_deleted) VALUES (?, ?, ?, ?, ?)').run(v.caseId, at, p.runId, v.retentionYears, files.length);
    // No personal data in the row: the case number, item codes, dates and counts only.
    appendAudit(db, {
      at, actorId: null, actor: p.actor, action: 'retention.purge-case', caseNo: v.caseNo,
      detail: { runId: p.runId, items: v.itemCodes, closedAt: v.closedAt, retentionYears: v.retentionYears, files: files.length },
    });
    return files;
  }).immediate(); // IMMEDIATE: this writes (and appendAudit reads the chain head), so take the write lock before the first read.
}
