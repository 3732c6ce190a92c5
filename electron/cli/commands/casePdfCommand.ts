import { writeFileSync } from 'node:fs';
import type { Language } from '../../../shared/language/languages';
import type { ServiceContext } from '../../services/context';
import { need, withApp, type Command } from '../command';
import { languageOption } from './languageOption';

/** What a print command makes for one case: the PDF, and its page count when the printout has several. */
export type CasePdf = { pdf: Uint8Array; pages?: number };

/**
 * A print command: `--db --case --out [--lang]`, the PDF of one case written to `--out`, one line
 * saying where and how big. print-form and print-receipt differ only in the printout, so they share
 * the option handling, the exit codes (missing option 1, unknown language or case 2) and the line.
 */
export function casePdfCommand(spec: {
  name: string;
  usage: string;
  print: (ctx: ServiceContext, caseNo: string, language: Language | undefined) => Promise<CasePdf>;
}): Command {
  return {
    name: spec.name,
    usage: spec.usage,
    options: { db: { type: 'string' }, case: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' } },
    run: async (values) => {
      const caseNo = need(values, 'case');
      const out = need(values, 'out');
      const language = languageOption(values);
      return withApp(values, async (app) => {
        const { pdf, pages } = await spec.print(app.ctx, caseNo, language);
        writeFileSync(out, pdf);
        const size = pages === undefined ? `${pdf.byteLength} 位元組` : `${pages} 頁，${pdf.byteLength} 位元組`;
        console.log(`已輸出 ${out}（${size}）`);
        return 0;
      });
    },
  };
}
