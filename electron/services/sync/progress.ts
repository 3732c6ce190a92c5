import type { CaseProgress } from '../../../shared/contract/syncApi';
import { NOTIFICATION_STATUS_LABEL, type NotificationStatus } from '../../../shared/cases/schema';
import type { ServiceContext } from '../context';
import { loadCaseRow } from '../cases/queries';

type Row = { id: string; item_code: string; kind: 'notification' | 'verification'; status: NotificationStatus; status_reason: string | null; outbox: CaseProgress['notifications'][number]['outbox'] };
type AnswerRow = { found: number; text: string; actor: string; answered_at: string };

/**
 * A case's notification statuses, events and verification answers — no person data, so the open
 * case screen may poll it every second without writing a record-view audit row each time (the
 * view itself was audited when the case was opened).
 */
export function caseProgress(ctx: ServiceContext, caseNo: string): CaseProgress {
  const c = loadCaseRow(ctx, caseNo);
  const rows = ctx.db
    .prepare(
      `SELECT n.id, n.item_code, n.kind, n.status, n.status_reason, o.state AS outbox
       FROM notifications n LEFT JOIN outbox o ON o.notification_id = n.id WHERE n.case_id = ? ORDER BY n.rowid`,
    )
    .all(c.id) as Row[];
  const events = ctx.db.prepare('SELECT status, at, reason FROM notification_events WHERE notification_id = ? ORDER BY id');
  const answer = ctx.db.prepare('SELECT found, text, actor, answered_at FROM verification_answers WHERE notification_id = ? ORDER BY change_cursor DESC LIMIT 1');
  return {
    caseNo,
    changeSeq: (ctx.db.prepare('SELECT MAX(id) FROM notification_events').pluck().get() as number | null) ?? 0,
    notifications: rows.map((r) => {
      const a = answer.get(r.id) as AnswerRow | undefined;
      return {
        id: r.id,
        itemCode: r.item_code,
        kind: r.kind,
        status: r.status,
        statusLabel: r.outbox === 'held' && r.status === 'sent' ? '已改寄紙本' : NOTIFICATION_STATUS_LABEL[r.status],
        statusReason: r.status_reason,
        events: events.all(r.id) as CaseProgress['notifications'][number]['events'],
        outbox: r.outbox,
        answer: a ? { found: a.found === 1, text: a.text, actor: a.actor, at: a.answered_at } : null,
      };
    }),
  };
}
