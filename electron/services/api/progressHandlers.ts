import type { progressApi } from '../../../shared/contract/progressApi';
import { printReceipt } from '../progress/receipt';
import { reissueProgressCode } from '../progress/reissue';
import { actorOf, type Handler } from './handler';

/** Handlers for shared/contract/progressApi.ts. */
export const progressHandlers: { [K in keyof typeof progressApi]: Handler<K> } = {
  'cases.receiptPdf': async (call, input) => {
    const { fileName, pdf } = await printReceipt(call.ctx, actorOf(call), input.caseNo);
    return { fileName, pdfBase64: Buffer.from(pdf).toString('base64') };
  },
  'cases.receiptReissue': (call, input) => {
    const r = reissueProgressCode(call.ctx, actorOf(call), input.caseNo);
    if (r.resent) call.sync.engine()?.kick('progress code reissued'); // carry the new record now, not at the next tick
    return r;
  },
};
