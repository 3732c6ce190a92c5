import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppFailure } from '../../shared/result';
import { createCounterApp } from '../services/app';
import { printCaseForm } from '../services/cases/printForm';
import { ensureDemoData } from '../services/demo/ensureDemo';
import { silentLogger } from '../services/logging/logger';
import { CatalogueError } from '../services/catalogue/loadCatalogue';

/**
 * Operations CLI (`npm run counter -- <command>`), for IT and for scripted checks. Messages are
 * zh-TW; exit code 0 ok, 1 bad usage or input, 2 operation failed.
 */
const USAGE = `用法：npm run counter -- <指令> [選項]
  seed-demo  --db 檔案                         建立示範資料庫（示範機關、承辦人與數百筆歷史案件）
  list-cases --db 檔案 [--json]                 列出案件
  print-form --db 檔案 --case 案件編號 --out 檔案.pdf   重印案件申請書暨同意書`;

class UsageError extends Error {}

function need(values: Record<string, unknown>, key: string): string {
  const v = values[key];
  if (typeof v !== 'string' || v === '') throw new UsageError(`缺少 --${key}`);
  return v;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { db: { type: 'string' }, json: { type: 'boolean' }, case: { type: 'string' }, out: { type: 'string' }, cases: { type: 'string' } },
    strict: true,
  });
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const open = () => createCounterApp({ dbFile: need(values, 'db'), shell: 'cli', logger: silentLogger() });
  switch (command) {
    case 'seed-demo': {
      const app = open();
      try {
        const cases = values.cases ? Number(values.cases) : undefined;
        if (!ensureDemoData(app.ctx, cases !== undefined ? { cases } : {})) {
          console.error('資料庫已有使用者資料，未重複建立示範資料。');
          return 2;
        }
        const count = app.ctx.db.prepare('SELECT COUNT(*) FROM cases').pluck().get();
        console.log(`已建立示範資料庫：${values.db}（${count} 件案件）`);
        return 0;
      } finally {
        app.close();
      }
    }
    case 'list-cases': {
      const app = open();
      try {
        const rows = app.ctx.db
          .prepare(
            `SELECT c.case_no AS caseNo, c.created_at AS createdAt, c.local_date AS localDate, c.life_event AS lifeEvent, c.status,
                    p.name AS personName, (SELECT COUNT(*) FROM notifications n WHERE n.case_id = c.id) AS items,
                    (SELECT group_concat(item_code, ',') FROM notifications n WHERE n.case_id = c.id) AS itemCodes
             FROM cases c JOIN people p ON p.id = c.person_ref ORDER BY c.id`,
          )
          .all() as { caseNo: string; createdAt: string; localDate: string; lifeEvent: string; status: string; personName: string; items: number; itemCodes: string }[];
        if (values.json) console.log(JSON.stringify(rows.map((r) => ({ ...r, itemCodes: r.itemCodes ? r.itemCodes.split(',') : [] }))));
        else for (const r of rows) console.log(`${r.caseNo}\t${r.localDate}\t${r.personName}\t${r.items} 項\t${r.status}`);
        return 0;
      } finally {
        app.close();
      }
    }
    case 'print-form': {
      const caseNo = need(values, 'case');
      const out = need(values, 'out');
      const app = open();
      try {
        const { pdf, pages } = await printCaseForm(app.ctx, null, caseNo);
        writeFileSync(out, pdf);
        console.log(`已輸出 ${out}（${pages} 頁，${pdf.byteLength} 位元組）`);
        return 0;
      } finally {
        app.close();
      }
    }
    default:
      throw new UsageError(`未知的指令「${command}」`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError || (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`${(e as Error).message}\n\n${USAGE}`);
      process.exit(1);
    }
    if (e instanceof AppFailure) console.error(`錯誤（${e.error.code}）：${e.error.message}`);
    else if (e instanceof CatalogueError) console.error(e.message);
    else console.error(`未預期的錯誤：${(e as Error).message}`);
    process.exit(2);
  },
);
