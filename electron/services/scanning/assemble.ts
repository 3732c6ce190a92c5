import { appendAudit } from '../audit/audit';
import { ensureFormLayout } from '../consent/formLayout';
import type { ServiceContext } from '../context';
import type { WritableDb } from '../db/open';
import type { PageRow } from './pages';
import { assemblePdf } from './pdfAssemble';
import type { FileStore } from './store';

export type AssembledAttachment = { id: number; caseId: number; caseNo: string; groupKey: string; pageIds: number[]; formPages: (number | null)[] };

type GroupPage = Pick<PageRow, 'id' | 'image_key' | 'image_sha256' | 'encoding' | 'width' | 'height' | 'dpi' | 'form_page' | 'case_id' | 'created_at'>;

/** Reads the stored page images (hash-checked) and builds one PDF. */
export async function pagesToPdf(store: FileStore, pages: GroupPage[], title: string): Promise<Uint8Array> {
  const images = await Promise.all(
    pages.map(async (p) => ({ encoding: p.encoding, bytes: await store.readVerified(p.image_key, p.image_sha256), width: p.width, height: p.height, dpi: p.dpi })),
  );
  // The newest page's time, so rebuilding the same group after a crash gives the same bytes.
  const at = new Date(pages.reduce((m, p) => (p.created_at > m ? p.created_at : m), pages[0]!.created_at));
  return assemblePdf(images, { title, at });
}

export type NewAttachment = {
  caseId: number;
  caseNo: string;
  kind: 'signed-consent' | 'scan';
  source: 'scan' | 'tray';
  groupKey: string;
  pdf: { key: string; sha256: string; size: number };
  pages: { id: number; formPage: number | null }[];
  actor: { id: number | null; username: string; workstation: string | null; ip: string | null };
  at: string;
};

/**
 * Records an attachment and links its pages, in the caller's transaction. The row is immutable
 * (trigger); the pages move to 'attached' and remember which attachment holds them.
 */
export function insertAttachment(db: WritableDb, a: NewAttachment): number {
  const seq = (db.prepare('SELECT COUNT(*) FROM attachments WHERE case_id = ?').pluck().get(a.caseId) as number) + 1;
  const fileName = `${a.caseNo}-${a.kind === 'signed-consent' ? '簽名同意書' : '附件'}-${seq}.pdf`;
  const id = Number(
    db
      .prepare(
        `INSERT INTO attachments (case_id, item_code, kind, file_name, mime, page_count, byte_size, sha256, created_at, storage_key, source, group_key, created_by)
         VALUES (?, NULL, ?, ?, 'application/pdf', ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(a.caseId, a.kind, fileName, a.pages.length, a.pdf.size, a.pdf.sha256, a.at, a.pdf.key, a.source, a.groupKey, a.actor.username).lastInsertRowid,
  );
  const link = db.prepare('INSERT INTO attachment_pages (attachment_id, page_no, scan_page_id, form_page) VALUES (?, ?, ?, ?)');
  const mark = db.prepare("UPDATE scan_pages SET state = 'attached', attachment_id = ? WHERE id = ?");
  a.pages.forEach((p, i) => {
    link.run(id, i + 1, p.id, p.formPage);
    mark.run(id, p.id);
  });
  appendAudit(db, {
    at: a.at, actorId: a.actor.id, actor: a.actor.username, action: 'attachment.add', caseNo: a.caseNo,
    detail: { attachment: id, source: a.source, pages: a.pages.length, formPages: a.pages.map((p) => p.formPage), sha256: a.pdf.sha256 },
    workstation: a.actor.workstation, ip: a.actor.ip,
  });
  return id;
}

/**
 * Every routed page group that is not yet an attachment becomes one PDF on its case. Idempotent
 * and crash-safe: the PDF file is stored first (content-addressed, harmless if orphaned), then one
 * transaction re-checks the group, inserts the attachment and marks its pages; a group whose pages
 * changed meanwhile is simply rebuilt. Also the recovery step after a kill -9.
 */
export async function assemblePending(ctx: ServiceContext, store: FileStore, actor: string): Promise<AssembledAttachment[]> {
  const { db } = ctx;
  const groups = db
    .prepare("SELECT group_key, MIN(id) AS first FROM scan_pages WHERE state = 'routed' GROUP BY group_key ORDER BY first")
    .all() as { group_key: string }[];
  const select = db.prepare(
    `SELECT id, image_key, image_sha256, encoding, width, height, dpi, form_page, case_id, created_at FROM scan_pages
     WHERE group_key = ? AND state = 'routed' ORDER BY batch_id, seq, id`,
  );
  const made: AssembledAttachment[] = [];
  for (const { group_key: groupKey } of groups) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const pages = select.all(groupKey) as GroupPage[];
      if (!pages.length) break;
      const caseId = pages[0]!.case_id!;
      const caseNo = db.prepare('SELECT case_no FROM cases WHERE id = ?').pluck().get(caseId) as string;
      await ensureFormLayout(ctx, caseId);
      const pdf = await pagesToPdf(store, pages, `${caseNo} 掃描附件`);
      const stored = await store.put('attachments', pdf, 'pdf');
      const id = db.transaction(() => {
        const now = select.all(groupKey) as GroupPage[];
        if (now.map((p) => p.id).join() !== pages.map((p) => p.id).join()) return null; // changed: rebuild
        return insertAttachment(db, {
          caseId, caseNo, kind: pages.some((p) => p.form_page !== null) ? 'signed-consent' : 'scan', source: 'scan', groupKey, pdf: stored,
          pages: pages.map((p) => ({ id: p.id, formPage: p.form_page })),
          actor: { id: null, username: actor, workstation: ctx.config.workstationId, ip: null }, at: ctx.clock.now().toISOString(),
        });
      }).immediate();
      if (id === null) continue;
      made.push({ id, caseId, caseNo, groupKey, pageIds: pages.map((p) => p.id), formPages: pages.map((p) => p.form_page) });
      ctx.logger.info({ caseNo, attachment: id, pages: pages.length }, 'scanned pages attached');
      break;
    }
  }
  return made;
}
