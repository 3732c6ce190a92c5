import { writeFileSync } from 'node:fs';
import { printReceipt } from '../../services/progress/receipt';
import { need, withApp, type Command } from '../command';
import { languageOption } from './languageOption';

export const printReceiptCommand: Command = {
  name: 'print-receipt',
  usage: 'print-receipt --db 檔案 --case 案件編號 --out 檔案.pdf [--lang 語言代碼]   列印民眾收執聯（含進度查詢 QR 碼）',
  options: { db: { type: 'string' }, case: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' } },
  run: async (values) => {
    const caseNo = need(values, 'case');
    const out = need(values, 'out');
    const language = languageOption(values);
    return withApp(values, async (app) => {
      const { pdf } = await printReceipt(app.ctx, null, caseNo, language);
      writeFileSync(out, pdf);
      console.log(`已輸出 ${out}（${pdf.byteLength} 位元組）`);
      return 0;
    });
  },
};
