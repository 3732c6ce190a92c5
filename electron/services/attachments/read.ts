import { PDFDocument } from 'pdf-lib';
import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';
import { PRIVACY_BLOCK } from '../consent/formLayout';
import { scanFailure } from '../scanning/failure';
import { sha256Hex, type FileStore } from '../scanning/store';
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
 * on a shared install; through the platform once it carries attachments): only the form pages
 * that carry this agency's items and the personal-data consent, copied out of the verified
 * originals (the newest scan of each page), with the originals' hashes alongside.
 */
export async function consentForNotification(
  ctx: ServiceContext,
  store: FileStore,
  actor: Actor,
  notificationId: string,
): Promise<PdfOut & { sourceSha256: string[]; formPages: number[] }> {
  const { db } = ctx;
  const n = db
    .prepare('SELECT n.case_id, n.receiver_agency, c.case_no, (SELECT id FROM participants WHERE case_id = c.id AND seq = 0) AS person_ref FROM notifications n JOIN cases c ON c.id = n.case_id WHERE n.id = ?')
    .get(notificationId) as { case_id: number; receiver_agency: string; case_no: string; person_ref: number } | undefined;
  // Same answer for "no such notification" and "not yours": do not reveal other agencies' traffic.
  if (!n || n.receiver_agency !== actor.user.officeCode) throw new AppFailure({ code: 'NOTIFICATION_NOT_FOUND', message: '查無此通報，或此通報不是送給您所屬機關' });
  const pages = db
    .prepare(
      `SELECT DISTINCT f.form_page FROM consent_form_pages f
       WHERE f.case_id = ? AND (f.item_code = ? OR f.item_code IN (SELECT item_code FROM notifications WHERE case_id = ? AND receiver_agency = ?))
       ORDER BY f.form_page`,
    )
    .pluck()
    .all(n.case_id, PRIVACY_BLOCK, n.case_id, n.receiver_agency) as number[];
  const pick = db.prepare(
    `SELECT a.id, a.storage_key, a.sha256, ap.page_no FROM attachment_pages ap JOIN attachments a ON a.id = ap.attachment_id
     WHERE a.case_id = ? AND ap.form_page = ? ORDER BY a.id DESC LIMIT 1`,
  );
  const sources = pages
    .map((p) => ({ formPage: p, src: pick.get(n.case_id, p) as { id: number; storage_key: string; sha256: string; page_no: number } | undefined }))
    .filter((x): x is { formPage: number; src: { id: number; storage_key: string; sha256: string; page_no: number } } => x.src !== undefined);
  if (!sources.length) throw new AppFailure({ code: 'CONSENT_NOT_ATTACHED', message: '此案件尚未附掛民眾簽名同意書' });

  const out = await PDFDocument.create({ updateMetadata: false });
  const opened = new Map<number, PDFDocument>();
  for (const { src } of sources) {
    if (!opened.has(src.id)) opened.set(src.id, await PDFDocument.load(await store.readVerified(src.storage_key, src.sha256)));
    const [page] = await out.copyPages(opened.get(src.id)!, [src.page_no - 1]);
    out.addPage(page!);
  }
  out.setTitle(`${n.case_no} 民眾簽名同意書（${n.receiver_agency}）`);
  const pdf = await out.save();
  const sourceSha256 = [...new Set(sources.map((s) => s.src.sha256))];
  appendAudit(db, {
    at: ctx.clock.now().toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'attachment.agency-view', caseNo: n.case_no,
    personRef: n.person_ref, detail: { notification: notificationId, agency: n.receiver_agency, formPages: sources.map((s) => s.formPage), sources: sourceSha256 },
    workstation: actor.workstation, ip: actor.ip,
  });
  return { fileName: `${n.case_no}-同意書-${n.receiver_agency}.pdf`, pdf, pages: sources.length, sha256: sha256Hex(pdf), sourceSha256, formPages: sources.map((s) => s.formPage) };
}
