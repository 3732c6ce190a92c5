import type { NotificationEnvelope } from '../../shared/platform/wire';
import type { ProgressRecord } from '../../shared/progress/code';
import type { ProgressRegistration } from '../../shared/progress/register';
import { officeOfCase } from '../notifications/checkOwnership';
import { chunked, valuesList, type SqlExec } from '../store/sql';

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
  await upsertProgressRecordsIn(q, highestIssues(envelopes.filter((e) => e.progress && officeOfCase(e.caseNo) === office).map((e) => [e.caseNo, e.progress!])), office, at);
}

/** One record per case number: the first with the highest `issue`, what upserting them one by one in order would leave. */
function highestIssues(records: readonly (readonly [string, ProgressRecord])[]): [string, ProgressRecord][] {
  const best = new Map<string, ProgressRecord>();
  for (const [caseNo, r] of records) {
    const prev = best.get(caseNo);
    if (!prev || prev.issue < r.issue) best.set(caseNo, r);
  }
  return [...best];
}

/**
 * Cases' records (each case number once): each inserted, or replacing one of the same office with a
 * lower `issue`. A batch's cases in one statement, not one each: counters send the record in every
 * envelope, and a statement per case inside the writers' lock was ~180 ms of a 500-envelope submit
 * on PostgreSQL. 7 × 500 parameters, far below SQLite's limit.
 */
async function upsertProgressRecordsIn(q: SqlExec, records: readonly (readonly [string, ProgressRecord])[], office: string, at: string): Promise<void> {
  for (const part of chunked(records, 500)) {
    await q.run(
      `INSERT INTO progress_codes (case_no, office_code, alg, salt, hash, issue, updated_at) VALUES ${valuesList(part.length, 7)}
       ON CONFLICT (case_no) DO UPDATE SET alg = excluded.alg, salt = excluded.salt, hash = excluded.hash, issue = excluded.issue, updated_at = excluded.updated_at
       WHERE progress_codes.office_code = excluded.office_code AND progress_codes.issue < excluded.issue`,
      part.flatMap(([caseNo, r]) => [caseNo, office, r.alg, r.salt, r.hash, r.issue, at]),
    );
  }
}

/**
 * Registers cases saved at the counter (POST /v1/progress/records, issue 13): each case's record
 * as above and its items, in one transaction. The caller has checked that every case number is
 * `office`'s. Idempotent: an item already registered is left as it was (its first time and place).
 */
export async function registerProgressIn(q: SqlExec, office: string, records: readonly ProgressRegistration[], at: string): Promise<void> {
  await upsertProgressRecordsIn(q, highestIssues(records.map((r) => [r.caseNo, r.progress])), office, at);
  // All cases' items in parts of 500 rows, not a statement per case: a counter back online registers
  // 200 cases a request, inside the writers' lock. A repeated item keeps its first time and place.
  const items = records.flatMap((r) => r.items.map((item, pos) => [r.caseNo, item.notificationId, office, item.itemCode, item.receiverAgency, pos, at]));
  for (const part of chunked(items, 500)) {
    await q.run(
      `INSERT INTO progress_items (case_no, notification_id, office_code, item_code, receiver_agency, pos, registered_at) VALUES ${valuesList(part.length, 7)}
       ON CONFLICT (case_no, notification_id) DO NOTHING`,
      part.flat(),
    );
  }
}

export async function progressRecordOf(q: SqlExec, caseNo: string): Promise<StoredProgressRecord | null> {
  const r = await q.get<StoredProgressRecord>('SELECT alg, salt, hash, issue FROM progress_codes WHERE case_no = ?', [caseNo]);
  return r ? { ...r, issue: Number(r.issue) } : null;
}

/** Status of a registered item whose notification has not reached the platform yet (已受理，待送出). */
export const REGISTERED_STATUS = 'registered';

type ItemRow = ProgressItemRow & { id: string };

/**
 * The case's items as the citizen sees them: first those the counter registered (in its order),
 * each with its notification's status once that has arrived, else `registered`; then notifications
 * no registration announced (counters before issue 13). Only the case's own office's rows: rows
 * another office filed under this number (before the platform refused that) are not the citizen's.
 */
export async function progressItemsOf(q: SqlExec, caseNo: string): Promise<ProgressItemRow[]> {
  const office = officeOfCase(caseNo);
  // An open 補件 request shows as its own status (待補件, issue 14); what is missing stays with the agency and the office.
  const status = "CASE WHEN n.supplement IS NOT NULL THEN 'awaiting-supplement' ELSE n.status END";
  const registered = await q.all<ItemRow>(
    `SELECT p.notification_id AS id, COALESCE(n.receiver_agency, p.receiver_agency) AS "receiverAgency", p.item_code AS "itemCode",
       CASE WHEN n.id IS NULL THEN '${REGISTERED_STATUS}' ELSE ${status} END AS status, COALESCE(n.updated_at, p.registered_at) AS "updatedAt"
     FROM progress_items p LEFT JOIN notifications n ON n.id = p.notification_id AND n.case_no = p.case_no AND n.office_code = p.office_code
     WHERE p.case_no = ? AND p.office_code = ? ORDER BY p.pos`,
    [caseNo, office],
  );
  const sent = await q.all<ItemRow>(
    `SELECT n.id, n.receiver_agency AS "receiverAgency", n.item_code AS "itemCode", ${status} AS status,
       n.updated_at AS "updatedAt" FROM notifications n WHERE n.case_no = ? AND n.office_code = ? ORDER BY n.seq`,
    [caseNo, office],
  );
  const announced = new Set(registered.map((r) => r.id));
  return [...registered, ...sent.filter((n) => !announced.has(n.id))].map(({ id: _id, ...row }) => row);
}
