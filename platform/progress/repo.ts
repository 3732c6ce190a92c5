import type { NotificationEnvelope } from '../../shared/platform/wire';
import { officeOfCase } from '../notifications/checkOwnership';
import type { SqlExec } from '../store/sql';

/** What the lookup needs of a case's record (never the code). */
export type StoredProgressRecord = { alg: string; salt: string; hash: string; issue: number };
/** One notification of a case as the citizen may see it: no person, no payload. */
export type ProgressItemRow = { receiverAgency: string; itemCode: string; status: string; updatedAt: string };

/**
 * Keeps, per case, the progress record carried by the envelopes of a submit (same transaction).
 * Only the office the case number belongs to (`FS01-…` → FS01) may set it, and a record only
 * replaces one with a lower `issue` (a reissue at the counter), so a replayed older envelope never
 * brings back an old code.
 */
export async function putProgressRecordsIn(q: SqlExec, office: string, envelopes: readonly NotificationEnvelope[], at: string): Promise<void> {
  const best = new Map<string, NonNullable<NotificationEnvelope['progress']>>();
  for (const e of envelopes) {
    if (!e.progress || officeOfCase(e.caseNo) !== office) continue;
    const prev = best.get(e.caseNo);
    if (!prev || prev.issue < e.progress.issue) best.set(e.caseNo, e.progress);
  }
  for (const [caseNo, r] of best) {
    await q.run(
      `INSERT INTO progress_codes (case_no, office_code, alg, salt, hash, issue, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (case_no) DO UPDATE SET alg = excluded.alg, salt = excluded.salt, hash = excluded.hash, issue = excluded.issue, updated_at = excluded.updated_at
       WHERE progress_codes.office_code = excluded.office_code AND progress_codes.issue < excluded.issue`,
      [caseNo, office, r.alg, r.salt, r.hash, r.issue, at],
    );
  }
}

export async function progressRecordOf(q: SqlExec, caseNo: string): Promise<StoredProgressRecord | null> {
  const r = await q.get<StoredProgressRecord>('SELECT alg, salt, hash, issue FROM progress_codes WHERE case_no = ?', [caseNo]);
  return r ? { ...r, issue: Number(r.issue) } : null;
}

/** Only the case's own office's rows: rows another office filed under this number (before the platform refused that) are not the citizen's. */
export async function progressItemsOf(q: SqlExec, caseNo: string): Promise<ProgressItemRow[]> {
  return q.all<ProgressItemRow>(
    // An open 補件 request shows as its own status (待補件, issue 14); what is missing stays with the agency and the office.
    `SELECT receiver_agency AS "receiverAgency", item_code AS "itemCode", CASE WHEN supplement IS NOT NULL THEN 'awaiting-supplement' ELSE status END AS status,
       updated_at AS "updatedAt" FROM notifications WHERE case_no = ? AND office_code = ? ORDER BY seq`,
    [caseNo, officeOfCase(caseNo)],
  );
}
