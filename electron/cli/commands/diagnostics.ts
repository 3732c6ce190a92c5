import { writeFileSync } from 'node:fs';
import { collectDiagnostics } from '../../services/diagnostics/bundle';
import { appVersion } from '../../services/version';
import { need, withApp, type Command } from '../command';

export const diagnosticsCommand: Command = {
  name: 'diagnostics',
  usage: 'diagnostics --db 檔案 --out 檔案.json [--logs 資料夾] [--backups 資料夾]   匯出診斷資料（不含個人資料）',
  options: { db: { type: 'string' }, out: { type: 'string' }, logs: { type: 'string' }, backups: { type: 'string' } },
  run: (values) => {
    const out = need(values, 'out');
    return withApp(values, (app) => {
      const bundle = collectDiagnostics({
        ctx: app.ctx,
        appVersion: appVersion(),
        shell: 'cli',
        logDir: typeof values.logs === 'string' ? values.logs : null,
        backupDir: typeof values.backups === 'string' ? values.backups : (app.ctx.config.backup?.dir ?? null),
      });
      writeFileSync(out, `${JSON.stringify(bundle, null, 2)}\n`);
      console.log(`已輸出診斷資料：${out}`);
      return 0;
    });
  },
};
