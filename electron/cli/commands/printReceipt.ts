import { printReceipt } from '../../services/progress/receipt';
import { casePdfCommand } from './casePdfCommand';

export const printReceiptCommand = casePdfCommand({
  name: 'print-receipt',
  usage: 'print-receipt --db 檔案 --case 案件編號 --out 檔案.pdf [--lang 語言代碼]   列印民眾收執聯（含進度查詢 QR 碼）',
  // The receipt is one page: its line gives the size only.
  print: async (ctx, caseNo, language) => ({ pdf: (await printReceipt(ctx, null, caseNo, language)).pdf }),
});
