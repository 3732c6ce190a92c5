import type { MailDraft } from '../store/drafts';
import { chunked, valuesList, type SqlDriver, type SqlExec } from '../store/sql';

/**
 * SQL for 逾時未回報檢核 on the platform, written once for both engines (migration 2: notifications.due_ms
 * and overdue_reminders). Overdue = due_ms < now AND closed_ms IS NULL, the counter's meaning.
 */
export type OverdueCandidate = { id: string; caseNo: string; officeCode: string; receiverAgency: string; itemCode: string; deliveredMs: number; dueMs: number };

const PAGE = 1_000;

/**
 * Fills due_ms for open notifications that have none (new deliveries since the last fill). Keyset on
 * seq so an item the catalogue no longer knows (compute → null) is skipped, not re-read forever.
 */
export async function fillDueIn(q: SqlDriver, compute: (itemCode: string, deliveredMs: number) => number | null, basis?: string): Promise<number> {
  if (basis !== undefined) await resetOnBasisChangeIn(q, basis);
  let after = 0;
  let filled = 0;
  for (;;) {
    const rows = await q.all<{ seq: number; id: string; item_code: string; delivered_ms: number | string }>(
      'SELECT seq, id, item_code, delivered_ms FROM notifications WHERE due_ms IS NULL AND closed_ms IS NULL AND seq > ? ORDER BY seq LIMIT ?',
      [after, PAGE],
    );
    if (rows.length === 0) return filled;
    after = rows[rows.length - 1]!.seq;
    const updates = rows.map((r) => ({ id: r.id, due: compute(r.item_code, Number(r.delivered_ms)) })).filter((u): u is { id: string; due: number } => u.due !== null);
    if (updates.length > 0) {
      // One UPDATE … FROM (VALUES …) per 500 rows: this runs in the writers' lock, where a statement
      // per row held every node's writes (ingest included) for a thousand round trips a page.
      filled += await q.tx(async (t) => {
        let n = 0;
        for (const part of chunked(updates, 500)) {
          n += await t.run(
            `UPDATE notifications SET due_ms = CAST(v.column2 AS BIGINT) FROM (VALUES ${valuesList(part.length, 2)}) AS v
             WHERE notifications.id = v.column1 AND notifications.due_ms IS NULL`,
            part.flatMap((u) => [u.id, u.due]),
          );
        }
        return n;
      });
    }
    if (rows.length < PAGE) return filled;
  }
}

const BASIS_KEY = 'overdue.deadline-basis';

/**
 * When the calendar's days or an item's limit changed since the stored deadlines were computed
 * (a typhoon day off added by IT), open rows lose due_ms so the fill recomputes them (§48 moves a
 * last day that became a day off); closed rows keep theirs. Same rule as the counter.
 */
async function resetOnBasisChangeIn(q: SqlDriver, basis: string): Promise<void> {
  const cur = await q.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [BASIS_KEY]);
  if (cur?.value === basis) return;
  await q.tx(async (t) => {
    await t.run('UPDATE notifications SET due_ms = NULL WHERE closed_ms IS NULL AND due_ms IS NOT NULL');
    await t.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [BASIS_KEY, basis]);
  });
}

type CandidateRow = { id: string; case_no: string; office_code: string; receiver_agency: string; item_code: string; delivered_ms: number | string; due_ms: number | string };

/** Overdue now and not yet reminded on `day` (Taipei), oldest deadline first. */
export async function overdueToRemindIn(q: SqlExec, nowMs: number, day: string): Promise<OverdueCandidate[]> {
  const rows = await q.all<CandidateRow>(
    `SELECT n.id, n.case_no, n.office_code, n.receiver_agency, n.item_code, n.delivered_ms, n.due_ms FROM notifications n
     WHERE n.closed_ms IS NULL AND n.due_ms < ?
       AND NOT EXISTS (SELECT 1 FROM overdue_reminders r WHERE r.notification_id = n.id AND r.day = ?)
     ORDER BY n.due_ms, n.seq`,
    [nowMs, day],
  );
  return rows.map((r) => ({
    id: r.id, caseNo: r.case_no, officeCode: r.office_code, receiverAgency: r.receiver_agency, itemCode: r.item_code,
    deliveredMs: Number(r.delivered_ms), dueMs: Number(r.due_ms),
  }));
}

/** The agency's claims of the day get their mail (by overdue_reminders_day_agency, migration 6; exported for its EXPLAIN test). */
export const ATTACH_MAIL_SQL = 'UPDATE overdue_reminders SET mail_id = ? WHERE day = ? AND receiver_agency = ? AND mail_id IS NULL';

/**
 * In one transaction per agency: claims (notification, day) rows — ON CONFLICT DO NOTHING, so a
 * second node or a rerun gets nothing — then queues one mail listing exactly the claimed ones.
 */
export async function queueRemindersIn(
  q: SqlExec, day: string, at: string, nowMs: number, agency: string, rows: OverdueCandidate[], build: (claimed: OverdueCandidate[]) => MailDraft,
): Promise<{ notifications: number; mail: boolean }> {
  // Claimed 500 at a time (in the writers' lock), not one statement per overdue notification.
  const got = new Set<string>();
  for (const part of chunked(rows, 500)) {
    const returned = await q.all<{ notification_id: string }>(
      `INSERT INTO overdue_reminders (notification_id, day, receiver_agency, mail_id, created_at) VALUES ${valuesList(part.length, 5)}
       ON CONFLICT (notification_id, day) DO NOTHING RETURNING notification_id`,
      part.flatMap((r) => [r.id, day, agency, null, at]),
    );
    for (const x of returned) got.add(x.notification_id);
  }
  const claimed = rows.filter((r) => got.delete(r.id)); // a row listed twice is claimed once, as one by one
  if (claimed.length === 0) return { notifications: 0, mail: false };
  const m = build(claimed);
  const inserted = await q.all<{ id: number | string }>(
    'INSERT INTO mail_outbox (notification_id, to_addr, subject, body, attempts, next_attempt_ms, created_at) VALUES (?, ?, ?, ?, 0, ?, ?) RETURNING id',
    [m.notificationId, m.to, m.subject, m.body, nowMs, at],
  );
  await q.run(ATTACH_MAIL_SQL, [Number(inserted[0]!.id), day, agency]);
  return { notifications: claimed.length, mail: true };
}
