import { AppFailure } from '../../../shared/result';
import { backupDatabase } from '../../services/backup/backup';
import { openDatabase } from '../../services/db/open';
import { appVersion } from '../../services/version';
import { need, UsageError, type Command } from '../command';

export const backupCommand: Command = {
  name: 'backup',
  usage: 'backup     --db 檔案 --to 資料夾 [--keep N] [--allow-shrink]   線上備份資料庫與掃描檔並驗證（保留 N 份，預設 14；案件數少於上一份時須 --allow-shrink）',
  options: { db: { type: 'string' }, to: { type: 'string' }, keep: { type: 'string' }, 'allow-shrink': { type: 'boolean' } },
  run: async (values) => {
    const dbFile = need(values, 'db');
    const dir = need(values, 'to');
    const keep = values.keep === undefined ? 14 : Number(values.keep);
    if (!Number.isInteger(keep) || keep < 1) throw new UsageError(`--keep 須為正整數：「${String(values.keep)}」`);
    const db = openDatabase(dbFile);
    try {
      const b = await backupDatabase(db, { dir, keep, now: new Date(), appVersion: appVersion(), allowShrink: values['allow-shrink'] === true });
      console.log(`已備份並驗證：${b.path}（${b.bytes} 位元組，integrity_check ok；掃描檔與附件 ${b.files ?? 0} 個，雜湊相符）`);
      return 0;
    } catch (e) {
      if (e instanceof AppFailure) throw e;
      throw new AppFailure({ code: 'BACKUP_FAILED', message: (e as Error).message });
    } finally {
      db.close();
    }
  },
};
