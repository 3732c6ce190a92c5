import Database from 'better-sqlite3';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../../shared/result';
import { ensurePrivateDir, writePrivateFile } from '../db/privateFiles';
import { sha256Hex } from '../scanning/store';

/** A file the database vouches for: its key in the file store and the SHA-256 recorded with it. */
export type FileRef = { key: string; sha256: string };

/**
 * Every stored file a database points at: attachment PDFs (the signed consent forms the consent
 * holds depend on) and scanned page images, including the unmatched tray. Cases the retention
 * purge emptied are left out — their files were deleted on purpose.
 */
export function filesReferencedBy(dbFile: string): FileRef[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT storage_key AS key, sha256 FROM attachments
           WHERE storage_key IS NOT NULL AND case_id NOT IN (SELECT case_id FROM purged_cases)
         UNION
         SELECT image_key AS key, image_sha256 AS sha256 FROM scan_pages
           WHERE case_id IS NULL OR case_id NOT IN (SELECT case_id FROM purged_cases)
         ORDER BY key`,
      )
      .all() as FileRef[];
  } finally {
    db.close();
  }
}

/** The file's bytes if it exists under `root` and still has the recorded hash; null otherwise. */
function verifiedBytes(root: string, ref: FileRef): Buffer | null {
  const path = join(root, ref.key);
  if (!existsSync(path)) return null;
  const bytes = readFileSync(path);
  return sha256Hex(bytes) === ref.sha256 ? bytes : null;
}

/** Writes under a temporary name and renames, so a crash never leaves a half file under a real key. */
function putPrivate(root: string, key: string, bytes: Buffer): void {
  const path = join(root, key);
  ensurePrivateDir(dirname(path));
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  writePrivateFile(tmp, bytes);
  renameSync(tmp, path);
}

const listed = (refs: FileRef[]): string => `${refs.slice(0, 5).map((r) => r.key).join('、')}${refs.length > 5 ? ` 等 ${refs.length} 個` : ''}`;

/**
 * Copies each referenced file from the live store into the backup, checking it against its recorded
 * hash. One missing or changed file fails the whole backup, loudly: a backup without the signed
 * forms would verify and still lose the evidence (issue 13).
 */
export function backupFiles(refs: FileRef[], liveRoot: string, backupRoot: string): { files: number; bytes: number } {
  ensurePrivateDir(backupRoot);
  const bad: FileRef[] = [];
  let bytes = 0;
  for (const ref of refs) {
    const data = verifiedBytes(liveRoot, ref);
    if (!data) {
      bad.push(ref);
      continue;
    }
    putPrivate(backupRoot, ref.key, data);
    bytes += data.byteLength;
  }
  if (bad.length > 0) {
    throw new AppFailure({
      code: 'BACKUP_FILE_MISSING',
      message: `掃描檔或附件遺失或內容與紀錄的雜湊不符（${listed(bad)}，於「${liveRoot}」），未保留此份備份。請聯絡資訊人員。`,
    });
  }
  return { files: refs.length, bytes };
}

/**
 * Puts the restored database's files in place (issue 17, finding 5). The store is content-addressed
 * and write-once, so a file already there with the right hash is kept, and nothing is deleted (the
 * kept-aside database may still point at other files). Checks everything BEFORE writing anything: a
 * file in neither place refuses the restore while the old database is still untouched.
 */
export function restoreFiles(refs: FileRef[], backupRoot: string | null, liveRoot: string): { restored: number } {
  const toCopy: { ref: FileRef; data: Buffer }[] = [];
  const missing: FileRef[] = [];
  for (const ref of refs) {
    if (verifiedBytes(liveRoot, ref)) continue;
    const data = backupRoot ? verifiedBytes(backupRoot, ref) : null;
    if (data) toCopy.push({ ref, data });
    else missing.push(ref);
  }
  if (missing.length > 0) {
    throw new AppFailure({
      code: 'RESTORE_FILE_MISSING',
      message: `備份缺少掃描檔或附件（${listed(missing)}），且目前的檔案資料夾也沒有，未還原，原資料庫未變更。`,
    });
  }
  ensurePrivateDir(liveRoot);
  for (const { ref, data } of toCopy) putPrivate(liveRoot, ref.key, data);
  return { restored: toCopy.length };
}
