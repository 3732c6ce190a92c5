import { validateItemFields } from '../../../shared/cases/validateDraft';
import type { FieldValue } from '../../../shared/cases/schema';
import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';
import type { PlatformClient } from '../platform-client/client';

export type SupplementAnswerInput = { notificationId: string; round: number; fields: Record<string, FieldValue>; note?: string | undefined };

/**
 * The clerk answers an open 補件 round (issue 14): new payload fields (validated here against the
 * item, as at the save, so bad input never leaves the counter) and/or a note, sent to the platform,
 * which resumes the notification. Then, in one transaction, the round is closed on the case, the
 * fields join the stored payload and the answer is audited. The pulled change adds the event later
 * (closing the round again is a no-op). Needs the platform: an answer cannot wait in the outbox,
 * which holds one message per notification; offline it fails with the platform's typed error.
 */
export async function answerSupplement(ctx: ServiceContext, client: PlatformClient, actor: Actor, input: SupplementAnswerInput): Promise<{ answeredAt: string }> {
  const open = ctx.db
    .prepare(
      `SELECT n.item_code, n.payload, c.case_no FROM supplement_requests s JOIN notifications n ON n.id = s.notification_id JOIN cases c ON c.id = n.case_id
       WHERE s.notification_id = ? AND s.round = ? AND s.answered_at IS NULL AND c.office_code = ?`,
    )
    .get(input.notificationId, input.round, ctx.config.officeCode) as { item_code: string; payload: string; case_no: string } | undefined;
  if (!open) throw new AppFailure({ code: 'SUPPLEMENT_NOT_OPEN', message: '這一輪補件不存在或已回覆' });
  const item = ctx.catalogue.items.find((i) => i.code === open.item_code)!;
  const note = input.note?.trim() ?? '';
  const keys = Object.keys(input.fields);
  if (keys.length === 0 && note === '') throw new AppFailure({ code: 'SUPPLEMENT_EMPTY', message: '補件須補正欄位或填寫說明', path: 'fields' });
  const unknown = keys.find((k) => !item.fields.some((f) => f.key === k));
  if (unknown !== undefined) throw new AppFailure({ code: 'SUPPLEMENT_INVALID', message: `「${unknown}」不是「${item.title}」的欄位`, path: `fields.${unknown}` });
  let bad: AppFailure | null = null;
  const values = validateItemFields({ ...item, fields: item.fields.filter((f) => keys.includes(f.key)) }, input.fields, (key, code, message) => {
    bad ??= new AppFailure({ code, message, path: `fields.${key}` });
  });
  if (bad) throw bad;

  const res = await client.call('supplementAnswer', { params: { id: input.notificationId }, body: { round: input.round, fields: values, ...(note ? { note } : {}) } });
  const answeredAt = res.changes.at(-1)?.at ?? ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE supplement_requests SET answered_at = ?, answer = ? WHERE notification_id = ? AND round = ? AND answered_at IS NULL')
      .run(answeredAt, JSON.stringify({ fields: values, note: note || null }), input.notificationId, input.round);
    const payload = { ...(JSON.parse(open.payload) as Record<string, FieldValue>), ...values };
    ctx.db.prepare('UPDATE notifications SET payload = ? WHERE id = ?').run(JSON.stringify(payload), input.notificationId);
    appendAudit(ctx.db, {
      at: ctx.clock.now().toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'notification.supplement-answer', caseNo: open.case_no,
      personRef: null, detail: { notification: input.notificationId, round: input.round, fields: keys, note: note !== '' }, workstation: actor.workstation, ip: actor.ip,
    });
  }).immediate();
  return { answeredAt };
}
