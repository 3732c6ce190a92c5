import { PLATFORM_ERRORS } from '../../shared/platform/errors';
import type { NotificationEnvelope, WireError } from '../../shared/platform/wire';
import type { SqlExec } from '../store/sql';
import { officeOfCase } from './checkOwnership';

type Holder = { office: string; personId: string };

/**
 * One case number names one visit: one office and one person (issue 17 finding 2). A counter
 * restored from an old backup may hand out a case number the platform already holds for another
 * citizen; storing it would merge two people's items under one receipt. Read inside the submit
 * transaction (writers are serialised), so two batches cannot both claim a new number.
 * Purged rows (retention) no longer name their person and bind nothing.
 */
export async function caseBinder(q: SqlExec, caseNos: readonly string[]): Promise<{ conflict(e: NotificationEnvelope): WireError | null }> {
  const held = new Map<string, Holder>();
  const unique = [...new Set(caseNos)];
  for (let i = 0; i < unique.length; i += 500) {
    const part = unique.slice(i, i + 500);
    const rows = await q.all<{ case_no: string; office_code: string; person: string }>(
      `SELECT case_no, office_code, person FROM notifications WHERE case_no IN (${part.map(() => '?').join(', ')}) AND purged_ms IS NULL ORDER BY seq`,
      part,
    );
    // A row filed under another office's case number (possible before the platform refused that) binds nothing.
    for (const r of rows) if (r.office_code === officeOfCase(r.case_no) && !held.has(r.case_no)) held.set(r.case_no, { office: r.office_code, personId: (JSON.parse(r.person) as { id: string }).id });
  }
  return {
    /** Null when the envelope agrees with what the case number holds (or holds nothing yet: then it binds it). */
    conflict(e) {
      const h = held.get(e.caseNo);
      if (!h) {
        held.set(e.caseNo, { office: e.officeCode, personId: e.person.id });
        return null;
      }
      if (h.office === e.officeCode && h.personId === e.person.id) return null;
      // Say nothing about who holds it: "not this case" is all the sender may learn.
      return { code: 'CASE_CONFLICT', message: PLATFORM_ERRORS.CASE_CONFLICT.message, path: 'caseNo' };
    },
  };
}
