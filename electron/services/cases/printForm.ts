import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';
import { renderConsentFormWithPages } from '../pdf/consentForm';
import { buildConsentFormModel } from './formModel';

/** Renders a stored case's combined consent form; printing personal data is audited. */
export async function printCaseForm(ctx: ServiceContext, actor: Actor | null, caseNo: string): Promise<{ pdf: Uint8Array; pages: number }> {
  const model = buildConsentFormModel(ctx, caseNo);
  const rendered = await renderConsentFormWithPages(model);
  appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(), actorId: actor?.user.id ?? null, actor: actor?.user.username ?? 'cli', action: 'case.print', caseNo,
    detail: { items: model.items.length }, workstation: actor?.workstation ?? ctx.config.workstationId, ip: actor?.ip ?? null,
  });
  return rendered;
}
