import type { AttachmentView } from '../../../shared/contract/scanningApi';
import type { WritableDb } from '../db/open';

export type AttachmentRow = {
  id: number;
  case_id: number;
  case_no: string;
  kind: string;
  file_name: string;
  mime: string;
  page_count: number | null;
  byte_size: number;
  sha256: string;
  storage_key: string | null;
  source: string | null;
  created_by: string | null;
  created_at: string;
};

const SELECT = `SELECT a.*, c.case_no FROM attachments a JOIN cases c ON c.id = a.case_id`;

export const attachmentById = (db: WritableDb, id: number): AttachmentRow | undefined =>
  db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as AttachmentRow | undefined;

/** Form pages each attachment shows, in page order. */
function formPagesOf(db: WritableDb, ids: number[]): Map<number, number[]> {
  const out = new Map<number, number[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = db
    .prepare(
      `SELECT attachment_id, form_page FROM attachment_pages WHERE attachment_id IN (SELECT value FROM json_each(?)) AND form_page IS NOT NULL
       ORDER BY attachment_id, page_no`,
    )
    .all(JSON.stringify(ids)) as { attachment_id: number; form_page: number }[];
  for (const r of rows) out.get(r.attachment_id)!.push(r.form_page);
  return out;
}

export function toAttachmentView(r: AttachmentRow, formPages: number[]): AttachmentView {
  return {
    id: r.id,
    caseNo: r.case_no,
    kind: r.kind,
    fileName: r.file_name,
    pageCount: r.page_count ?? 0,
    byteSize: r.byte_size,
    sha256: r.sha256,
    source: r.source ?? 'scan',
    createdBy: r.created_by ?? '',
    createdAt: r.created_at,
    formPages,
  };
}

export function listAttachments(db: WritableDb, caseId: number): AttachmentView[] {
  const rows = db.prepare(`${SELECT} WHERE a.case_id = ? ORDER BY a.id`).all(caseId) as AttachmentRow[];
  const pages = formPagesOf(db, rows.map((r) => r.id));
  return rows.map((r) => toAttachmentView(r, pages.get(r.id) ?? []));
}

export function attachmentView(db: WritableDb, id: number): AttachmentView | undefined {
  const r = attachmentById(db, id);
  return r ? toAttachmentView(r, formPagesOf(db, [id]).get(id) ?? []) : undefined;
}
