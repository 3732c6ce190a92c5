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
  recordFormLayout(ctx.db, loadCaseRow(ctx, caseNo).id, rendered.pages, rendered.layout);
  appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(), actorId: actor?.user.id ?? null, actor: actor?.user.username ?? 'cli', action: 'case.print', caseNo,
    detail: { items: model.items.length }, workstation: actor?.workstation ?? ctx.config.workstationId, ip: actor?.ip ?? null,
  });
  return rendered;
}
