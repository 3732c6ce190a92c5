import type { Catalogue } from '../../../shared/catalogue/schema';
import type { WritableDb } from '../db/open';

/**
 * Which cases the retention purge may strip of personal data: every notification of the case closed
 * for longer than the LONGEST retention period among the case's items (catalogue `retentionYears`).
 * A notification is closed (issue 17 finding 10: without the last two rules such cases kept their
 * personal data for ever):
 * - when completed or rejected (`closed_at`, kept by the migration-005 trigger);
 * - when the clerk marked it sent on paper (outbox `held`): the platform will never answer for it,
 *   so the marking is its last event;
 * - when it has stayed failed for FAILED_ITEM_CLOSES_AFTER_DAYS: the clerk had that long to resend it
 *   or send it on paper; a row put back in the queue is open again.
 * A notification still open or waiting keeps the whole case. Cases already purged are not looked at again.
 */
/** A quarter: long enough for the clerk to notice the failure and resend it or send it on paper. */
export const FAILED_ITEM_CLOSES_AFTER_DAYS = 90;

export type CaseVerdict = {
  caseId: number;
  caseNo: string;
  personRef: number;
  itemCodes: string[];
  retentionYears: number;
  /** When the last notification closed (null: some are still open). */
  closedAt: string | null;
  /** closedAt + retentionYears (null when still open). */
  purgeAfter: string | null;
  eligible: boolean;
};

type Row = { id: number; case_no: string; person_ref: number; created_at: string; total: number; closed: number; last_closed: string | null; items: string | null };

export function retentionYearsOf(catalogue: Catalogue, itemCodes: readonly string[]): number {
  // An item the catalogue no longer lists gets the longest period there is: never purge early.
  const longest = Math.max(...catalogue.items.map((i) => i.retentionYears));
  return Math.max(1, ...itemCodes.map((c) => catalogue.items.find((i) => i.code === c)?.retentionYears ?? longest));
}

export function addYears(iso: string, years: number): string {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
}

export function caseVerdicts(db: WritableDb, catalogue: Catalogue, now: Date): CaseVerdict[] {
  const rows = db
    .prepare(
      `WITH n AS (
         SELECT n.case_id, n.item_code,
                CASE
                  WHEN n.closed_at IS NOT NULL THEN n.closed_at
                  WHEN o.state = 'held' THEN (SELECT MAX(e.at) FROM notification_events e WHERE e.notification_id = n.id)
                  WHEN o.state = 'failed' AND n.status = 'failed' THEN
                    strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT MAX(e.at) FROM notification_events e WHERE e.notification_id = n.id), '+' || @failedDays || ' days')
                END AS closed_at
           FROM notifications n LEFT JOIN outbox o ON o.notification_id = n.id
       )
       SELECT c.id, c.case_no, (SELECT id FROM participants WHERE case_id = c.id AND seq = 0) AS person_ref, c.created_at, COUNT(n.case_id) AS total,
              COALESCE(SUM(n.closed_at IS NOT NULL), 0) AS closed, MAX(n.closed_at) AS last_closed,
              GROUP_CONCAT(DISTINCT n.item_code) AS items
         FROM cases c LEFT JOIN n ON n.case_id = c.id
        WHERE NOT EXISTS (SELECT 1 FROM purged_cases p WHERE p.case_id = c.id)
        GROUP BY c.id ORDER BY c.id`,
    )
    .all({ failedDays: FAILED_ITEM_CLOSES_AFTER_DAYS }) as Row[];
  const nowIso = now.toISOString();
  return rows.map((r) => {
    const itemCodes = r.items ? r.items.split(',') : [];
    const retentionYears = retentionYearsOf(catalogue, itemCodes);
    // A case without notifications (nothing was sent) counts as closed when it was taken.
    const closedAt = r.total === 0 ? r.created_at : r.closed === r.total ? r.last_closed : null;
    const purgeAfter = closedAt ? addYears(closedAt, retentionYears) : null;
    return { caseId: r.id, caseNo: r.case_no, personRef: r.person_ref, itemCodes, retentionYears, closedAt, purgeAfter, eligible: purgeAfter !== null && purgeAfter <= nowIso };
  });
}
