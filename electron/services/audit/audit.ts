import type { WritableDb } from '../db/open';
import { prepared } from '../db/statements';
import { chainHash, GENESIS_HASH } from './chain';

export type AuditEntry = {
  at: string;
  actorId: number | null;
  actor: string;
  action: string;
  caseNo?: string | null;
  personRef?: number | null;
  /** Free-form JSON detail; never the person's raw ID number or address. */
  detail?: Record<string, unknown> | null;
  workstation?: string | null;
  ip?: string | null;
};

export { GENESIS_HASH };

const entryHash = (prev: string, e: AuditEntry): string =>
  chainHash(prev, [e.at, e.actorId, e.actor, e.action, e.caseNo ?? null, e.personRef ?? null, e.detail ?? null, e.workstation ?? null, e.ip ?? null]);

/**
 * Appends one audit row chained to the previous row's hash. Call inside the transaction that does
 * the audited work, so the work and its record commit (or vanish) together.
 *
 * Reading the chain head and inserting after it must be one step under the write lock, or a second
 * writer (the CLI, a second app process) reads the same head and the chain forks (issue 17 #9).
 * Alone, this is a BEGIN IMMEDIATE transaction: the lock is taken before the head is read. Inside a
 * caller's transaction better-sqlite3 makes it a SAVEPOINT, which takes no lock, so the head read is
 * preceded by claimWriteLock(). Migration 008 refuses a second successor of any row as the backstop.
 */
export function appendAudit(db: WritableDb, entry: AuditEntry): void {
  db.transaction(() => {
    claimWriteLock(db);
    insertAfterHead(db, entry);
  }).immediate();
}

/**
 * A write that touches no row still makes SQLite take the database's write lock (waiting on the busy
 * timeout), so the head read after it is the latest committed one. In a deferred caller transaction
 * that has already read an older snapshot, SQLite answers SQLITE_BUSY_SNAPSHOT here: the caller's
 * transaction fails as a whole and nothing is written, which is the right outcome for stale work.
 * (`WHERE 0` deletes nothing, so the append-only trigger never fires.)
 */
function claimWriteLock(db: WritableDb): void {
  prepared(db, 'DELETE FROM audit WHERE 0').run();
}

function insertAfterHead(db: WritableDb, entry: AuditEntry): void {
  const last = prepared(db, 'SELECT hash FROM audit ORDER BY id DESC LIMIT 1').pluck(true).get() as string | undefined;
  const prev = last ?? GENESIS_HASH;
  prepared(
    db,
    `INSERT INTO audit (at, actor_id, actor, action, case_no, person_ref, detail, workstation, ip, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entry.at,
    entry.actorId,
    entry.actor,
    entry.action,
    entry.caseNo ?? null,
    entry.personRef ?? null,
    entry.detail ? JSON.stringify(entry.detail) : null,
    entry.workstation ?? null,
    entry.ip ?? null,
    prev,
    entryHash(prev, entry),
  );
}

type AuditRow = {
  id: number; at: string; actor_id: number | null; actor: string; action: string; case_no: string | null;
  person_ref: number | null; detail: string | null; workstation: string | null; ip: string | null; prev_hash: string; hash: string;
};

export type AuditVerdict = { ok: true; rows: number } | { ok: false; brokenAt: number; rows: number };

/** A tampered detail may not even be JSON; that row is broken, not the verifier. */
function parseDetail(text: string | null): { ok: true; value: Record<string, unknown> | null } | { ok: false } {
  if (!text) return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return { ok: false };
  }
}

/**
 * Walks the chain; returns the id of the first row whose link or content does not verify (`rows` =
 * the entries verified before it). Takes any connection, so the verifier can run read-only.
 */
export function verifyAuditChain(db: Pick<WritableDb, 'prepare'>): AuditVerdict {
  let prev = GENESIS_HASH;
  let rows = 0;
  for (const r of db.prepare('SELECT * FROM audit ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    const detail = parseDetail(r.detail);
    if (!detail.ok) return { ok: false, brokenAt: r.id, rows };
    const expected = entryHash(prev, {
      at: r.at, actorId: r.actor_id, actor: r.actor, action: r.action, caseNo: r.case_no, personRef: r.person_ref,
      detail: detail.value, workstation: r.workstation, ip: r.ip,
    });
    if (r.prev_hash !== prev || r.hash !== expected) return { ok: false, brokenAt: r.id, rows };
    prev = r.hash;
    rows++;
  }
  return { ok: true, rows };
}
