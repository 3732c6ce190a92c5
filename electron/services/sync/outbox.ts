import type Database from 'better-sqlite3';
import type { NotificationStatus } from '../../../shared/cases/schema';
import { notConsentHeld } from '../consent/holds';
import type { WritableDb } from '../db/open';

/** The head of the outbox joined with what an envelope needs (one query, index on outbox(state, seq)). */
export type QueueRow = {
  seq: number;
  attempts: number;
  next_attempt_at: string | null;
  id: string;
  item_code: string;
  kind: 'notification' | 'verification';
  receiver_agency: string;
  payload: string;
  status: NotificationStatus;
  created_at: string;
  case_no: string;
  office_code: string;
  life_event: string;
  person_id: string;
  person_name: string;
  /** The case's progress-lookup record (case_progress_codes), null for cases without a code. */
  progress_alg: string | null;
  progress_salt: string | null;
  progress_hash: string | null;
  progress_issue: number | null;
};

/** Actor recorded on events the engine itself writes. */
export const SYNC_ACTOR = 'sync';

/**
 * Which rows may go now: those with no retry time, or whose time has come, or whose time lies further
 * ahead than the longest backoff (the clock moved back; see backoff.ts isDue). ISO UTC strings
 * compare as times.
 */
export type DueWindow = { now: string; horizon: string };
const DUE = '(o.next_attempt_at IS NULL OR o.next_attempt_at <= ? OR o.next_attempt_at > ?)';

/**
 * FIFO by local sequence — never by a clock, which may be a day off. `afterSeq` skips a batch still
 * on the wire. Rows whose agency's signed consent is not attached yet are skipped (they stay
 * pending, never block the rows behind them, and go once the scan is attached: consent/holds.ts).
 * With `due`, a row waiting out its own backoff is skipped too, so one row that keeps failing never
 * holds back the rows behind it (issue 17 finding 7); without it (a forced run) every row goes.
 * `skip`: rows set aside earlier in the same run.
 */
export function headOfQueue(db: WritableDb, limit: number, afterSeq = 0, filter: { due?: DueWindow | null; skip?: readonly number[] } = {}): QueueRow[] {
  const due = filter.due ? ` AND ${DUE}` : '';
  const skip = filter.skip?.length ? ' AND o.seq NOT IN (SELECT value FROM json_each(?))' : '';
  const params: (string | number)[] = [afterSeq];
  if (filter.due) params.push(filter.due.now, filter.due.horizon);
  if (filter.skip?.length) params.push(JSON.stringify(filter.skip));
  return db
    .prepare(
      `SELECT o.seq, o.attempts, o.next_attempt_at, n.id, n.item_code, n.kind, n.receiver_agency, n.payload, n.status, n.created_at,
              c.case_no, c.office_code, c.life_event, p.person_id, p.name AS person_name,
              pc.alg AS progress_alg, pc.salt AS progress_salt, pc.hash AS progress_hash, pc.issue AS progress_issue
       FROM outbox o JOIN notifications n ON n.id = o.notification_id JOIN cases c ON c.id = n.case_id JOIN participants p ON p.case_id = c.id AND p.seq = 0
         LEFT JOIN case_progress_codes pc ON pc.case_id = c.id
       WHERE o.state = 'pending' AND o.seq > ?${due}${skip} AND ${notConsentHeld('o.notification_id')} ORDER BY o.seq LIMIT ?`,
    )
    .all(...params, limit) as QueueRow[];
}

/** Is any row ready to go now (the loop's local check before it calls the platform)? */
export const anyDue = (db: WritableDb, due: DueWindow): boolean =>
  db.prepare(`SELECT EXISTS (SELECT 1 FROM outbox o WHERE o.state = 'pending' AND ${DUE} AND ${notConsentHeld('o.notification_id')})`).pluck().get(due.now, due.horizon) === 1;

/** Is any pending row waiting out a backoff, i.e. did its last attempt fail? (Keeps the drain's error on the status strip.) */
export const anyInBackoff = (db: WritableDb): boolean =>
  db.prepare("SELECT EXISTS (SELECT 1 FROM outbox WHERE state = 'pending' AND next_attempt_at IS NOT NULL)").pluck().get() === 1;

