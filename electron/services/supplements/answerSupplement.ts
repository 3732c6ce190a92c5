import { validateItemFields } from '../../../shared/cases/validateDraft';
import type { FieldValue } from '../../../shared/cases/schema';
import type { SupplementAnswer } from '../../../shared/platform/wire';
import type { SupplementPage } from '../../../shared/platform/supplementPages';
import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';
import type { PlatformClient } from '../platform-client/client';
import { isPlatformError } from '../platform-client/errors';
import { isRefusal, recordDelivered, sendAnswer } from './deliverAnswer';

export type SupplementAnswerInput = {
  notificationId: string;
  round: number;
  fields: Record<string, FieldValue>;
  note?: string | undefined;
  /** Scanned files of this case (attachments ids) answered with. */
  attachmentIds?: readonly number[] | undefined;
};
export type SupplementAnswerResult = { state: 'sent' | 'queued'; answeredAt: string | null };

type OpenRound = { item_code: string; payload: string; case_no: string; case_id: number; answer_state: string | null };

/**
 * The clerk answers an open 補件 round (issue 14): new payload fields (validated here against the
 * item, as at the save, so bad input never leaves the counter), a note, and/or scanned files of the
 * case. Offline first: with the platform reachable the answer goes at once and the round is closed
 * (fields merged into the payload, audited, one transaction); when it cannot be reached (network,
 * timeout, 5xx, not enrolled) the answer waits on its round (`queued`) and the next sync delivers
 * it (deliverQueuedAnswers). A refusal by the platform (wrong round, a field it rejects) is the
 * platform's typed zh-TW error and nothing is stored.
 */
export async function answerSupplement(ctx: ServiceContext, client: PlatformClient | null, actor: Actor, input: SupplementAnswerInput): Promise<SupplementAnswerResult> {
  const open = ctx.db
    .prepare(
      `SELECT n.item_code, n.payload, c.case_no, c.id AS case_id, s.answer_state FROM supplement_requests s JOIN notifications n ON n.id = s.notification_id JOIN cases c ON c.id = n.case_id
       WHERE s.notification_id = ? AND s.round = ? AND s.answered_at IS NULL AND c.office_code = ?`,
    )
    .get(input.notificationId, input.round, ctx.config.officeCode) as OpenRound | undefined;
  if (!open) throw new AppFailure({ code: 'SUPPLEMENT_NOT_OPEN', message: '這一輪補件不存在或已回覆' });
  if (open.answer_state === 'queued') throw new AppFailure({ code: 'SUPPLEMENT_QUEUED', message: '這一輪補件已回覆，待與平台連線後送出' });
  const body = buildBody(ctx, open, input);

  const audit = (queued: boolean) =>
    appendAudit(ctx.db, {
      at: ctx.clock.now().toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'notification.supplement-answer', caseNo: open.case_no,
      personRef: null, detail: { notification: input.notificationId, round: input.round, fields: Object.keys(body.fields), note: body.note !== undefined, pages: body.attachments?.length ?? 0, queued }, workstation: actor.workstation, ip: actor.ip,
    });

  if (client) {
    try {
      const answeredAt = (await sendAnswer(ctx.db, client, input.notificationId, body)) ?? ctx.clock.now().toISOString();
      ctx.db.transaction(() => {
        recordDelivered(ctx.db, input.notificationId, body, answeredAt);
        audit(false);
      }).immediate();
      return { state: 'sent', answeredAt };
    } catch (e) {
      // Only "could not reach it" waits for the next sync; the platform saying no is the clerk's to see.
      if (!isPlatformError(e) || isRefusal(e)) throw e;
      ctx.logger.child({ module: 'supplements' }).warn({ action: 'queue', reason: e.error.code, notification: input.notificationId }, '補件 answer queued: platform unreachable');
    }
  }
  ctx.db.transaction(() => {
    ctx.db.prepare("UPDATE supplement_requests SET answer_state = 'queued', queued_body = ?, queued_at = ?, refusal = NULL WHERE notification_id = ? AND round = ? AND answered_at IS NULL")
      .run(JSON.stringify(body), ctx.clock.now().toISOString(), input.notificationId, input.round);
    audit(true);
  }).immediate();
  return { state: 'queued', answeredAt: null };
}

/** Checks the answer against the item and the case and returns the platform body (the signing client gives it a message id derived from notification and round, so a resend is a duplicate). */
function buildBody(ctx: ServiceContext, open: OpenRound, input: SupplementAnswerInput): SupplementAnswer {
  const item = ctx.catalogue.items.find((i) => i.code === open.item_code)!;
  const note = input.note?.trim() ?? '';
  const keys = Object.keys(input.fields);
  const pages = attachedPages(ctx, open.case_id, input.attachmentIds ?? []);
  if (keys.length === 0 && note === '' && pages.length === 0) throw new AppFailure({ code: 'SUPPLEMENT_EMPTY', message: '補件須補正欄位、附上掃描文件或填寫說明', path: 'fields' });
  const unknown = keys.find((k) => !item.fields.some((f) => f.key === k));
  if (unknown !== undefined) throw new AppFailure({ code: 'SUPPLEMENT_INVALID', message: `「${unknown}」不是「${item.title}」的欄位`, path: `fields.${unknown}` });
  let bad: AppFailure | null = null;
  const values = validateItemFields({ ...item, fields: item.fields.filter((f) => keys.includes(f.key)) }, input.fields, (key, code, message) => {
    bad ??= new AppFailure({ code, message, path: `fields.${key}` });
  });
  if (bad) throw bad;
  return { round: input.round, fields: values, ...(note ? { note } : {}), ...(pages.length > 0 ? { attachments: pages } : {}) };
}

/** The chosen attachments, only this case's own: the answer names them by hash and page count; sendAnswer uploads the files first. */
function attachedPages(ctx: ServiceContext, caseId: number, ids: readonly number[]): SupplementPage[] {
  const find = ctx.db.prepare('SELECT sha256, page_count FROM attachments WHERE id = ? AND case_id = ?');
  return [...new Set(ids)].map((id) => {
    const row = find.get(id, caseId) as { sha256: string; page_count: number | null } | undefined;
    if (!row) throw new AppFailure({ code: 'SUPPLEMENT_ATTACHMENT', message: `掃描文件 #${id} 不屬於本案`, path: 'attachmentIds' });
    return { sha256: row.sha256, pages: row.page_count ?? 1 };
  });
}
