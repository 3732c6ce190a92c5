import { buildConsentFormModel } from '../cases/formModel';
import type { ServiceContext } from '../context';
import type { WritableDb } from '../db/open';
import { renderConsentFormWithPages, type ConsentFormLayout } from '../pdf/consentForm';

/** Item code standing for the personal-data consent block, which every agency's consent needs. */
export const PRIVACY_BLOCK = '*';

/**
 * Remembers which printed page carries which item. The first print wins: the signed paper is the
 * one printed then, even if a later reprint (after a catalogue change) flows differently.
 */
export function recordFormLayout(db: WritableDb, caseId: number, pages: number, layout: ConsentFormLayout): void {
  const insert = db.prepare('INSERT OR IGNORE INTO consent_form_pages (case_id, item_code, form_page, form_pages) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const [code, page] of Object.entries(layout.itemPages)) insert.run(caseId, code, page, pages);
    insert.run(caseId, PRIVACY_BLOCK, layout.consentPage, pages);
  }).immediate(); // a write transaction: take the write lock up front, like every writer here (no SQLITE_BUSY on upgrade)
}

export const hasFormLayout = (db: WritableDb, caseId: number): boolean =>
  db.prepare('SELECT 1 FROM consent_form_pages WHERE case_id = ? LIMIT 1').get(caseId) !== undefined;

/**
 * The layout of a case's form, laid out again from the stored case if it was never recorded (a
 * form printed before this feature, or by another workstation): the layout is deterministic.
 */
export async function ensureFormLayout(ctx: ServiceContext, caseId: number): Promise<void> {
  if (hasFormLayout(ctx.db, caseId)) return;
  const caseNo = ctx.db.prepare('SELECT case_no FROM cases WHERE id = ?').pluck().get(caseId) as string;
  const { pages, layout } = await renderConsentFormWithPages(buildConsentFormModel(ctx, caseNo));
  recordFormLayout(ctx.db, caseId, pages, layout);
}
