import { AppFailure } from '../../../shared/result';

/**
 * SQLite's own ways of saying a file is damaged or not a database at all (a garbled header answers
 * SQLITE_NOTADB at the first statement, a damaged page SQLITE_CORRUPT* when it is read) as the one
 * typed DB_CORRUPT failure; null for any other error. Every path that reads a database file uses it,
 * so IT sees the same answer from the app, the CLI and verify-audit.
 */
export function corruptionFailure(e: unknown): AppFailure | null {
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  const corrupt = code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) || /not a database|malformed|corrupt/i.test(message);
  return corrupt ? new AppFailure({ code: 'DB_CORRUPT', message: `資料庫檔案已損毀或不是資料庫（${message}），請聯絡資訊人員由備份還原。` }) : null;
}
