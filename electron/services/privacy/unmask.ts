import { CaseNo } from '../../../shared/contract/api';
import type { UnmaskField } from '../../../shared/contract/privacyApi';
import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';

export type UnmaskRequest = { caseNo: string; reason: string; fields: readonly UnmaskField[] };

const MIN_REASON = 2;

/**
 * Shows masked fields in full for one open case. Every request is audited — granted ones with
 * who/when/which person/which fields/workstation, refused ones with why — and the reason text is
 * kept in the audit detail (it is the clerk's words, not the person's data). The values themselves
 * never reach the audit or the logs.
 */
export function unmaskPerson(ctx: ServiceContext, actor: Actor, req: UnmaskRequest): { caseNo: string; values: { personId?: string; phone?: string | null } } {
  const at = ctx.clock.now().toISOString();
  const refuse = (code: string, message: string, personRef: number | null = null): never => {
    // Only a well-formed case number is recorded: whatever else was typed there might be an ID number.
    const caseNo = CaseNo.safeParse(req.caseNo).success ? req.caseNo : null;
    appendAudit(ctx.db, {
      at, actorId: actor.user.id, actor: actor.user.username, action: 'person.unmask-refused', caseNo, personRef,
      detail: { code, fields: [...req.fields], reason: req.reason || null }, workstation: actor.workstation, ip: actor.ip,
    });
    throw new AppFailure({ code, message });
  };
  if (req.reason.length < MIN_REASON) refuse('UNMASK_REASON_REQUIRED', '顯示完整個人資料須填寫事由');
  if (!req.caseNo) refuse('UNMASK_CASE_REQUIRED', '顯示完整個人資料須填寫辦理中的案件編號');
  const row = ctx.db
    .prepare('SELECT c.status, p.id AS person_ref, p.person_id, p.phone FROM cases c JOIN participants p ON p.case_id = c.id AND p.seq = 0 WHERE c.case_no = ?')
    .get(req.caseNo) as { status: string; person_ref: number; person_id: string; phone: string | null } | undefined;
  if (!row) return refuse('UNMASK_CASE_NOT_FOUND', `查無案件「${req.caseNo}」，無法顯示完整個人資料`);
  if (row.status !== 'submitted') return refuse('UNMASK_CASE_CLOSED', '案件已結案，不能再顯示完整個人資料', row.person_ref);
  appendAudit(ctx.db, {
    at, actorId: actor.user.id, actor: actor.user.username, action: 'person.unmask', caseNo: req.caseNo, personRef: row.person_ref,
    detail: { fields: [...req.fields], reason: req.reason }, workstation: actor.workstation, ip: actor.ip,
  });
  const values: { personId?: string; phone?: string | null } = {};
  if (req.fields.includes('personId')) values.personId = row.person_id;
  if (req.fields.includes('phone')) values.phone = row.phone;
  return { caseNo: req.caseNo, values };
}
