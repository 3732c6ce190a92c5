import type Database from 'better-sqlite3';
import type { ProgressRecord } from '../../../shared/progress/code';
import type { WritableDb } from '../db/open';
import { generateProgressCode } from './code';
import { makeProgressRecord } from './hash';

export type CaseProgressCode = { code: string; record: ProgressRecord; issuedAt: string; issuedBy: string };

type Row = { code: string; alg: string; salt: string; hash: string; issue: number; issued_at: string; issued_by: string };

/**
 * Gives the case a (new) receipt code: called inside createCase's transaction so a saved case
 * always has one, and by a reissue (which replaces the old code and bumps `issue`). Microseconds:
 * a CSPRNG draw and one HMAC.
 */
export function issueProgressCode(db: WritableDb, caseId: number | bigint, caseNo: string, at: string, by: string): CaseProgressCode {
  const st = statementsOf(db);
  const prev = st.issue.get(caseId) as number | undefined;
  const code = generateProgressCode();
  const record = makeProgressRecord(caseNo, code, (prev ?? 0) + 1);
  st.upsert.run(caseId, code, record.alg, record.salt, record.hash, record.issue, at, by);
  return { code, record, issuedAt: at, issuedBy: by };
}

// Prepared once per connection: this runs inside every case save (2 ms budget).
const statements = new WeakMap<WritableDb, { issue: Database.Statement; upsert: Database.Statement }>();
function statementsOf(db: WritableDb) {
  let st = statements.get(db);
  if (!st) {
    st = {
      issue: db.prepare('SELECT issue FROM case_progress_codes WHERE case_id = ?').pluck(),
      upsert: db.prepare(
        `INSERT INTO case_progress_codes (case_id, code, alg, salt, hash, issue, issued_at, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (case_id) DO UPDATE SET code = excluded.code, alg = excluded.alg, salt = excluded.salt, hash = excluded.hash,
           issue = excluded.issue, issued_at = excluded.issued_at, issued_by = excluded.issued_by`,
      ),
    };
    statements.set(db, st);
  }
  return st;
}

export function progressCodeOf(db: WritableDb, caseId: number | bigint): CaseProgressCode | null {
  const r = db.prepare('SELECT code, alg, salt, hash, issue, issued_at, issued_by FROM case_progress_codes WHERE case_id = ?').get(caseId) as Row | undefined;
  if (!r) return null;
  return { code: r.code, record: { alg: r.alg as ProgressRecord['alg'], salt: r.salt, hash: r.hash, issue: r.issue }, issuedAt: r.issued_at, issuedBy: r.issued_by };
}
