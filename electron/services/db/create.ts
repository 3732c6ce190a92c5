import Database from 'better-sqlite3';
import { closeSync, existsSync, linkSync, openSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../../shared/result';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './privateFiles';

/**
 * Creates a new, fully migrated counter database at `file` — the ONLY way a database comes into
 * being (issue 13, finding 3: a mistyped path or a zero-byte file must never become an empty
 * "database" that lists nothing and backs up as verified). The schema is built under a temporary
 * name and linked into place only when complete, so a crash never leaves a half-made or zero-byte
 * file under the real name, and `openDatabase` can treat any empty file as damage. The file is
 * 0600 before SQLite writes a byte (its -wal/-shm inherit the mode). Two processes creating at once
 * is fine: the first link wins, the other's copy is dropped. Returns false if `file` already existed.
 */
export function createDatabaseFile(file: string): boolean {
  if (existsSync(file)) return false;
  ensurePrivateDir(dirname(file));
  const tmp = `${file}.creating-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    closeSync(openSync(tmp, 'wx', PRIVATE_FILE_MODE));
    const db = new Database(tmp, { fileMustExist: true });
    try {
      db.pragma('journal_mode = WAL');
      migrate(db, MIGRATIONS);
    } finally {
      db.close(); // checkpoints and removes the -wal: the file alone is the whole database
    }
    try {
      linkSync(tmp, file);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    throw new AppFailure({ code: 'DB_CREATE_FAILED', message: `無法建立資料庫檔案「${file}」：${(e as Error).message}` });
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  }
}
