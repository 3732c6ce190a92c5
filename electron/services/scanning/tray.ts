import type { AttachmentView, ScanPageView } from '../../../shared/contract/scanningApi';
import { appendAudit } from '../audit/audit';
import { attachmentView } from '../attachments/queries';
import { loadCaseRow } from '../cases/queries';
import { ensureFormLayout } from '../consent/formLayout';
import type { Actor, ServiceContext } from '../context';
import { insertAttachment, pagesToPdf } from './assemble';
import { scanFailure } from './failure';
import { pageById, pagesByIds, toPageView } from './pages';
import type { FileStore } from './store';

/**
 * The clerk attaches pages from the unmatched tray to a case they searched for: the pages, in the
 * order chosen, become one attachment; `firstFormPage` says which consent-form page the first one
 * is (the rest follow), so a hand-attached signed page counts for consent like a scanned one.
 */
export async function attachTrayPages(ctx: ServiceContext, store: FileStore, actor: Actor, pageIds: number[], caseNo: string, firstFormPage?: number): Promise<AttachmentView> {
  const { db } = ctx;
  const ids = [...new Set(pageIds)];
  const target = loadCaseRow(ctx, caseNo);
  const check = () => {
    const pages = pagesByIds(db, ids);
    if (pages.length !== ids.length) throw scanFailure('PAGE_UNKNOWN');
    if (pages.some((p) => p.state !== 'unmatched')) throw scanFailure('PAGE_ALREADY_ATTACHED');
    return pages;
  };
  const pages = check();
  await ensureFormLayout(ctx, target.id);
  const formPageOf = (i: number) => (firstFormPage ? firstFormPage + i : null);
  const pdf = await pagesToPdf(store, pages, `${target.case_no} 掃描附件`);
  const stored = await store.put('attachments', pdf, 'pdf');
  const at = ctx.clock.now().toISOString();
  const id = db.transaction(() => {
    check(); // another clerk may have attached one of them meanwhile
    const route = db.prepare("UPDATE scan_pages SET route = 'manual', case_id = ?, form_page = ?, group_key = ?, state = 'routed' WHERE id = ?");
    const groupKey = `tray:${ids.join(',')}:${at}`;
    ids.forEach((id, i) => route.run(target.id, formPageOf(i), groupKey, id));
    return insertAttachment(db, {
      caseId: target.id, caseNo: target.case_no, kind: firstFormPage ? 'signed-consent' : 'scan', source: 'tray', groupKey, pdf: stored,
      pages: ids.map((id, i) => ({ id, formPage: formPageOf(i) })),
      actor: { id: actor.user.id, username: actor.user.username, workstation: actor.workstation, ip: actor.ip }, at,
    });
  }).immediate();
  return attachmentView(db, id)!;
}

/**
 * Sets a tray page aside (a blank back, a duplicate) with the clerk's reason. It is never deleted:
 * the image and the row stay, only out of the way.
 */
export function dismissTrayPage(ctx: ServiceContext, actor: Actor, pageId: number, reason: string): ScanPageView {
  const { db } = ctx;
  db.transaction(() => {
    const page = pageById(db, pageId);
    if (!page) throw scanFailure('PAGE_UNKNOWN');
    if (page.state !== 'unmatched') throw scanFailure('PAGE_ALREADY_ATTACHED');
    db.prepare("UPDATE scan_pages SET state = 'dismissed', dismissed_reason = ? WHERE id = ?").run(reason, pageId);
    appendAudit(db, {
      at: ctx.clock.now().toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'scan.page.dismiss',
      detail: { page: pageId, reason: reason.slice(0, 200) }, workstation: actor.workstation, ip: actor.ip,
    });
  }).immediate();
  return toPageView(pageById(db, pageId)!);
}
