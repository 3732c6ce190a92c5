import { AppFailure } from '../../../shared/result';
import type { WritableDb } from '../db/open';

/**
 * Backoff for password logins (issue 13), per account and per workstation, kept in the database
 * (migration 010) so a restart does not reset it.
 *
 * - An attempt is counted as a failure when it STARTS (before the slow KDF) and taken back when it
 *   succeeds, so a burst of parallel attempts cannot all slip under the limit while the KDF runs.
 * - After `free` failures in a row, each further failure locks for `baseMs`, doubling up to `capMs`.
 *   A locked key refuses every attempt, the right password included (otherwise the lock does not
 *   stop guessing), and refused attempts do not lengthen the lock.
 * - Accounts are keyed by the name as typed, known or not: an unknown name locks exactly like a
 *   real one, so the lockout is no user-enumeration oracle. A success clears its account.
 * - The workstation key catches one PC trying many names. A clerk's success there takes back only
 *   its own attempt: it does not wipe what an attacker did before.
 * - A key with no failure for `forgetMs` starts again from zero.
 */
export type ThrottleScope = 'account' | 'workstation';
export type ThrottleKeys = { account: string; workstation: string };

type Policy = { free: number; baseMs: number; capMs: number; forgetMs: number };
const MINUTE = 60_000;
export const THROTTLE_POLICY: Record<ThrottleScope, Policy> = {
  account: { free: 5, baseMs: MINUTE, capMs: 30 * MINUTE, forgetMs: 24 * 60 * MINUTE },
  workstation: { free: 10, baseMs: MINUTE, capMs: 15 * MINUTE, forgetMs: 60 * MINUTE },
};

type Row = { failures: number; last_failed_at: string; locked_until: string | null };
const SCOPES: readonly ThrottleScope[] = ['account', 'workstation'];

const lockFor = (p: Policy, failures: number): number | null => (failures < p.free ? null : Math.min(p.capMs, p.baseMs * 2 ** (failures - p.free)));

const taipeiClock = new Intl.DateTimeFormat('zh-TW', { timeZone: 'Asia/Taipei', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** AUTH_LOCKED, saying when (Taipei time) to try again; `scope` says which key refused, for the audit. */
export class LoginLocked extends AppFailure {
  constructor(readonly scope: ThrottleScope, until: Date, now: Date) {
    const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / MINUTE));
    const who = scope === 'account' ? '此帳號' : '此工作站';
    super({ code: 'AUTH_LOCKED', message: `${who}登入失敗次數過多，已暫停登入；請於 ${taipeiClock.format(until)}（約 ${minutes} 分鐘後）再試。` });
  }
}

const read = (db: WritableDb, scope: ThrottleScope, key: string): Row | undefined =>
  db.prepare('SELECT failures, last_failed_at, locked_until FROM login_throttle WHERE scope = ? AND key = ?').get(scope, key) as Row | undefined;

const write = (db: WritableDb, scope: ThrottleScope, key: string, failures: number, at: Date, lockedUntil: Date | null): void => {
  db.prepare(
    `INSERT INTO login_throttle (scope, key, failures, last_failed_at, locked_until) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (scope, key) DO UPDATE SET failures = excluded.failures, last_failed_at = excluded.last_failed_at, locked_until = excluded.locked_until`,
  ).run(scope, key, failures, at.toISOString(), lockedUntil?.toISOString() ?? null);
};

/**
 * Starts an attempt: throws LoginLocked when either key is locked, otherwise counts the attempt as a
 * failure for both keys. One IMMEDIATE transaction, so two processes (or parallel calls) see each
 * other's counts.
 */
export function beginAttempt(db: WritableDb, keys: ThrottleKeys, now: Date): void {
  db.transaction(() => {
    forgetOldFailures(db, now);
    for (const scope of SCOPES) {
      const row = read(db, scope, keys[scope]);
      if (row?.locked_until && Date.parse(row.locked_until) > now.getTime()) throw new LoginLocked(scope, new Date(row.locked_until), now);
    }
    for (const scope of SCOPES) {
      const p = THROTTLE_POLICY[scope];
      const row = read(db, scope, keys[scope]);
      const fresh = !row || now.getTime() - Date.parse(row.last_failed_at) > p.forgetMs;
      const failures = (fresh ? 0 : row.failures) + 1;
      const lock = lockFor(p, failures);
      write(db, scope, keys[scope], failures, now, lock === null ? null : new Date(now.getTime() + lock));
    }
  }).immediate();
}

/**
 * The attempt failed: its count stands, and the lock is measured from now (the KDF took time, and a
 * parallel success may have taken the lock back meanwhile). Call inside the caller's transaction.
 */
export function attemptFailed(db: WritableDb, keys: ThrottleKeys, now: Date): void {
  for (const scope of SCOPES) {
    const row = read(db, scope, keys[scope]);
    if (!row) continue;
    const lock = lockFor(THROTTLE_POLICY[scope], row.failures);
    write(db, scope, keys[scope], row.failures, now, lock === null ? null : new Date(now.getTime() + lock));
  }
}

/** The attempt succeeded: the account starts again from zero; the workstation gets back this one attempt. */
export function attemptSucceeded(db: WritableDb, keys: ThrottleKeys): void {
  db.prepare("DELETE FROM login_throttle WHERE scope = 'account' AND key = ?").run(keys.account);
  db.prepare("UPDATE login_throttle SET failures = max(failures - 1, 0), locked_until = NULL WHERE scope = 'workstation' AND key = ?").run(keys.workstation);
}

/** Rows nobody has failed on for longer than any forget window: keeps the table small under a spray of names. */
function forgetOldFailures(db: WritableDb, now: Date): void {
  const oldest = Math.max(...SCOPES.map((s) => THROTTLE_POLICY[s].forgetMs));
  db.prepare('DELETE FROM login_throttle WHERE last_failed_at < ?').run(new Date(now.getTime() - oldest).toISOString());
}
