import Database from 'better-sqlite3';
import { AppFailure } from '../../../shared/result';
import type { BackupEntry } from './store';

/** Cases in a database file (a backup copy), read with a fresh read-only connection. */
export function countCasesIn(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM cases').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** What the newest earlier backup held; manifests from before the count was recorded are counted from their file. */
function casesIn(previous: BackupEntry): number | null {
  if (previous.cases !== undefined) return previous.cases;
  try {
    return countCasesIn(previous.path);
  } catch {
    return null; // an unreadable old backup proves nothing either way
  }
}

/**
 * Cases are never deleted (retention blanks them, the rows stay), so a copy with fewer cases than
 * the last backup means the wrong file, a truncated one or a restore gone wrong. Keeping it would
 * start pushing the good generations out (issue 13, finding 3: 14 empty "verified" backups in two
 * days). Refused with a typed zh-TW error unless the operator says `--allow-shrink`; the scheduled
 * backup never says so, so it can only ever log the refusal.
 */
export function refuseShrink(previous: BackupEntry | undefined, casesNow: number, allowShrink: boolean): void {
  if (!previous || allowShrink) return;
  const before = casesIn(previous);
  if (before === null || casesNow >= before) return;
  throw new AppFailure({
    code: 'BACKUP_SHRINK',
    message: `資料庫只有 ${casesNow} 件案件，少於上一份備份（${previous.createdAt}）的 ${before} 件，可能開錯檔案或資料庫已受損，未保留此份備份，舊備份均未刪除。確定要備份時請加上 --allow-shrink。`,
  });
}
