import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import { loadCaseRow } from '../cases/queries';
import type { Actor, ServiceContext } from '../context';

/**
 * A documented exception: the clerk states why this agency's notifications may go without a
 * scanned signature (form lost, consent given another way). One per case and agency, audited,
 * never overwritten — a second attempt is refused so the first reason stands.
 */
export function recordConsentException(ctx: ServiceContext, actor: Actor, caseNo: string, agencyCode: string, reason: string): void {
  const row = loadCaseRow(ctx, caseNo);
  const receives = ctx.db.prepare('SELECT 1 FROM notifications WHERE case_id = ? AND receiver_agency = ? LIMIT 1').get(row.id, agencyCode);
  if (!receives) throw new AppFailure({ code: 'AGENCY_NOT_IN_CASE', message: `案件「${caseNo}」沒有通報「${agencyCode}」的項目`, path: 'agencyCode' });
  const at = ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    const exists = ctx.db.prepare('SELECT 1 FROM consent_exceptions WHERE case_id = ? AND receiver_agency = ?').get(row.id, agencyCode);
    if (exists) throw new AppFailure({ code: 'CONSENT_EXCEPTION_EXISTS', message: '此機關已記錄過例外理由，不能覆寫' });
    ctx.db.prepare('INSERT INTO consent_exceptions (case_id, receiver_agency, reason, actor, at) VALUES (?, ?, ?, ?, ?)').run(row.id, agencyCode, reason, actor.user.username, at);
    appendAudit(ctx.db, {
      at, actorId: actor.user.id, actor: actor.user.username, action: 'consent.exception', caseNo, personRef: row.person_ref,
      detail: { agency: agencyCode, reason: reason.slice(0, 200) }, workstation: actor.workstation, ip: actor.ip,
    });
  }).immediate();
}
