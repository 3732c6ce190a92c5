import type Database from 'better-sqlite3';
import { MAX_PROGRESS_ITEMS, MAX_PROGRESS_REGISTRATIONS, type ProgressRegistration, type RegisterProgressResult } from '../../../shared/progress/register';
import type { ProgressRecord } from '../../../shared/progress/code';
import type { WritableDb } from '../db/open';
import type { Logger } from '../logging/logger';
import type { PlatformClient } from '../platform-client/client';
import type { PlatformError } from '../platform-client/errors';
import { backoffDelay, type BackoffPolicy } from '../sync/backoff';

/**
 * Registering saved cases' progress records with the platform (issue 13, last finding): a citizen
 * who opens the receipt's lookup the same day must find the case although its notifications wait
 * for the signed consent scan. The record carries nothing personal and no consent hold applies.
 *
 * Offline first: the case save only writes the code row (progress/store.ts); this runs inside the
 * sync engine's drain, before the envelopes. A row needs registering while `registered_issue` is
 * NULL or below `issue` (migration 017), so a reissued code (reissue.ts) registers again by itself,
 * and a case is confirmed once per issue.
 */

type PendingRow = { case_id: number; case_no: string; alg: ProgressRecord['alg']; salt: string; hash: string; issue: number };
type ItemRow = { id: string; item_code: string; receiver_agency: string };

/** Cases whose current code the platform has not confirmed, oldest first. */
export function unregisteredCases(db: WritableDb, limit: number): PendingRow[] {
  return db
    .prepare(
      `SELECT pc.case_id, c.case_no, pc.alg, pc.salt, pc.hash, pc.issue FROM case_progress_codes pc JOIN cases c ON c.id = pc.case_id
       WHERE pc.registered_issue IS NULL OR pc.registered_issue < pc.issue ORDER BY pc.case_id LIMIT ?`,
    )
    .all(limit) as PendingRow[];
}

/** Is any case waiting to be registered? (The sync loop's local check; the partial index makes it one probe.) */
export const anyUnregistered = (db: WritableDb): boolean =>
  db.prepare('SELECT EXISTS (SELECT 1 FROM case_progress_codes WHERE registered_issue IS NULL OR registered_issue < issue)').pluck().get() === 1;

/**
 * What the platform is told about a case: its record and items in the case's order. Items that
 * went on paper (outbox `held`) will never reach the platform, so they are not announced.
 */
export function registrationOf(db: WritableDb, row: PendingRow): ProgressRegistration {
  const items = itemsStatement(db).all(row.case_id, MAX_PROGRESS_ITEMS) as ItemRow[];
  return {
    caseNo: row.case_no,
    progress: { alg: row.alg, salt: row.salt, hash: row.hash, issue: row.issue },
    items: items.map((i) => ({ notificationId: i.id, itemCode: i.item_code, receiverAgency: i.receiver_agency })),
  };
}

// Prepared once per connection: a counter back online reads thousands of cases' items in a row.
const itemStatements = new WeakMap<WritableDb, Database.Statement>();
function itemsStatement(db: WritableDb): Database.Statement {
  let st = itemStatements.get(db);
  if (!st) {
    st = db.prepare(
      `SELECT n.id, n.item_code, n.receiver_agency FROM notifications n LEFT JOIN outbox o ON o.notification_id = n.id
       WHERE n.case_id = ? AND (o.state IS NULL OR o.state <> 'held') ORDER BY n.rowid LIMIT ?`,
    );
    itemStatements.set(db, st);
  }
  return st;
}

/** Marks the issue the platform answered for; a code reissued meanwhile stays unregistered (its own issue goes next). */
function markRegistered(db: WritableDb, rows: readonly PendingRow[], results: readonly RegisterProgressResult[], log: Logger): { registered: number; rejected: number } {
  const byCase = new Map(rows.map((r) => [r.case_no, r]));
  const mark = db.prepare('UPDATE case_progress_codes SET registered_issue = ? WHERE case_id = ? AND issue = ?');
  let registered = 0;
  let rejected = 0;
  db.transaction(() => {
    for (const r of results) {
      const row = byCase.get(r.caseNo);
      if (!row) continue;
      // A refusal is final (another office's number, an item the platform does not know): retrying
      // would be refused again. The envelopes still carry the record when they go.
      if (r.outcome === 'rejected') {
        rejected++;
        log.warn({ action: 'progress-register-refused', caseNo: r.caseNo, code: r.error.code }, 'platform refused the progress record');
      } else registered++;
      mark.run(row.issue, row.case_id, row.issue);
    }
  }).immediate();
  return { registered, rejected };
}

export type ProgressRegistrar = {
  /** Something to register and no wait pending (a local check, no network). */
  due(): boolean;
  /**
   * Registers every waiting case, in requests of MAX_PROGRESS_REGISTRATIONS. Throws the
   * PlatformError of a failed request (rows stay unregistered; the caller decides whether the
   * platform is gone or only this endpoint failed and calls `holdOff`).
   */
  run(signal: AbortSignal, timeoutMs: number): Promise<{ registered: number; rejected: number }>;
  /** The platform answered this endpoint with an error: wait before the next try (its own backoff, apart from the envelopes'). */
  holdOff(e: PlatformError): number;
};

/**
 * A platform that does not know the endpoint (404 ROUTE_NOT_FOUND: released before issue 13) is
 * asked again only this seldom; the envelopes carry the record to it as before.
 */
const OLD_PLATFORM_HOLD_MS = 60 * 60_000;

export function createProgressRegistrar(deps: { db: WritableDb; client: PlatformClient; logger: Logger; backoff: BackoffPolicy }): ProgressRegistrar {
  const { db, client } = deps;
  const log = deps.logger.child({ module: 'progress-register' });
  let failures = 0;
  let holdUntil = 0;

  return {
    due: () => performance.now() >= holdUntil && anyUnregistered(db),

    async run(signal, timeoutMs) {
      const total = { registered: 0, rejected: 0 };
      if (performance.now() < holdUntil) return total;
      for (;;) {
        const rows = unregisteredCases(db, MAX_PROGRESS_REGISTRATIONS);
        if (rows.length === 0 || signal.aborted) break;
        const records = rows.map((r) => registrationOf(db, r));
        const answer = await client.call('registerProgress', { body: { records } }, { signal, timeoutMs });
        if (signal.aborted) break;
        const done = markRegistered(db, rows, answer.results, log);
        total.registered += done.registered;
        total.rejected += done.rejected;
        failures = 0;
        // A platform that answered for none of them is not asked the same thing again in this run.
        if (done.registered + done.rejected === 0) break;
      }
      if (total.registered + total.rejected > 0) log.info({ action: 'progress-register', ...total }, 'progress records registered');
      return total;
    },

    holdOff(e) {
      failures++;
      const wait = e.status === 404 && e.error.code === 'ROUTE_NOT_FOUND' ? OLD_PLATFORM_HOLD_MS : backoffDelay(failures, deps.backoff);
      holdUntil = performance.now() + wait;
      log.warn({ action: 'backoff', reason: e.error.code, status: e.status, delayMs: wait }, 'progress records not registered, will retry');
      return wait;
    },
  };
}
