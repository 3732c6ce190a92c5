import type { Language } from '../../../shared/language/languages';
import { appendAudit } from '../audit/audit';
import { recordFormLayout } from '../consent/formLayout';
import type { Actor, ServiceContext } from '../context';
import { caseLanguage } from '../pdf/caseLanguage';
import { renderConsentFormWithPages } from '../pdf/consentForm';
import { buildConsentFormModel } from './formModel';
import { loadCaseRow } from './queries';

/**
 * Renders a stored case's combined consent form (bilingual in the case's language, or `language`)
 * and records its page layout; printing personal data is audited.
 */
export async function printCaseForm(ctx: ServiceContext, actor: Actor | null, caseNo: string, language?: Language): Promise<{ pdf: Uint8Array; pages: number }> {
  const model = buildConsentFormModel(ctx, caseNo);
  const row = loadCaseRow(ctx, caseNo);
  const rendered = await renderConsentFormWithPages(model, { language: language ?? caseLanguage(row.language) });
  // Scanning needs to know which printed page carries which agency's item (consent evidence).
  recordFormLayout(ctx.db, row.id, rendered.pages, rendered.layout);
  // 查詢紀錄 (seed 000): time, item and result, tied to the person printed.
  appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(), actorId: actor?.user.id ?? null, actor: actor?.user.username ?? 'cli', action: 'case.print', caseNo, personRef: row.person_ref,
    detail: { items: model.items.length, pages: rendered.pages, result: 'printed' }, workstation: actor?.workstation ?? ctx.config.workstationId, ip: actor?.ip ?? null,
  });
  return rendered;
}
