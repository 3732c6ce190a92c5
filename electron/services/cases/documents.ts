import { AppFailure } from '../../../shared/result';
import { isoFromDate } from '../../../shared/validators';
import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';
import { loadCaseRow } from './queries';

export type DocumentArrival = { status: string; documentsCompleteOn: string | null; missing: number };

/**
 * A missing document of the checklist arrived (救生圈 補件). The day the last one arrives is the
 * case's 證件備齊日 (documents_complete_on), from which the subsidy's effective month is counted
 * (seed 000 lines 541–545), and the case leaves 待補件. One transaction with its audit row.
 */
export function markDocumentArrived(ctx: ServiceContext, actor: Actor, caseNo: string, code: string): DocumentArrival {
  const today = isoFromDate(ctx.clock.now());
  return ctx.db.transaction(() => {
    const row = loadCaseRow(ctx, caseNo);
    const doc = ctx.db.prepare('SELECT name, status FROM case_documents WHERE case_id = ? AND code = ?').get(row.id, code) as
      | { name: string; status: string }
      | undefined;
    if (!doc) throw new AppFailure({ code: 'DOCUMENT_UNKNOWN', message: `案件「${caseNo}」的文件清單沒有「${code}」`, path: 'code' });
    if (doc.status !== 'missing') throw new AppFailure({ code: 'DOCUMENT_NOT_MISSING', message: `「${doc.name}」已註記為已備或免附`, path: 'code' });
    ctx.db.prepare("UPDATE case_documents SET status = 'present', arrived_on = ? WHERE case_id = ? AND code = ?").run(today, row.id, code);
    const missing = ctx.db.prepare("SELECT COUNT(*) FROM case_documents WHERE case_id = ? AND status = 'missing'").pluck().get(row.id) as number;
    const complete = missing === 0 ? today : null;
    if (complete) ctx.db.prepare("UPDATE cases SET status = 'submitted', documents_complete_on = ? WHERE id = ? AND status = 'awaiting-documents'").run(complete, row.id);
    appendAudit(ctx.db, {
      at: ctx.clock.now().toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'case.document-arrived', caseNo,
      detail: { document: code, missing, documentsCompleteOn: complete }, workstation: actor.workstation, ip: actor.ip,
    });
    return { status: complete ? 'submitted' : row.status, documentsCompleteOn: complete ?? row.documents_complete_on, missing };
  }).immediate();
}
