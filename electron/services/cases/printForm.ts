import { appendAudit } from '../audit/audit';
import { recordFormLayout } from '../consent/formLayout';
import type { Actor, ServiceContext } from '../context';
import { renderConsentFormWithPages } from '../pdf/consentForm';
import { buildConsentFormModel } from './formModel';
import { loadCaseRow } from './queries';

/** Renders a stored case's combined consent form and records its page layout; printing personal data is audited. */
export async function printCaseForm(ctx: ServiceContext, actor: Actor | null, caseNo: string): Promise<{ pdf: Uint8Array; pages: number }> {
  const model = buildConsentFormModel(ctx, caseNo);
  const rendered = await renderConsentFormWithPages(model);
  // Scanning needs to know which printed page carries which agency's item (consent evidence).
  const row = loadCaseRow(ctx, caseNo);
  recordFormLayout(ctx.db, row.id, rendered.pages, rendered.layout);
  // 查詢紀錄 (seed 000): time, item and result, tied to the person printed.
  appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(), actorId: actor?.user.id ?? null, actor: actor?.user.username ?? 'cli', action: 'case.print', caseNo, personRef: row.person_ref,
    detail: { items: model.items.length, pages: rendered.pages, result: 'printed' }, workstation: actor?.workstation ?? ctx.config.workstationId, ip: actor?.ip ?? null,
  });
  return rendered;
}
