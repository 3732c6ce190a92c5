import type { inboxThreadApi } from '../../../shared/contract/inboxThreadApi';
import type { receiptsApi } from '../../../shared/contract/receiptsApi';
import type { supplementsApi } from '../../../shared/contract/supplementsApi';
import { inboxEvidence } from '../inbox/evidenceBundle';
import { inboxEvidenceFile, inboxEvidenceFiles } from '../inbox/evidenceFiles';
import { inboxThread } from '../inbox/thread';
import { caseReceipts } from '../signing/caseReceipts';
import { pinnedPlatformKey } from '../sync/credentials';
import { answerSupplement } from '../supplements/answerSupplement';
import { caseSupplements } from '../supplements/caseSupplements';
import { actorOf, type CallContext, type Handler } from './handler';

type Calls = typeof supplementsApi & typeof receiptsApi & typeof inboxThreadApi;

/** Handlers for 補件 at the counter, a case's signed receipts, and the agency's thread, evidence bundle and consent pages (issues 14 §2–3, 15 §2–3). */
export const supplementsHandlers: { [K in keyof Calls]: Handler<K> } = {
  'supplements.forCase': (call, input) => caseSupplements(call.ctx, input.caseNo),
  // The sync engine owns the workstation's credential; without one (not enrolled) the answer waits in the queue.
  'supplements.answer': async (call, input) => {
    const result = await answerSupplement(call.ctx, call.sync.workstationClient(), actorOf(call), input);
    if (result.state === 'sent') call.sync.engine()?.kick('supplement answered'); // pull the resumed status now
    return result;
  },
  'cases.receipts': (call, input) => caseReceipts(call.ctx, input.caseNo, pinnedPlatformKey(call.ctx.db)),
  'inbox.thread': (call, input) => inboxThread(inboxDeps(call), input.id, input.itemCode),
  'inbox.evidence': (call, input) => inboxEvidence(inboxDeps(call), input.id),
  'inbox.evidenceFiles': (call, input) => inboxEvidenceFiles(inboxDeps(call), input.id),
  'inbox.evidenceFile': (call, input) => inboxEvidenceFile(inboxDeps(call), input.id, input.sha256),
};

const inboxDeps = (call: CallContext) => ({ ctx: call.ctx, sync: call.sync, actor: actorOf(call) });
