import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { AppFailure } from '../../../shared/result';
import { corruptionFailure } from './corruption';
import { createDatabaseFile } from './create';
import { migrate } from './migrate';
import { holdOwnerLock } from './ownerLock';
import { MIGRATIONS } from './migrations';

/** A connection that has been migrated and may be written; read-only handles can't be passed where this is wanted. */
export type WritableDb = Database.Database & { readonly __writable: unique symbol };

export type OpenOptions = {
  /** Skip `PRAGMA integrity_check` (minutes on a huge file); the quick check still runs. */
  fullIntegrityCheck?: boolean;
  /**
   * Create the database when no file exists at the path. Only the explicit creators pass it: the
   * app's first start (Electron / browser host), `counter seed-demo` and `counter init`. Every
   * other open refuses a missing file, so a mistyped `--db` is an error, not a new empty database.
   */
  create?: boolean;
};

const INIT_HINT = '若要建立新資料庫，請執行 npm run counter -- init --db 檔案';

/** Refuses what is not an existing, non-empty file (issue 13, finding 3); creates one only when asked. */
export function requireExistingFile(file: string, create: boolean): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    if (create && createDatabaseFile(file)) return;
    if (create) return; // another process created it first
    throw new AppFailure({ code: 'DB_NOT_FOUND', message: `找不到資料庫檔案「${file}」，未開啟（不會自動建立空白資料庫）。請確認路徑；${INIT_HINT}。` });
  }
  // Our databases are created whole (create.ts), so an empty file is truncation or a mistake — never ours.
  if (size === 0) {
    throw new AppFailure({ code: 'DB_EMPTY_FILE', message: `資料庫檔案「${file}」是空的（0 位元組），不是本程式的資料庫，未開啟。請確認路徑或由備份還原；${INIT_HINT}。` });
  }
}

/**
 * Opens an existing counter database: WAL so readers never block the clerk's save,
 * synchronous=FULL so a committed case survives power loss, foreign keys on, a busy timeout for a
 * second process (CLI, backup) on the same file, and an integrity check before anything is trusted.
 * A file that is missing, empty, or an SQLite file this app never made is refused with a typed error.
 * The connection holds the owner lock (ownerLock.ts) until `close()`, so a restore refuses while it is open.
 */
export function openDatabase(file: string, options: OpenOptions = {}): WritableDb {
  requireExistingFile(file, options.create === true);
  const lock = holdOwnerLock(file);
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: 5000, fileMustExist: true });
  } catch (e) {
    lock.release();
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
    // Every database create.ts makes is migrated before it gets its name: version 0 means someone else's file.
    if (db.pragma('user_version', { simple: true }) === 0) {
      throw new AppFailure({ code: 'DB_NOT_COUNTER', message: `檔案「${file}」不是本程式的資料庫，未開啟。請確認路徑；${INIT_HINT}。` });
    }
    migrate(db, MIGRATIONS);
  } catch (e) {
    db.close();
    lock.release(); // a corrupt file must stay restorable (boot's recovery screen)
    if (e instanceof AppFailure) throw e;
    throw corruptionFailure(e) ?? new AppFailure({ code: 'DB_OPEN_FAILED', message: `無法開啟資料庫：${(e as Error).message}` });
  }
  // Every shell and command closes through db.close(); the lock goes with the connection, never before it.
  const close = db.close.bind(db);
  db.close = (): Database.Database => {
    try {
      return close();
    } finally {
      lock.release();
    }
  };
  return db as WritableDb;
}
