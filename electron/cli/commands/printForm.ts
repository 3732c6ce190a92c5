import { writeFileSync } from 'node:fs';
import { printCaseForm } from '../../services/cases/printForm';
import { need, withApp, type Command } from '../command';
import { languageOption } from './languageOption';

export const printFormCommand: Command = {
  name: 'print-form',
  usage: 'print-form --db 檔案 --case 案件編號 --out 檔案.pdf [--lang zh-TW|zh-Hans|en|vi|id|th|km]   重印案件申請書暨同意書（中文為準，另附民眾語言；預設依案件）',
  options: { db: { type: 'string' }, case: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' } },
  run: async (values) => {
    const caseNo = need(values, 'case');
    const out = need(values, 'out');
    const language = languageOption(values);
    return withApp(values, async (app) => {
      const { pdf, pages } = await printCaseForm(app.ctx, null, caseNo, language);
      writeFileSync(out, pdf);
      console.log(`已輸出 ${out}（${pages} 頁，${pdf.byteLength} 位元組）`);
      return 0;
    });
  },
};
