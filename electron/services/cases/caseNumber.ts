import type { WritableDb } from '../db/open';
import { prepared } from '../db/statements';

/**
 * Next human-readable case number, e.g. `FS01-1151126-0007` (office, ROC date, daily sequence).
 * Must run inside the case's write transaction: the UPSERT takes SQLite's write lock, so two
 * savers — even two processes on one file — serialise and never share a number.
 */
export function nextCaseNo(db: WritableDb, officeCode: string, rocCompactDate: string): string {
  const seq = prepared(
    db,
    `INSERT INTO case_sequences (office_code, roc_date, last_seq) VALUES (?, ?, 1)
       ON CONFLICT (office_code, roc_date) DO UPDATE SET last_seq = last_seq + 1
       RETURNING last_seq`,
  )
    .pluck(true)
    .get(officeCode, rocCompactDate) as number;
  return `${officeCode}-${rocCompactDate}-${String(seq).padStart(4, '0')}`;
}
