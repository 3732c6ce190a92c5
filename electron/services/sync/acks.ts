import type { SubmitResult } from '../../../shared/platform/wire';
import type { WritableDb } from '../db/open';
import { markFailed, recordStatus, SYNC_ACTOR, type QueueRow } from './outbox';

export type AckSummary = { delivered: number; duplicates: number; failed: number; missing: QueueRow[] };

/** Statuses an acknowledgement may move forward; later ones (received…) came from a pull already. */
const BEFORE_DELIVERED = new Set(['queued', 'sent', 'failed']);

/**
 * Applies one batch's per-item results in one transaction. `accepted` and `duplicate` both mean
 * the platform holds it (a duplicate is the answer to a resend after a crash or timeout, and
 * carries the original result): the row is done and the notification `delivered`. `rejected`
 * fails that row alone. A row the platform did not answer for stays pending for the next try.
 */
export function applyResults(db: WritableDb, rows: QueueRow[], results: SubmitResult[], at: string): AckSummary {
  const byId = new Map(results.map((r) => [r.id, r]));
  const summary: AckSummary = { delivered: 0, duplicates: 0, failed: 0, missing: [] };
  const statusOf = db.prepare('SELECT status FROM notifications WHERE id = ?').pluck();
  const done = db.prepare("UPDATE outbox SET state = 'done', last_error = NULL, next_attempt_at = NULL WHERE seq = ? AND state = 'pending'");
  db.transaction(() => {
    for (const row of rows) {
      const result = byId.get(row.id);
      if (!result) {
        summary.missing.push(row);
        continue;
      }
      if (result.outcome === 'rejected') {
        markFailed(db, row, `平台退回：${result.error.message}（${result.error.code}${result.error.path ? `，${result.error.path}` : ''}）`, at);
        summary.failed++;
        continue;
      }
      // A second process (or an earlier run) may have recorded this ack already: then it is a no-op.
      if (done.run(row.seq).changes === 0) continue;
      if (BEFORE_DELIVERED.has(statusOf.get(row.id) as string)) {
        recordStatus(db, row.id, 'delivered', result.outcome === 'duplicate' ? '平台先前已收到（重送確認）' : null, SYNC_ACTOR, at);
      }
      if (result.outcome === 'duplicate') summary.duplicates++;
      else summary.delivered++;
    }
  }).immediate();
  return summary;
}
