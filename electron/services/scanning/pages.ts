import type { ScanPageView } from '../../../shared/contract/scanningApi';
import type { WritableDb } from '../db/open';
import { UNMATCHED, type UnmatchedCode } from './route';

export type PageRow = {
  id: number;
  page_key: string;
  batch_id: number;
  seq: number;
  source_name: string;
  image_key: string;
  image_sha256: string;
  encoding: 'png' | 'jpeg';
  width: number;
  height: number;
  dpi: number;
  rotation: number;
  qr_case_no: string | null;
  qr_page: number | null;
  qr_pages: number | null;
  blank: number;
  route: ScanPageView['route'];
  case_id: number | null;
  form_page: number | null;
  group_key: string | null;
  unmatched_code: UnmatchedCode | null;
  unmatched_reason: string | null;
  state: ScanPageView['state'];
  attachment_id: number | null;
  dismissed_reason: string | null;
  created_at: string;
};

const VIEW_SELECT = `SELECT p.id, p.page_key, p.batch_id, p.seq, p.source_name, p.image_key, p.image_sha256, p.encoding, p.width, p.height,
  p.dpi, p.rotation, p.qr_case_no, p.qr_page, p.qr_pages, p.blank, p.route, p.case_id, p.form_page, p.group_key, p.unmatched_code,
  p.unmatched_reason, p.state, p.attachment_id, p.dismissed_reason, p.created_at, c.case_no
  FROM scan_pages p LEFT JOIN cases c ON c.id = p.case_id`;

export type PageWithCase = PageRow & { case_no: string | null };

export function toPageView(r: PageWithCase): ScanPageView {
  return {
    id: r.id,
    seq: r.seq,
    name: r.source_name,
    state: r.state,
    route: r.route,
    caseNo: r.case_no,
    formPage: r.form_page,
    formPages: r.qr_pages,
    reason: r.state === 'dismissed' ? r.dismissed_reason : r.unmatched_code ? UNMATCHED[r.unmatched_code] : null,
    blank: r.blank === 1,
    rotation: r.rotation,
    attachmentId: r.attachment_id,
    createdAt: r.created_at,
  };
}

export const pageByKey = (db: WritableDb, key: string): PageWithCase | undefined =>
  db.prepare(`${VIEW_SELECT} WHERE p.page_key = ?`).get(key) as PageWithCase | undefined;

export const pageById = (db: WritableDb, id: number): PageWithCase | undefined => db.prepare(`${VIEW_SELECT} WHERE p.id = ?`).get(id) as PageWithCase | undefined;

export function pagesByIds(db: WritableDb, ids: readonly number[]): PageWithCase[] {
  if (!ids.length) return [];
  const rows = db.prepare(`${VIEW_SELECT} WHERE p.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as PageWithCase[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is PageWithCase => r !== undefined);
}

/** The unmatched tray, oldest first (the order the stack came in), capped for the screen. */
export const trayPages = (db: WritableDb, limit = 200): PageWithCase[] =>
  db.prepare(`${VIEW_SELECT} WHERE p.state = 'unmatched' ORDER BY p.id LIMIT ?`).all(limit) as PageWithCase[];

export const pageThumb = (db: WritableDb, id: number): Buffer | undefined =>
  db.prepare('SELECT thumb FROM scan_pages WHERE id = ?').pluck().get(id) as Buffer | undefined;
