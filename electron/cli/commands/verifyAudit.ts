import Database from 'better-sqlite3';
import { AppFailure } from '../../../shared/result';
import { verifyAuditChain } from '../../services/audit/audit';
import type { AnchoredVerdict } from '../../services/audit/anchorCheck';
import { corruptionFailure } from '../../services/db/corruption';
import { requireExistingFile, type WritableDb } from '../../services/db/open';
import { platformUrlProblem } from '../../services/platform-client/secureUrl';
import { workstationCredential } from '../../services/sync/credentials';
import { need, UsageError, type Command } from '../command';

/**
 * `verify-audit --db FILE` (stable surface, issue 7): `OK <entries>` and exit 0 when the chain is
 * intact, `BROKEN <entry id>` and exit 1 at the first bad entry. The file is opened read-only and
 * without migrations: checking evidence must not change it. A missing or empty file, or one SQLite
 * finds damaged (here or halfway through the chain), is the same typed failure the app gives
 * (DB_NOT_FOUND, DB_EMPTY_FILE, DB_CORRUPT; exit 2), never 未預期的錯誤; so is a sound SQLite file with
 * no audit table (DB_NOT_COUNTER, exit 2).
 *
 * `--against-platform URL` (issue 15 §2) also asks the platform which head it anchored for this
 * workstation: `TRUNCATED <expected head>` and exit 1 when the local chain no longer contains it.
 * The question authenticates with the workstation's own token (from the database: only it may read
 * its anchors) AND the answer must be signed by the platform key pinned at enrolment, with this
 * run's nonce (a stored or forged answer is refused, exit 2).
 */
export const verifyAuditCommand: Command = {
  name: 'verify-audit',
  usage: 'verify-audit --db 檔案 [--against-platform 網址]    驗證稽核紀錄雜湊鏈（並比對平台存證的最新筆數與雜湊）',
  options: { db: { type: 'string' }, 'against-platform': { type: 'string' } },
  run: async (values) => {
    const file = need(values, 'db');
    const platform = values['against-platform'];
    if (platform !== undefined) {
      if (typeof platform !== 'string' || platform === '') throw new UsageError('缺少 --against-platform 的平台網址');
      const problem = platformUrlProblem(platform);
      if (problem) throw new UsageError(problem.message);
    }
    requireExistingFile(file, false);
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
    } catch (e) {
      throw new AppFailure({ code: 'DB_OPEN_FAILED', message: `無法開啟資料庫檔案「${file}」：${(e as Error).message}` });
    }
    try {
      if (typeof platform === 'string') return report(await againstPlatform(db, platform));
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
    requireAuditTable(db);
    return verifyAuditChain(db);
  } catch (e) {
    throw corruptionFailure(e) ?? e;
  }
}

/**
 * A sound SQLite file of something else (the platform's database, another program's) has no chain
 * to check: say so, rather than let "no such table" surface as 未預期的錯誤.
 */
function requireAuditTable(db: Database.Database): void {
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'").get() === undefined) {
    throw new AppFailure({ code: 'DB_NOT_COUNTER', message: `資料庫檔案「${db.name}」不是臨櫃資料庫（沒有稽核紀錄表），無法驗證稽核紀錄；請確認檔案路徑` });
  }
}

async function againstPlatform(db: Database.Database, url: string): Promise<AnchoredVerdict> {
  const reader = db as unknown as WritableDb;
  let credential;
  try {
    requireAuditTable(db);
    credential = workstationCredential(reader);
  } catch (e) {
    throw corruptionFailure(e) ?? e;
  }
  if (!credential) throw new AppFailure({ code: 'NOT_ENROLLED', message: '此資料庫的工作站尚未向平台註冊，無法比對平台存證的稽核紀錄' });
  if (!credential.platformKey) {
    throw new AppFailure({ code: 'PLATFORM_KEY_NOT_PINNED', message: '此工作站註冊時未鎖定平台公鑰（舊版註冊），無法驗證平台的回覆；請重新註冊後再比對' });
  }
  // Loaded only here: the plain chain walk (the common, offline use) starts no faster with a platform client in it.
  const [{ verifyAgainstPlatform }, { createPlatformClient }, { loadWorkstationConfig }] = await Promise.all([
    import('../../services/audit/anchorCheck'),
    import('../../services/platform-client/client'),
    import('../../services/config/load'),
  ]);
  const caFile = loadWorkstationConfig().config.platform?.caFile;
  const client = createPlatformClient({ baseUrl: url, token: credential.token, ...(caFile ? { caFile } : {}) });
  try {
    return await verifyAgainstPlatform(reader, client, { workstationId: credential.clientId, pinnedKey: credential.platformKey });
  } catch (e) {
    throw corruptionFailure(e) ?? e;
  }
}

function report(v: AnchoredVerdict): number {
  if (v.kind === 'ok') {
    console.log(`OK ${v.rows}`);
    return 0;
  }
  if (v.kind === 'broken') {
    console.log(`BROKEN ${v.brokenAt}`);
    console.error(`稽核紀錄第 ${v.brokenAt} 筆之內容或鏈結不符（其前 ${v.rows} 筆完好）`);
    return 1;
  }
  console.log(`TRUNCATED ${v.expected}`);
  console.error(`平台存證本工作站稽核紀錄已達 ${v.anchored} 筆（最新雜湊如上），本機紀錄只有 ${v.rows} 筆或第 ${v.anchored} 筆不符：紀錄尾端已被截去或改寫`);
  return 1;
}
