import Database from 'better-sqlite3';

/**
 * What a database has already handed out and may have told the platform: case-number sequences and
 * progress-code issues. A restore takes an OLDER copy; without these, the next case got a number
 * the platform already held for another citizen, and a reissued receipt code was not above the
 * platform's (issue 17, finding 2). Read from the kept-aside file inside the restore.
 */
export type HighWater = {
  sequences: { office: string; rocDate: string; lastSeq: number }[];
  progress: { caseNo: string; code: string; alg: string; salt: string; hash: string; issue: number; issuedAt: string; issuedBy: string }[];
};

export type CarriedHighWater =
  | { carried: true; sequences: number; progressCodes: number }
  | { carried: false; reason: string };

const CASE_NO = /^(.+)-(\d{7})-(\d+)$/;
const hasTable = (db: Database.Database, name: string): boolean => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/** The kept-aside file's marks; its sequences table and its case numbers both count (whichever is higher). */
export function readHighWater(file: string): HighWater {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const seqs = new Map<string, { office: string; rocDate: string; lastSeq: number }>();
    const bump = (office: string, rocDate: string, n: number): void => {
      const k = `${office}\u0000${rocDate}`;
      if ((seqs.get(k)?.lastSeq ?? 0) < n) seqs.set(k, { office, rocDate, lastSeq: n });
    };
    if (hasTable(db, 'case_sequences')) {
      for (const r of db.prepare('SELECT office_code, roc_date, last_seq FROM case_sequences').all() as { office_code: string; roc_date: string; last_seq: number }[]) bump(r.office_code, r.roc_date, r.last_seq);
    }
    for (const caseNo of db.prepare('SELECT case_no FROM cases').pluck().all() as string[]) {
      const m = CASE_NO.exec(caseNo);
      if (m) bump(m[1]!, m[2]!, Number(m[3]));
    }
    const progress = hasTable(db, 'case_progress_codes')
      ? (db
          .prepare(
            `SELECT c.case_no AS caseNo, p.code, p.alg, p.salt, p.hash, p.issue, p.issued_at AS issuedAt, p.issued_by AS issuedBy
             FROM case_progress_codes p JOIN cases c ON c.id = p.case_id`,
          )
          .all() as HighWater['progress'])
      : [];
    return { sequences: [...seqs.values()], progress };
  } finally {
    db.close();
  }
}

/**
 * Moves the restored copy past the marks, in one transaction: each sequence to at least the
 * kept-aside's, and for a case whose code was reissued after the backup, the kept-aside's newer code
 * and issue — the one the citizen's latest receipt shows and the platform keeps — so a reprint
 * works and the next reissue is above it.
 */
export function carryHighWater(restoredFile: string, hw: HighWater): { sequences: number; progressCodes: number } {
  const db = new Database(restoredFile, { fileMustExist: true });
  try {
    return db.transaction(() => {
      let sequences = 0;
      const seq = db.prepare(
        `INSERT INTO case_sequences (office_code, roc_date, last_seq) VALUES (?, ?, ?)
         ON CONFLICT (office_code, roc_date) DO UPDATE SET last_seq = excluded.last_seq WHERE excluded.last_seq > last_seq`,
      );
      for (const s of hw.sequences) sequences += seq.run(s.office, s.rocDate, s.lastSeq).changes;
      let progressCodes = 0;
      if (hasTable(db, 'case_progress_codes')) {
        const code = db.prepare(
          `INSERT INTO case_progress_codes (case_id, code, alg, salt, hash, issue, issued_at, issued_by)
           SELECT id, @code, @alg, @salt, @hash, @issue, @issuedAt, @issuedBy FROM cases WHERE case_no = @caseNo
           ON CONFLICT (case_id) DO UPDATE SET code = excluded.code, alg = excluded.alg, salt = excluded.salt, hash = excluded.hash,
             issue = excluded.issue, issued_at = excluded.issued_at, issued_by = excluded.issued_by
           WHERE excluded.issue > issue`,
        );
        for (const p of hw.progress) progressCodes += code.run(p).changes;
      }
      return { sequences, progressCodes };
    }).immediate();
  } finally {
    db.close();
  }
}

/** Both steps; a kept-aside file too damaged to read is reported, not fatal (restoring it is the point). */
export function carryHighWaterFrom(keptAside: string, restoredFile: string): CarriedHighWater {
  let hw: HighWater;
  try {
    hw = readHighWater(keptAside);
  } catch (e) {
    return { carried: false, reason: (e as Error).message };
  }
  return { carried: true, ...carryHighWater(restoredFile, hw) };
}