/** Rows ready to go (consent-held rows wait on the clerk, not on the platform: not counted). */
export const pendingCount = (db: WritableDb): number =>
  db.prepare(`SELECT COUNT(*) FROM outbox o WHERE o.state = 'pending' AND ${notConsentHeld('o.notification_id')}`).pluck().get() as number;

const statements = new WeakMap<WritableDb, { event: Database.Statement; status: Database.Statement }>();

/** Appends a lifecycle event and moves the notification's current status with it (history is the events). */
export function recordStatus(db: WritableDb, id: string, status: NotificationStatus, reason: string | null, actor: string, at: string): void {
  // Prepared once per connection: a drain records thousands of these.
  let st = statements.get(db);
  if (!st) {
    st = {
      event: db.prepare('INSERT INTO notification_events (notification_id, status, reason, actor, at) VALUES (?, ?, ?, ?, ?)'),
      status: db.prepare('UPDATE notifications SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?'),
    };
    statements.set(db, st);
  }
  st.event.run(id, status, reason, actor, at);
  st.status.run(status, reason, at, id);
}

/**
 * A failed attempt: the rows stay pending, count the attempt, and wait until `nextAttemptAt`
 * (persisted, survives restarts). Attempts are counted when they fail, not before sending: an
 * electronic send stays 待送出 until acknowledged, and a crash mid-request just means a resend
 * that the platform answers `duplicate`.
 */
export function scheduleRetry(db: WritableDb, rows: QueueRow[], nextAttemptAt: string, error: string): void {
  db.prepare("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE state = 'pending' AND seq IN (SELECT value FROM json_each(?))").run(
    nextAttemptAt,
    error,
    JSON.stringify(rows.map((r) => r.seq)),
  );
}

/**
 * Runs writes that may be lost on a power failure without losing anything: acknowledgements and
 * pulled changes. Lost, they only cause a resend the platform answers `duplicate`, or a re-pull
 * the per-notification cursor makes a no-op — so their commit skips the fsync (WAL stays
 * consistent; the next FULL commit, e.g. a case save, makes them durable too). Case saves, paper
 * holds and everything else keep synchronous=FULL (DESIGN.md §4: measured in bench/outboxDrain.ts).
 */
export function withoutFsync<T>(db: WritableDb, fn: () => T): T {
  const before = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    return fn();
  } finally {
    db.pragma(`synchronous = ${before}`);
  }
}

/**
 * A row that can never be accepted as it is (rejected by the platform, or invalid before sending):
 * the notification becomes `failed` with the reason and the outbox row leaves the queue, so it
 * never blocks the rows behind it.
 */
export function markFailed(db: WritableDb, row: Pick<QueueRow, 'seq' | 'id'>, reason: string, at: string): void {
  db.prepare("UPDATE outbox SET state = 'failed', last_error = ?, next_attempt_at = NULL WHERE seq = ?").run(reason, row.seq);
  recordStatus(db, row.id, 'failed', reason, SYNC_ACTOR, at);
}

/** Failed rows back into the queue (the clerk pressed 重送失敗項目), oldest first; returns how many. */
export function requeueFailed(db: WritableDb, at: string, actor: string): number {
  return db.transaction(() => {
    const rows = db.prepare("SELECT seq, notification_id FROM outbox WHERE state = 'failed' ORDER BY seq").all() as { seq: number; notification_id: string }[];
    for (const r of rows) {
      db.prepare("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = NULL WHERE seq = ?").run(r.seq);
      recordStatus(db, r.notification_id, 'queued', '重新送出', actor, at);
    }
    return rows.length;
  }).immediate();
}

/** Clears every backoff wait so the next drain starts now (manual 立即重試). */
export function clearBackoff(db: WritableDb): void {
  db.prepare("UPDATE outbox SET next_attempt_at = NULL WHERE state = 'pending' AND next_attempt_at IS NOT NULL").run();
}
