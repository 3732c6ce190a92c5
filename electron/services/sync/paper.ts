import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import { buildConsentFormModel } from '../cases/formModel';
import type { Actor, ServiceContext } from '../context';
import { renderLegacyItemForm } from '../pdf/legacyItemForm';
import { recordStatus } from './outbox';

type Target = { id: string; item_code: string; case_no: string; person_ref: number; state: string | null };

function findTarget(ctx: ServiceContext, notificationId: string): Target {
  const t = ctx.db
    .prepare(
      `SELECT n.id, n.item_code, c.case_no, (SELECT id FROM participants WHERE case_id = c.id AND seq = 0) AS person_ref, o.state FROM notifications n JOIN cases c ON c.id = n.case_id
       LEFT JOIN outbox o ON o.notification_id = n.id WHERE n.id = ?`,
    )
    .get(notificationId) as Target | undefined;
  if (!t) throw new AppFailure({ code: 'NOTIFICATION_NOT_FOUND', message: '查無此通報項目' });
  return t;
}

/** The legacy single-item paper form for one notification (printing personal data is audited). */
export async function printPaperForm(ctx: ServiceContext, actor: Actor, notificationId: string): Promise<{ fileName: string; pdf: Uint8Array }> {
  const t = findTarget(ctx, notificationId);
  const model = buildConsentFormModel(ctx, t.case_no);
  const item = model.items.find((i) => i.code === t.item_code);
  if (!item) throw new AppFailure({ code: 'NOTIFICATION_NOT_FOUND', message: '查無此通報項目' });
  const pdf = await renderLegacyItemForm({ ...model, item, notificationId }, { now: ctx.clock.now() });
  appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'notification.paper-print',
    caseNo: t.case_no, personRef: t.person_ref, detail: { item: t.item_code }, workstation: actor.workstation, ip: actor.ip,
  });
  return { fileName: `${t.case_no}-${t.item_code}.pdf`, pdf };
}

/**
 * The clerk sent this item on paper (long platform outage): the outbox row is `held` so the engine
 * skips it, and the notification gets a `sent` event saying how it went — one transaction, audited.
 * Only an item still waiting (or failed) can go on paper; a delivered one is already there.
 */
export function markSentOnPaper(ctx: ServiceContext, actor: Actor, notificationId: string, note?: string): { notificationId: string; status: 'sent' } {
  const at = ctx.clock.now().toISOString();
  const reason = `改以紙本寄送（郵寄／傳真）${note ? `：${note}` : ''}`;
  ctx.db.transaction(() => {
    const t = findTarget(ctx, notificationId);
    if (t.state !== 'pending' && t.state !== 'failed') {
      const why = t.state === 'held' ? '此項已標記為紙本寄送' : '此項已送達平台，不需改寄紙本';
      throw new AppFailure({ code: 'PAPER_NOT_ALLOWED', message: why });
    }
    ctx.db.prepare("UPDATE outbox SET state = 'held', last_error = ?, next_attempt_at = NULL WHERE notification_id = ?").run(reason, notificationId);
    recordStatus(ctx.db, notificationId, 'sent', reason, actor.user.username, at);
    appendAudit(ctx.db, {
      at, actorId: actor.user.id, actor: actor.user.username, action: 'notification.sent-on-paper', caseNo: t.case_no,
      detail: { item: t.item_code }, workstation: actor.workstation, ip: actor.ip,
    });
  }).immediate();
  ctx.logger.info({ action: 'hold', reason: 'sent on paper', notificationId }, 'outbox row held');
  return { notificationId, status: 'sent' };
}
