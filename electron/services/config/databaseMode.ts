import { AppFailure } from '../../../shared/result';
import type { WritableDb } from '../db/open';
import type { Logger } from '../logging/logger';
import { readState } from '../sync/state';

/**
 * Whether this database is the demo office or a real one: which platform it may ever talk to. It is
 * a property of the DATABASE, kept in it (`sync_state` key `database-mode`, written once and never
 * updated), never of a missing file: a real database whose policy file went missing once
 * enrolled itself at a demo platform, had its 20 waiting notifications "delivered" there and got
 * demo accounts (issue 17, finding 1). So:
 * - a brand-new database (no user, case or credential) becomes the demo when there is no policy,
 *   an office database when there is one; `counter seed-demo` databases are demos by birth;
 * - any other database is an office database: it may hold real cases or a county credential;
 * - the mode, once recorded, never changes (insert-only: nothing here updates it);
 * - an office database needs IT's policy file to start, and a demo database refuses to start under
 *   one, so neither can ever act with the other's identity or platform.
 */
export type DatabaseMode = 'demo' | 'office';

const KEY = 'database-mode';

export function recordedDatabaseMode(db: WritableDb): DatabaseMode | null {
  const value = readState(db, KEY);
  // Anything but 'demo' counts as an office: an unknown value must never unlock the demo.
  return value === null ? null : value === 'demo' ? 'demo' : 'office';
}

/**
 * A demo database: recorded as one, or seeded by `counter seed-demo` and not started yet. Its cases
 * and accounts are invented (password demo1234), so it must never enrol at a county platform.
 */
export function isDemoDatabase(db: WritableDb): boolean {
  const recorded = recordedDatabaseMode(db);
  return recorded === 'demo' || (recorded === null && bornAsDemo(db));
}

/** Nothing in it yet that could be real: the moment `npm start` may turn it into the demo. */
function isBrandNew(db: WritableDb): boolean {
  return db.prepare('SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM cases) + (SELECT COUNT(*) FROM platform_credentials)').pluck().get() === 0;
}

/** `counter seed-demo` (or an older demo start) wrote the very first audit row: born as the demo. */
function bornAsDemo(db: WritableDb): boolean {
  return db.prepare('SELECT actor FROM audit ORDER BY id LIMIT 1').pluck().get() === 'seed-demo';
}

function decide(db: WritableDb, policyPresent: boolean): { mode: DatabaseMode; reason: string } {
  if (bornAsDemo(db)) return { mode: 'demo', reason: 'seeded as the demo' };
  if (isBrandNew(db)) return policyPresent ? { mode: 'office', reason: 'new database under a machine policy' } : { mode: 'demo', reason: 'new database without a machine policy' };
  return { mode: 'office', reason: 'holds users, cases or a platform credential' };
}

/**
 * The mode the shells run this database in; records it on first use. Throws a typed zh-TW failure
 * (the admin error screen shows it) when the policy file does not match the database.
 */
export function resolveDatabaseMode(db: WritableDb, policy: { present: boolean; file: string }, at: string, logger?: Logger): DatabaseMode {
  let mode = recordedDatabaseMode(db);
  if (!mode) {
    const decided = decide(db, policy.present);
    db.prepare('INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING').run(KEY, decided.mode, at);
    mode = recordedDatabaseMode(db)!; // another process may have decided first
    logger?.warn({ action: 'database-mode', mode, reason: decided.reason }, 'database mode recorded');
  }
  if (mode === 'office' && !policy.present) {
    throw new AppFailure({
      code: 'POLICY_MISSING',
      message: `此資料庫是正式機關的資料庫，但找不到工作站政策設定檔「${policy.file}」，程式未啟動（不會改用示範模式）。請資訊人員放回政策設定檔後重新啟動；若要試用示範，請用新的資料庫檔案。`,
    });
  }
  if (mode === 'demo' && policy.present) {
    throw new AppFailure({
      code: 'DEMO_DATABASE_UNDER_POLICY',
      message: `此資料庫是示範資料庫（含示範帳號與虛構案件），不能在有工作站政策設定檔「${policy.file}」的正式工作站使用。請改用新的資料庫檔案。`,
    });
  }
  return mode;
}
