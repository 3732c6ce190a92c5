import { AppFailure } from '../../../shared/result';
import { createDatabaseFile } from '../../services/db/create';
import { need, type Command } from '../command';

/**
 * `init --db FILE`: the documented way to make an empty counter database before the app's first
 * start (e.g. to enrol the workstation or add the first administrator). Every other command refuses
 * a missing file (issue 13, finding 3), and this one refuses an existing one: it never touches data.
 */
export const initCommand: Command = {
  name: 'init',
  usage: 'init       --db 檔案                            建立新的空白資料庫（檔案已存在則拒絕）',
  options: { db: { type: 'string' } },
  run: (values) => {
    const dbFile = need(values, 'db');
    if (!createDatabaseFile(dbFile)) {
      throw new AppFailure({ code: 'DB_EXISTS', message: `資料庫檔案「${dbFile}」已存在，未變更。init 只建立新資料庫。` });
    }
    console.log(`已建立新資料庫：${dbFile}`);
    return 0;
  },
};
