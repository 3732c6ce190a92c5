import Database from 'better-sqlite3';
import { AppFailure } from '../../../shared/result';
import { verifyAuditChain } from '../../services/audit/audit';
import { corruptionFailure } from '../../services/db/corruption';
import { requireExistingFile } from '../../services/db/open';
import { need, type Command } from '../command';

/**
 * `verify-audit --db FILE` (stable surface, issue 7): `OK <entries>` and exit 0 when the chain is
 * intact, `BROKEN <entry id>` and exit 1 at the first bad entry. The file is opened read-only and
 * without migrations: checking evidence must not change it. A missing or empty file, or one SQLite
 * finds damaged (here or halfway through the chain), is the same typed failure the app gives
 * (DB_NOT_FOUND, DB_EMPTY_FILE, DB_CORRUPT; exit 2), never 未預期的錯誤; so is a sound SQLite file with
 * no audit table (DB_NOT_COUNTER, exit 2).
 */
export const verifyAuditCommand: Command = {
  name: 'verify-audit',
  usage: 'verify-audit --db 檔案                             驗證稽核紀錄雜湊鏈',
  options: { db: { type: 'string' } },
  run: (values) => {
    const file = need(values, 'db');
    requireExistingFile(file, false);
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
    } catch (e) {
      throw new AppFailure({ code: 'DB_OPEN_FAILED', message: `無法開啟資料庫檔案「${file}」：${(e as Error).message}` });
    }
    try {
      const verdict = verifyOrExplain(db);
      if (verdict.ok) {
        console.log(`OK ${verdict.rows}`);
        return 0;
      }
      console.log(`BROKEN ${verdict.brokenAt}`);
      console.error(`稽核紀錄第 ${verdict.brokenAt} 筆之內容或鏈結不符（其前 ${verdict.rows} 筆完好）`);
      return 1;
    } finally {
      db.close();
    }
  },
};

function verifyOrExplain(db: Database.Database): ReturnType<typeof verifyAuditChain> {
  try {
    // A sound SQLite file of something else (the platform's database, another program's) has no
    // chain to check: say so, rather than let "no such table" surface as 未預期的錯誤.
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'").get() === undefined) {
      throw new AppFailure({ code: 'DB_NOT_COUNTER', message: `資料庫檔案「${db.name}」不是臨櫃資料庫（沒有稽核紀錄表），無法驗證稽核紀錄；請確認檔案路徑` });
    }
    return verifyAuditChain(db);
  } catch (e) {
    throw corruptionFailure(e) ?? e;
  }
}
