import { PDFDocument } from 'pdf-lib';
import { AppFailure } from '../../../shared/result';
import { PRIVACY_BLOCK } from '../consent/formLayout';
import type { WritableDb } from '../db/open';
import { sha256Hex, type FileStore } from '../scanning/store';

export type ConsentCut = {
  fileName: string;
  pdf: Uint8Array;
  pages: number;
  sha256: string;
  /** The scanned originals the pages were copied from. */
  sourceSha256: string[];
  /** Which printed form page each PDF page is, in order. */
  formPages: number[];
  caseNo: string;
  receiverAgency: string;
  personRef: number;
};

/**
 * The signed consent a receiving agency is entitled to for one notification: only the form pages
 * that carry this agency's items and the personal-data consent, copied out of the verified
 * originals (the newest scan of each page). Shown to an agency user on a shared install
 * (read.ts) and uploaded to the platform with the notification (evidenceUpload.ts), so both
 * see the same pages. `allowed` decides, before anything is read, whether the caller may see this
 * notification's consent; a refusal answers like an unknown notification.
 * The output is deterministic for the same scans (no dates in the PDF), so a resumed upload after a
 * restart is the same file with the same hash.
 */
export async function cutConsentPages(db: WritableDb, store: FileStore, notificationId: string, allowed: (n: { receiverAgency: string }) => boolean = () => true): Promise<ConsentCut> {
  const n = db
    .prepare('SELECT n.case_id, n.receiver_agency, c.case_no, (SELECT id FROM participants WHERE case_id = c.id AND seq = 0) AS person_ref FROM notifications n JOIN cases c ON c.id = n.case_id WHERE n.id = ?')
    .get(notificationId) as { case_id: number; receiver_agency: string; case_no: string; person_ref: number } | undefined;
  // Same answer for "no such notification" and "not yours": do not reveal other agencies' traffic.
  if (!n || !allowed({ receiverAgency: n.receiver_agency })) throw new AppFailure({ code: 'NOTIFICATION_NOT_FOUND', message: '查無此通報，或此通報不是送給您所屬機關' });
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
    if (!opened.has(src.id)) opened.set(src.id, await PDFDocument.load(await store.readVerified(src.storage_key, src.sha256), { updateMetadata: false }));
    const [page] = await out.copyPages(opened.get(src.id)!, [src.page_no - 1]);
    out.addPage(page!);
  }
  out.setTitle(`${n.case_no} 民眾簽名同意書（${n.receiver_agency}）`);
  const pdf = await out.save();
  return {
    fileName: `${n.case_no}-同意書-${n.receiver_agency}.pdf`,
    pdf,
    pages: sources.length,
    sha256: sha256Hex(pdf),
    sourceSha256: [...new Set(sources.map((s) => s.src.sha256))],
    formPages: sources.map((s) => s.formPage),
    caseNo: n.case_no,
    receiverAgency: n.receiver_agency,
    personRef: n.person_ref,
  };
}
