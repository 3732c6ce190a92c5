import type { SubmitResult } from '../../../shared/platform/wire';
import type { WritableDb } from '../db/open';
import { markFailed, SYNC_ACTOR, type QueueRow } from './outbox';

export type AckSummary = { delivered: number; duplicates: number; failed: number; missing: QueueRow[] };

/** Statuses an acknowledgement may move forward; later ones (received…) came from a pull already. */
const BEFORE_DELIVERED = "('queued', 'sent', 'failed')";
const DUPLICATE_REASON = '平台先前已收到（重送確認）';

/**
 * Applies one batch's per-item results in one transaction. `accepted` and `duplicate` both mean
 * the platform holds it (a duplicate is the answer to a resend after a crash or timeout, and
 * carries the original result): the row is done and the notification `delivered`. `rejected`
 * fails that row alone. A row the platform did not answer for stays pending for the next try.
 *
 * The `delivered` event is dated with the platform's `deliveredAt`, not this counter's clock: the
 * agency's receipt and answer come in platform time too, so turnaround and the processing deadline
 * (due_at, from the delivered milestone) stay right on a counter whose clock is off by a day
 * (issue 17 finding 8). `at` (counter time) dates the local bookkeeping only.
 *
 * Set-based on purpose (a handful of statements per batch, not four per row): only rows still
 * pending are taken — a second process, or an earlier run, may have recorded the same ack.
 */
export function applyResults(db: WritableDb, rows: QueueRow[], results: SubmitResult[], at: string): AckSummary {
  const byId = new Map(results.map((r) => [r.id, r]));
  const summary: AckSummary = { delivered: 0, duplicates: 0, failed: 0, missing: [] };
  const json = (values: (string | number)[]) => JSON.stringify(values);
  db.transaction(() => {
    const pending = new Set(
      db.prepare("SELECT seq FROM outbox WHERE state = 'pending' AND seq IN (SELECT value FROM json_each(?))").pluck().all(json(rows.map((r) => r.seq))) as number[],
    );
    const accepted: [id: string, deliveredAt: string][] = [];
    const duplicates: [id: string, deliveredAt: string][] = [];
    const acked: QueueRow[] = [];
    for (const row of rows) {
      const result = byId.get(row.id);
      if (!result) summary.missing.push(row);
      else if (!pending.has(row.seq)) continue;
      else if (result.outcome === 'rejected') {
        markFailed(db, row, `平台退回：${result.error.message}（${result.error.code}${result.error.path ? `，${result.error.path}` : ''}）`, at);
        summary.failed++;
      } else {
        (result.outcome === 'duplicate' ? duplicates : accepted).push([row.id, result.deliveredAt]);
        acked.push(row);
      }
    }
    if (acked.length === 0) return;
    db.prepare("UPDATE outbox SET state = 'done', last_error = NULL, next_attempt_at = NULL WHERE seq IN (SELECT value FROM json_each(?))").run(json(acked.map((r) => r.seq)));
    for (const [group, reason] of [[accepted, null], [duplicates, DUPLICATE_REASON]] as const) {
      if (group.length === 0) continue;
      // History first (an event per notification still before `delivered`, at the platform's time), then the current status.
      db.prepare(
        `INSERT INTO notification_events (notification_id, status, reason, actor, at)
         SELECT j.value ->> 0, 'delivered', ?, ?, j.value ->> 1 FROM json_each(?) j JOIN notifications n ON n.id = j.value ->> 0
         WHERE n.status IN ${BEFORE_DELIVERED} ORDER BY j.key`,
      ).run(reason, SYNC_ACTOR, JSON.stringify(group));
      db.prepare(
        `UPDATE notifications SET status = 'delivered', status_reason = ?, updated_at = ? WHERE id IN (SELECT value ->> 0 FROM json_each(?)) AND status IN ${BEFORE_DELIVERED}`,
      ).run(reason, at, JSON.stringify(group));
    }
    summary.delivered = accepted.length;
    summary.duplicates = duplicates.length;
  }).immediate();
  return summary;
}
