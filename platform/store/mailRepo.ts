import type { PendingMail } from './repository';
import type { SqlExec } from './sql';

type MailRow = { id: number; notification_id: string; to_addr: string; subject: string; body: string; attempts: number; next_attempt_ms: number };

export async function dueMailsIn(q: SqlExec, nowMs: number, limit: number): Promise<PendingMail[]> {
  const rows = await q.all<MailRow>(
    'SELECT id, notification_id, to_addr, subject, body, attempts, next_attempt_ms FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_ms <= ? ORDER BY id LIMIT ?',
    [nowMs, limit],
  );
  return rows.map((r) => ({ id: r.id, notificationId: r.notification_id, to: r.to_addr, subject: r.subject, body: r.body, attempts: r.attempts, nextAttemptMs: r.next_attempt_ms }));
}

export async function claimMailIn(q: SqlExec, id: number, expectedNextMs: number, leaseUntilMs: number): Promise<boolean> {
  return (await q.run('UPDATE mail_outbox SET next_attempt_ms = ? WHERE id = ? AND next_attempt_ms = ? AND sent_at IS NULL', [leaseUntilMs, id, expectedNextMs])) === 1;
}

export async function mailSentIn(q: SqlExec, id: number, at: string): Promise<void> {
  await q.run('UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?', [at, id]);
}

export async function mailFailedIn(q: SqlExec, id: number, error: string, nextAttemptMs: number): Promise<void> {
  await q.run('UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_ms = ? WHERE id = ?', [error.slice(0, 500), nextAttemptMs, id]);
}
