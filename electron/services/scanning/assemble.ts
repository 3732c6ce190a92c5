import { appendAudit } from '../audit/audit';
import { ensureFormLayout } from '../consent/formLayout';
import type { ServiceContext } from '../context';
import type { WritableDb } from '../db/open';
import { limiter } from './limit';
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
 * and crash-safe: the PDFs are built and stored first (in parallel; content-addressed, harmless if
 * orphaned), then ONE transaction re-checks each group, inserts its attachment and marks its pages
 * (one commit for a whole stack, not one per case); a group whose pages changed meanwhile is
 * simply built again. Also the recovery step after a kill -9.
 */
export async function assemblePending(ctx: ServiceContext, store: FileStore, actor: string): Promise<AssembledAttachment[]> {
  const { db } = ctx;
  const select = db.prepare(
    `SELECT id, image_key, image_sha256, encoding, width, height, dpi, form_page, case_id, created_at FROM scan_pages
     WHERE group_key = ? AND state = 'routed' ORDER BY batch_id, seq, id`,
  );
  const caseNoOf = db.prepare('SELECT case_no FROM cases WHERE id = ?').pluck();
  const limit = limiter(2);
  const made: AssembledAttachment[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const groups = (db.prepare("SELECT group_key FROM scan_pages WHERE state = 'routed' GROUP BY group_key ORDER BY MIN(id)").pluck().all() as string[]).map(
      (groupKey) => ({ groupKey, pages: select.all(groupKey) as GroupPage[] }),
    );
    if (!groups.length) break;
    const built = await Promise.all(
      groups.map(({ groupKey, pages }) =>
        limit(async () => {
          const caseId = pages[0]!.case_id!;
          const caseNo = caseNoOf.get(caseId) as string;
          await ensureFormLayout(ctx, caseId);
          const stored = await store.put('attachments', await pagesToPdf(store, pages, `${caseNo} 掃描附件`), 'pdf');
          return { groupKey, pages, caseId, caseNo, stored };
        }),
      ),
    );
    const at = ctx.clock.now().toISOString();
    const committed = db.transaction(() =>
      built.flatMap(({ groupKey, pages, caseId, caseNo, stored }) => {
        const now = select.all(groupKey) as GroupPage[];
        if (now.map((p) => p.id).join() !== pages.map((p) => p.id).join()) return []; // changed meanwhile: next attempt
        const id = insertAttachment(db, {
          caseId, caseNo, kind: pages.some((p) => p.form_page !== null) ? 'signed-consent' : 'scan', source: 'scan', groupKey, pdf: stored,
          pages: pages.map((p) => ({ id: p.id, formPage: p.form_page })),
          actor: { id: null, username: actor, workstation: ctx.config.workstationId, ip: null }, at,
        });
        return [{ id, caseId, caseNo, groupKey, pageIds: pages.map((p) => p.id), formPages: pages.map((p) => p.form_page) }];
      }),
    ).immediate();
    for (const a of committed) ctx.logger.info({ caseNo: a.caseNo, attachment: a.id, pages: a.pageIds.length }, 'scanned pages attached');
    made.push(...committed);
    if (committed.length === built.length) break;
  }
  return made;
}
