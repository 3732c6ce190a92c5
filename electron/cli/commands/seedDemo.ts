import { ensureDemoData } from '../../services/demo/ensureDemo';
import { withApp, type Command } from '../command';

export const seedDemoCommand: Command = {
  name: 'seed-demo',
  usage: 'seed-demo  --db 檔案 [--cases N]                建立示範資料庫（示範機關、承辦人與數百筆歷史案件）',
  options: { db: { type: 'string' }, cases: { type: 'string' } },
  run: (values) =>
    withApp(values, (app) => {
      const cases = typeof values.cases === 'string' ? Number(values.cases) : undefined;
      if (!ensureDemoData(app.ctx, cases !== undefined ? { cases } : {})) {
        console.error('資料庫已有使用者資料，未重複建立示範資料。');
        return 2;
      }
      const count = app.ctx.db.prepare('SELECT COUNT(*) FROM cases').pluck().get();
      console.log(`已建立示範資料庫：${values.db}（${count} 件案件）`);
      return 0;
    }, { create: true }), // making a database is this command's purpose (db/open.ts)
};
