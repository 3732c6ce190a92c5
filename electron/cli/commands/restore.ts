import { restoreDatabase } from '../../services/backup/restore';
import { need, type Command } from '../command';

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore    --from 備份檔 --db 檔案 [--attachments 資料夾]   由備份還原（原檔另存，不覆寫；請先結束程式）',
  options: { from: { type: 'string' }, db: { type: 'string' }, attachments: { type: 'string' } },
  run: (values) => {
    const attachmentsDir = typeof values.attachments === 'string' ? values.attachments : undefined;
    const r = restoreDatabase({ from: need(values, 'from'), dbFile: need(values, 'db'), now: new Date(), ...(attachmentsDir ? { attachmentsDir } : {}) });
    console.log(`已由 ${r.restoredFrom} 還原至 ${values.db}${r.keptAs ? `；原資料庫已另存為 ${r.keptAs}` : ''}`);
    return 0;
  },
};
