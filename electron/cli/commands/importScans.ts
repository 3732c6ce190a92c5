import { importDirectory } from '../../services/scanning/importDir';
import { need, withApp, type Command } from '../command';

export const importScansCommand: Command = {
  name: 'import-scans',
  usage: 'import-scans --db 檔案 --dir 資料夾           匯入資料夾內的掃描檔（PDF/JPEG/PNG/TIFF，各檔只匯入一次），輸出 JSON 摘要',
  options: { db: { type: 'string' }, dir: { type: 'string' } },
  run: async (values) => {
    const dir = need(values, 'dir');
    return withApp(values, async (app) => {
      const summary = await importDirectory(app.ctx, dir);
      // stdout is the stable JSON surface; problems with single files go to stderr for people.
      for (const r of summary.rejected) console.error(`略過「${r.file}」（${r.code}）：${r.message}`);
      console.log(JSON.stringify(summary));
      return 0;
    });
  },
};
