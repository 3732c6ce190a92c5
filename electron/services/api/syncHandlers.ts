import type { syncApi } from '../../../shared/contract/syncApi';
import { AppFailure } from '../../../shared/result';
import { actOnInboxItem, listInbox, openInboxItem } from '../inbox/inbox';
import { markSentOnPaper, printPaperForm } from '../sync/paper';
import { caseProgress } from '../sync/progress';
import { actorOf, type CallContext, type Handler } from './handler';

/** Handlers for the sync, paper-fallback, live-progress and agency-inbox calls (shared/contract/syncApi.ts). */
export const syncHandlers: { [K in keyof typeof syncApi]: Handler<K> } = {
  'sync.status': (call) => call.sync.status(),
  'sync.retryNow': (call, input) => {
    const engine = call.sync.engine();
    if (!engine) throw new AppFailure({ code: 'SYNC_NOT_ENROLLED', message: '本工作站尚未向平台註冊，無法送出；請資訊人員執行 npm run counter -- enroll' });
    return { requeued: engine.retryNow(call.user!.username, input.includeFailed) };
  },
  'sync.paperForm': async (call, input) => {
    const { fileName, pdf } = await printPaperForm(call.ctx, actorOf(call), input.notificationId);
    return { fileName, pdfBase64: Buffer.from(pdf).toString('base64'), pages: 1 };
  },
  'sync.markSentOnPaper': (call, input) => markSentOnPaper(call.ctx, actorOf(call), input.notificationId, input.note),
  'cases.progress': (call, input) => caseProgress(call.ctx, input.caseNo),
  'inbox.list': (call, input) => listInbox(inboxDeps(call), input),
  'inbox.refresh': (call, input) => listInbox(inboxDeps(call), input, { audit: false }),
  'inbox.open': (call, input) => openInboxItem(inboxDeps(call), input.id),
  'inbox.act': (call, input) => actOnInboxItem(inboxDeps(call), input.id, input.action),
};

const inboxDeps = (call: CallContext) => ({ ctx: call.ctx, sync: call.sync, actor: actorOf(call) });
