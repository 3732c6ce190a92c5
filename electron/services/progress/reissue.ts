import { appendAudit } from '../audit/audit';
import { loadCaseRow } from '../cases/queries';
import type { Actor, ServiceContext } from '../context';
import { issueProgressCode } from './store';

export type ReissueResult = { caseNo: string; issue: number; resent: boolean };

/**
 * A new receipt code for a case (lost receipt, code seen by someone else, or a case saved before
 * codes existed): the old code stops working once the platform has the new record. One transaction:
 * the new code, the audit row (never the code), and — when every notification already left — one
 * of the case's sent notifications queued again so the sync engine carries the new record to the
 * platform. The platform answers that resend `duplicate` (nothing is stored twice, no status moves
 * back: acks.ts only advances statuses before `delivered`) and keeps the record with the higher
 * `issue`. When something is still pending it carries the record anyway, so nothing is re-queued.
 * The new issue also makes the case due for registration again (register.ts, issue 13): a platform
 * that has the registration endpoint gets the new record at the next sync before any envelope; the
 * resend stays for platforms released before it.
 */
export function reissueProgressCode(ctx: ServiceContext, actor: Actor, caseNo: string): ReissueResult {
  const { db } = ctx;
  const at = ctx.clock.now().toISOString();
  return db
    .transaction((): ReissueResult => {
      const row = loadCaseRow(ctx, caseNo);
      const issued = issueProgressCode(db, row.id, row.case_no, at, actor.user.username);
      const pending = db
        .prepare("SELECT COUNT(*) FROM outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.case_id = ? AND o.state = 'pending'")
        .pluck()
        .get(row.id) as number;
      let resent = false;
      if (pending === 0) {
        const seq = db
          .prepare("SELECT o.seq FROM outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.case_id = ? AND o.state = 'done' ORDER BY o.seq LIMIT 1")
          .pluck()
          .get(row.id) as number | undefined;
        if (seq !== undefined) {
          db.prepare("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = NULL, last_error = NULL WHERE seq = ?").run(seq);
          resent = true;
        }
      }
      appendAudit(db, {
        at, actorId: actor.user.id, actor: actor.user.username, action: 'case.progress.reissue', caseNo: row.case_no,
        detail: { issue: issued.record.issue, resent }, workstation: actor.workstation, ip: actor.ip,
      });
      return { caseNo: row.case_no, issue: issued.record.issue, resent };
    })
    .immediate();
}
