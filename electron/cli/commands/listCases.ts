import { withApp, type Command } from '../command';

type Row = { caseNo: string; createdAt: string; localDate: string; lifeEvent: string; status: string; personName: string; items: number; itemCodes: string | null };

export const listCasesCommand: Command = {
  name: 'list-cases',
  usage: 'list-cases --db 檔案 [--json]                    列出案件',
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  run: (values) =>
    withApp(values, (app) => {
      const rows = app.ctx.db
        .prepare(
          `SELECT c.case_no AS caseNo, c.created_at AS createdAt, c.local_date AS localDate, c.life_event AS lifeEvent, c.status,
                  p.name AS personName, (SELECT COUNT(*) FROM notifications n WHERE n.case_id = c.id) AS items,
                  (SELECT group_concat(item_code, ',') FROM notifications n WHERE n.case_id = c.id) AS itemCodes
           FROM cases c JOIN participants p ON p.case_id = c.id AND p.seq = 0 ORDER BY c.id`,
        )
        .all() as Row[];
      if (values.json) console.log(JSON.stringify(rows.map((r) => ({ ...r, itemCodes: r.itemCodes ? r.itemCodes.split(',') : [] }))));
      else for (const r of rows) console.log(`${r.caseNo}\t${r.localDate}\t${r.personName}\t${r.items} 項\t${r.status}`);
      return 0;
    }),
};
