import type { WritableDb } from '../db/open';

export type ConsentHold = { code: 'CONSENT_MISSING'; message: string; agencyCode: string };

/**
 * SQL condition for the sync engine's outbox query: true when the notification may NOT be sent
 * yet because its agency's consent is missing. `column` names the notification id in the query,
 * e.g. `WHERE o.state = 'pending' AND ${notConsentHeld('o.notification_id')}`.
 * Consent is derived (from attachments and exceptions), never a flag to keep in step: attaching
 * the signed page or recording an exception releases the notification on the next drain.
 */
export const notConsentHeld = (column: string): string => `NOT EXISTS (SELECT 1 FROM consent_holds ch WHERE ch.notification_id = ${column})`;

/**
 * Which of these notifications are held for want of consent, with the reason to show (the outbox
 * row stays 'pending'; it is skipped, never failed). The definition is the `consent_holds` view
 * (migration 003), shared with the case screen.
 */
export function consentHolds(db: WritableDb, notificationIds: readonly string[]): Map<string, ConsentHold> {
  const out = new Map<string, ConsentHold>();
  if (!notificationIds.length) return out;
  const rows = db
    .prepare('SELECT notification_id, receiver_agency FROM consent_holds WHERE notification_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(notificationIds)) as { notification_id: string; receiver_agency: string }[];
  for (const r of rows) {
    out.set(r.notification_id, {
      code: 'CONSENT_MISSING',
      agencyCode: r.receiver_agency,
      message: '暫緩送出：尚未附掛此機關項目的民眾簽名同意書（請掃描歸檔，或由承辦人記錄例外理由）',
    });
  }
  return out;
}

/** How many outbox rows are waiting for consent (for the status strip). */
export const consentHeldCount = (db: WritableDb): number =>
  db.prepare("SELECT COUNT(*) FROM outbox o JOIN consent_holds ch ON ch.notification_id = o.notification_id WHERE o.state = 'pending'").pluck().get() as number;
