import type { StatusChange } from '../../../shared/platform/wire';
import type { WritableDb } from '../db/open';
import { recordStatus } from './outbox';
import { readCursor, STATE, writeState } from './state';

export type ChangeSummary = { applied: number; answers: number; stale: number; unknown: number; cursor: number };

/**
 * Applies one page of platform status changes and advances the cursor in the same transaction, so
 * a crash can never apply a change without remembering it (or remember one it did not apply).
 * Order is the platform's cursor, never a timestamp. Each notification also remembers the last
 * cursor applied to it: a replayed or stale change (cursor reset, second process, out-of-order page)
 * is skipped, so history is never written twice. Changes for notifications this counter does not
 * hold (another workstation of the office) are skipped too.
 */
export function applyChanges(db: WritableDb, changes: StatusChange[], nextCursor: number, receivedAt: string): ChangeSummary {
  const find = db.prepare('SELECT status, last_change_cursor FROM notifications WHERE id = ?');
  const bumpCursor = db.prepare('UPDATE notifications SET last_change_cursor = ? WHERE id = ?');
  const transferTo = db.prepare('UPDATE notifications SET receiver_agency = ? WHERE id = ?');
  const openRound = db.prepare(
    `INSERT INTO supplement_requests (notification_id, round, agency, missing, due_date, requested_at, change_cursor)
     SELECT ?, ?, receiver_agency, ?, ?, ?, ? FROM notifications WHERE id = ? ON CONFLICT DO NOTHING`,
  );
  const answerRound = db.prepare('UPDATE supplement_requests SET answered_at = ?, answer = ? WHERE notification_id = ? AND round = ? AND answered_at IS NULL');
  const insertAnswer = db.prepare(
    `INSERT INTO verification_answers (notification_id, found, text, actor, answered_at, change_cursor, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (change_cursor) DO NOTHING`,
  );
  return db.transaction(() => {
    const s: ChangeSummary = { applied: 0, answers: 0, stale: 0, unknown: 0, cursor: readCursor(db) };
    for (const ch of [...changes].sort((a, b) => a.cursor - b.cursor)) {
      const n = find.get(ch.notificationId) as { status: string; last_change_cursor: number } | undefined;
      if (!n) {
        s.unknown++;
        continue;
      }
      if (ch.cursor <= n.last_change_cursor) {
        s.stale++;
        continue;
      }
      if (ch.answer) {
        insertAnswer.run(ch.notificationId, ch.answer.found ? 1 : 0, ch.answer.text, ch.actor, ch.at, ch.cursor, receivedAt);
        s.answers++;
      }
      // 改分 (issue 14): the case, its statistics and the receipt's progress follow the new office.
      if (ch.event?.type === 'transfer') transferTo.run(ch.event.to, ch.notificationId);
      // 補件 (issue 14): the round is on the case at once; the answer (sent by this or another workstation) closes it.
      if (ch.event?.type === 'supplement-request') {
        openRound.run(ch.notificationId, ch.event.round, JSON.stringify(ch.event.missing), ch.event.dueDate, ch.at, ch.cursor, ch.notificationId);
      }
      if (ch.event?.type === 'supplement-answer') answerRound.run(ch.at, JSON.stringify({ fields: ch.event.fields, note: ch.event.note }), ch.notificationId, ch.event.round);
      // `delivered` usually arrives after our own ack recorded it: the same fact, not a new event.
      const sameFact = ch.status === n.status && ch.reason === null && ch.answer === null;
      if (!sameFact) {
        recordStatus(db, ch.notificationId, ch.status, ch.reason ?? (ch.answer ? answerSummary(ch.answer) : null), ch.actor, ch.at);
        s.applied++;
      }
      bumpCursor.run(ch.cursor, ch.notificationId);
    }
    s.cursor = Math.max(s.cursor, nextCursor, ...changes.map((c) => c.cursor));
    writeState(db, STATE.changesCursor, String(s.cursor), receivedAt);
    return s;
  }).immediate();
}

/** One line for the event history; the full answer is in verification_answers. */
const answerSummary = (a: { found: boolean; text: string }): string => `${a.found ? '查有資料' : '查無資料'}：${a.text}`.slice(0, 200);
