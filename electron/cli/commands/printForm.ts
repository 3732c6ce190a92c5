import { printCaseForm } from '../../services/cases/printForm';
import { casePdfCommand } from './casePdfCommand';

export const printFormCommand = casePdfCommand({
  name: 'print-form',
  usage: 'print-form --db 檔案 --case 案件編號 --out 檔案.pdf [--lang zh-TW|zh-Hans|en|vi|id|th|km]   重印案件申請書暨同意書（中文為準，另附民眾語言；預設依案件）',
  print: (ctx, caseNo, language) => printCaseForm(ctx, null, caseNo, language),
});
