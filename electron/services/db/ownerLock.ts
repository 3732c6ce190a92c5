import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../../shared/result';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './privateFiles';

/**
 * Who has a counter database open, as an OS lock that dies with its process (issue 17, finding 3:
 * a restore while the app ran left the app writing new cases into the kept-aside file).
 *
 * The lock is SQLite's own file locking (POSIX fcntl / Windows LockFileEx) on a small side file
 * `<db>.lock`, so it needs no native add-on and a kill -9 frees it. Every open of the database
 * (app, CLI command, a second test process saving cases into the same file) holds a SHARED lock for
 * as long as the connection is open: owners never exclude each other — two writers on one file are
 * legitimate and SQLite serialises them. A restore needs the EXCLUSIVE lock, which it gets only
 * when no process has the database open; while it holds it, a new open waits briefly, then refuses.
 */
export type OwnerLock = { release(): void };

const lockFileOf = (dbFile: string): string => `${dbFile}.lock`;

function connect(dbFile: string, timeoutMs: number): Database.Database {
  const file = lockFileOf(dbFile);
  // Made 0600 once. Never opened with node:fs again: closing any descriptor of a file drops the process's POSIX locks on it.
  if (!existsSync(file)) {
    ensurePrivateDir(dirname(file)); // a restore onto a new PC comes before the app ever made the folder
    closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  }
  const c = new Database(file, { timeout: timeoutMs, fileMustExist: true });
  c.pragma('journal_mode = DELETE'); // rollback-journal locks: SHARED / EXCLUSIVE, which is the point
  return c;
}

const busy = (e: unknown): boolean => /SQLITE_BUSY|database is locked/i.test(String((e as { code?: string }).code ?? '') + String((e as Error).message));

/** The lock an app or CLI open holds while its connection lives. */
export function holdOwnerLock(dbFile: string): OwnerLock {
  const c = connect(dbFile, 5000);
  try {
    c.exec('BEGIN');
    c.prepare('SELECT count(*) FROM sqlite_master').get(); // takes the SHARED lock and keeps it until release
  } catch (e) {
    c.close();
    if (busy(e)) throw new AppFailure({ code: 'DB_RESTORE_RUNNING', message: `資料庫「${dbFile}」正在還原中，請稍候再開啟。` });
    throw e;
  }
  let held = true;
  return {
    release: () => {
      if (!held) return;
      held = false;
      c.close(); // ends the read transaction and frees the lock
    },
  };
}

/** Runs `fn` while no process has the database open, and none can open it; refuses in zh-TW otherwise. */
export function withExclusiveLock<T>(dbFile: string, fn: () => T): T {
  const c = connect(dbFile, 0);
  try {
    try {
      c.exec('BEGIN EXCLUSIVE');
    } catch (e) {
      if (!busy(e)) throw e;
      throw new AppFailure({
        code: 'DB_IN_USE',
        message: `資料庫「${dbFile}」正由本程式或其他指令使用中，未還原，任何檔案都未變更。請先結束程式（及備份、同步等指令）後再還原。`,
      });
    }
    return fn();
  } finally {
    c.close();
  }
}
