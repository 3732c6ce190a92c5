import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';
import { scanFailure } from '../scanning/failure';
import type { FileStore } from '../scanning/store';
import { cutConsentPages } from './consentCut';
import { attachmentById } from './queries';

export type PdfOut = { fileName: string; pdf: Uint8Array; pages: number; sha256: string };

/**
 * An attachment's PDF for a case reader. The bytes are checked against the SHA-256 recorded when
 * it was attached (so what is shown is provably what was scanned), and the view is audited.
 */
export async function readAttachment(ctx: ServiceContext, store: FileStore, actor: Actor, id: number): Promise<PdfOut> {
  const row = attachmentById(ctx.db, id);
  if (!row?.storage_key) throw scanFailure('ATTACHMENT_UNKNOWN');
  const pdf = await store.readVerified(row.storage_key, row.sha256);
  const personRef = ctx.db.prepare('SELECT id FROM participants WHERE case_id = ? AND seq = 0').pluck().get(row.case_id) as number;
  appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'attachment.view', caseNo: row.case_no, personRef,
    detail: { attachment: id, sha256: row.sha256 }, workstation: actor.workstation, ip: actor.ip,
  });
  return { fileName: row.file_name, pdf, pages: row.page_count ?? 0, sha256: row.sha256 };
}

/**
 * What a receiving agency may see of the signed consent for a notification it received (locally,
 * on a shared install): the cut of {@link cutConsentPages}, for a user of that agency, audited.
 */
export async function consentForNotification(
  ctx: ServiceContext,
  store: FileStore,
  actor: Actor,
  notificationId: string,
): Promise<PdfOut & { sourceSha256: string[]; formPages: number[] }> {
  const cut = await cutConsentPages(ctx.db, store, notificationId, (n) => n.receiverAgency === actor.user.officeCode);
  appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'attachment.agency-view', caseNo: cut.caseNo,
    personRef: cut.personRef, detail: { notification: notificationId, agency: cut.receiverAgency, formPages: cut.formPages, sources: cut.sourceSha256 },
    workstation: actor.workstation, ip: actor.ip,
  });
  const { caseNo: _c, receiverAgency: _r, personRef: _p, ...out } = cut;
  return out;
}
