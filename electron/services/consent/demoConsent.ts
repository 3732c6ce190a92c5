import { appendAudit } from '../audit/audit';
import type { ServiceContext } from '../context';

export const DEMO_CONSENT_REASON = '示範資料：歷史案件之簽名同意書為紙本歸檔（掃描功能上線前），不另掃描';

/**
 * The demo's past cases stand for visits from before scanning existed: each of their agencies
 * gets a documented exception, so they are not held in the outbox forever. Cases from
 * `fromLocalDate` on (this morning's) still need their signed form scanned — the scanning demo.
 */
export function exceptDemoCasesBefore(ctx: ServiceContext, fromLocalDate: string): number {
  const at = ctx.clock.now().toISOString();
  return ctx.db.transaction(() => {
    const n = ctx.db
      .prepare(
        `INSERT OR IGNORE INTO consent_exceptions (case_id, receiver_agency, reason, actor, at)
         SELECT DISTINCT n.case_id, n.receiver_agency, ?, 'seed-demo', ? FROM notifications n JOIN cases c ON c.id = n.case_id
         WHERE c.local_date < ? AND c.consent_required = 1`,
      )
      .run(DEMO_CONSENT_REASON, at, fromLocalDate).changes;
    appendAudit(ctx.db, { at, actorId: null, actor: 'seed-demo', action: 'consent.exception.demo', detail: { exceptions: n, before: fromLocalDate } });
    return n;
  }).immediate();
}
