import Database from 'better-sqlite3';
import { AppFailure } from '../../../shared/result';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

/** A connection that has been migrated and may be written; read-only handles can't be passed where this is wanted. */
export type WritableDb = Database.Database & { readonly __writable: unique symbol };

export type OpenOptions = {
  /** Skip `PRAGMA integrity_check` (minutes on a huge file); the quick check still runs. */
  fullIntegrityCheck?: boolean;
};

/**
 * Opens (creating if needed) the counter database: WAL so readers never block the clerk's save,
 * synchronous=FULL so a committed case survives power loss, foreign keys on, a busy timeout for a
 * second process (CLI, backup) on the same file, and an integrity check before anything is trusted.
 */
export function openDatabase(file: string, options: OpenOptions = {}): WritableDb {
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: 5000 });
  } catch (e) {
    throw new AppFailure({ code: 'DB_OPEN_FAILED', message: `無法開啟資料庫檔案「${file}」：${(e as Error).message}` });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const check = db.pragma(options.fullIntegrityCheck ? 'integrity_check' : 'quick_check', { simple: true });
    if (check !== 'ok') {
      throw new AppFailure({ code: 'DB_CORRUPT', message: `資料庫檔案已損毀（${String(check)}），請聯絡資訊人員由備份還原。` });
    }
    migrate(db, MIGRATIONS);
  } catch (e) {
    db.close();
    if (e instanceof AppFailure) throw e;
    const message = (e as Error).message;
    if (/not a database|malformed|corrupt/i.test(message)) {
      throw new AppFailure({ code: 'DB_CORRUPT', message: `資料庫檔案已損毀或不是資料庫（${message}），請聯絡資訊人員由備份還原。` });
    }
    throw new AppFailure({ code: 'DB_OPEN_FAILED', message: `無法開啟資料庫：${message}` });
  }
  return db as WritableDb;
}
