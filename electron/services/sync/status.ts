import type { FailedItem } from '../../../shared/contract/syncApi';
import { consentHeldCount, notConsentHeld } from '../consent/holds';
import type { WritableDb } from '../db/open';
import { readState, STATE } from './state';

/** How many failed items the status strip lists (the count is always exact). */
const FAILED_LISTED = 20;

/** The persisted half of the status snapshot: counts, failures with reasons, backoff, change counter. */
export function queueSnapshot(db: WritableDb): {
  queued: number; held: number; consentHeld: number; failedCount: number; failed: FailedItem[]; nextAttemptAt: string | null; lastSyncAt: string | null; changeSeq: number;
} {
  // One equality count per state: each is a range on the outbox(state, seq) index, so the years of
  // `done` rows a counter accumulates are never scanned.
  const countOf = db.prepare('SELECT COUNT(*) FROM outbox WHERE state = ?').pluck();
  const count = (state: string) => countOf.get(state) as number;
  const failed = db
    .prepare(
      `SELECT o.notification_id AS notificationId, c.case_no AS caseNo, n.item_code AS itemCode, n.receiver_agency AS receiverAgency,
              COALESCE(o.last_error, n.status_reason, '') AS reason, n.updated_at AS at
       FROM outbox o JOIN notifications n ON n.id = o.notification_id JOIN cases c ON c.id = n.case_id
       WHERE o.state = 'failed' ORDER BY o.seq DESC LIMIT ${FAILED_LISTED}`,
    )
    .all() as FailedItem[];
  const ready = `o.state = 'pending' AND ${notConsentHeld('o.notification_id')}`; // consent-held rows wait on the clerk
  const head = db.prepare(`SELECT next_attempt_at FROM outbox o WHERE ${ready} ORDER BY o.seq LIMIT 1`).pluck().get() as string | null | undefined;
  return {
    queued: db.prepare(`SELECT COUNT(*) FROM outbox o WHERE ${ready}`).pluck().get() as number,
    held: count('held'),
    consentHeld: consentHeldCount(db),
    failedCount: count('failed'),
    failed,
    nextAttemptAt: head ?? null,
    lastSyncAt: readState(db, STATE.lastSyncAt),
    changeSeq: (db.prepare('SELECT MAX(id) FROM notification_events').pluck().get() as number | null) ?? 0,
  };
}
