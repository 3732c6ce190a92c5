import type { AgencyConsent, CaseEvidence } from '../../../shared/contract/scanningApi';
import { listAttachments } from '../attachments/queries';
import { loadCaseRow } from '../cases/queries';
import type { ServiceContext } from '../context';
import { PRIVACY_BLOCK } from './formLayout';

/**
 * A case's consent, agency by agency, and its attachments. `held` comes from the consent_holds view
 * (what the sync engine obeys); the page lists explain it to the clerk. Both read the same rows
 * (layout, attachment pages, exceptions), so they cannot disagree.
 */
export function caseEvidence(ctx: ServiceContext, caseNo: string): CaseEvidence {
  const { db } = ctx;
  const row = loadCaseRow(ctx, caseNo);
  const required = (db.prepare('SELECT consent_required FROM cases WHERE id = ?').pluck().get(row.id) as number) === 1;
  const layout = db.prepare('SELECT item_code, form_page, form_pages FROM consent_form_pages WHERE case_id = ?').all(row.id) as { item_code: string; form_page: number; form_pages: number }[];
  const pageOf = new Map(layout.map((l) => [l.item_code, l.form_page]));
  const attached = new Set(
    db
      .prepare('SELECT DISTINCT ap.form_page FROM attachment_pages ap JOIN attachments a ON a.id = ap.attachment_id WHERE a.case_id = ? AND ap.form_page IS NOT NULL')
      .pluck()
      .all(row.id) as number[],
  );
  const notifications = db.prepare('SELECT id, item_code, receiver_agency FROM notifications WHERE case_id = ? ORDER BY rowid').all(row.id) as { id: string; item_code: string; receiver_agency: string }[];
  const heldIds = new Set(db.prepare('SELECT notification_id FROM consent_holds WHERE case_id = ?').pluck().all(row.id) as string[]);
  const exceptions = new Map(
    (db.prepare('SELECT receiver_agency, reason, actor, at FROM consent_exceptions WHERE case_id = ?').all(row.id) as { receiver_agency: string; reason: string; actor: string; at: string }[]).map((e) => [
      e.receiver_agency,
      { reason: e.reason, actor: e.actor, at: e.at },
    ]),
  );

  const agencies = [...new Set(notifications.map((n) => n.receiver_agency))];
  const consents: AgencyConsent[] = agencies.map((code) => {
    const mine = notifications.filter((n) => n.receiver_agency === code);
    const itemCodes = mine.map((n) => n.item_code);
    const requiredPages = layout.length
      ? [...new Set([...itemCodes, PRIVACY_BLOCK].map((c) => pageOf.get(c)).filter((p): p is number => p !== undefined))].sort((a, b) => a - b)
      : [];
    const missingPages = requiredPages.filter((p) => !attached.has(p));
    const exception = exceptions.get(code) ?? null;
    const held = mine.filter((n) => heldIds.has(n.id)).length;
    // Evidence decides the state (also for 檢證 items, which are never held); unknown layout = missing.
    const evidenced = layout.length > 0 && missingPages.length === 0;
    const state: AgencyConsent['state'] = !required ? 'not-required' : exception ? 'exception' : evidenced ? 'satisfied' : 'missing';
    return {
      agencyCode: code,
      agencyName: ctx.catalogue.agencies.find((a) => a.code === code)?.name ?? code,
      itemCodes,
      state,
      requiredPages,
      missingPages: state === 'missing' ? missingPages : [],
      exception,
      held,
    };
  });
  return { caseNo: row.case_no, consentRequired: required, formPages: layout[0]?.form_pages ?? null, consents, attachments: listAttachments(db, row.id) };
}
