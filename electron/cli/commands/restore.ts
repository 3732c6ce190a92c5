import { restoreDatabase } from '../../services/backup/restore';
import { need, type Command } from '../command';

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore    --from 備份檔 --db 檔案                 由備份還原資料庫與掃描檔（原檔另存，不覆寫；程式使用中則拒絕）',
  options: { from: { type: 'string' }, db: { type: 'string' } },
  run: (values) => {
    const r = restoreDatabase({ from: need(values, 'from'), dbFile: need(values, 'db'), now: new Date() });
    console.log(`已由 ${r.restoredFrom} 還原至 ${values.db}（掃描檔與附件補回 ${r.filesRestored} 個）${r.keptAs ? `；原資料庫已另存為 ${r.keptAs}` : ''}`);
    if (r.highWater && !r.highWater.carried) {
      console.error(`警告：無法讀取原資料庫已使用的案件編號與查詢碼（${r.highWater.reason}），新案件編號可能與平台已收過的重複，平台會拒收重複者；請聯絡資訊人員。`);
    }
    return 0;
  },
};
