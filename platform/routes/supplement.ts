import type { FastifyInstance } from 'fastify';
import type { InboxEntry } from '../../shared/platform/wire';
import { validateItemFields } from '../../shared/cases/validateDraft';
import { decideSupplementAnswer } from '../notifications/lifecycle';
import { deadlinesFor } from '../overdue/deadline';
import type { PlatformDeps } from '../server/deps';
import { PlatformFailure } from '../server/failure';
import { registerEndpoint } from '../server/register';
import { admitSignedMessage, duplicateAnswer, receiptFor } from '../signing/signedMessages';

const NOT_OURS = '找不到這筆本所送出的通報';

/**
 * 補件 from the counter's side (issue 14): the sending office answers the open round with new
 * payload fields (checked against the item, like the envelope was) and/or a note; and the thread
 * of transfers and rounds, which the receiving agency and the sending office both read.
 */
export function supplementRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  registerEndpoint(app, deps, 'supplementAnswer', async ({ params, body }, ctx) => {
    const p = ctx.principal;
    if (p?.kind !== 'workstation') throw new PlatformFailure('FORBIDDEN');
    ctx.note({ target: `notification:${params.id}`, messageIds: [params.id, ...(body.messageId ? [body.messageId] : [])] });
    const now = deps.clock.now();
    const annotate = (e: InboxEntry) => deadlinesFor(deps.config.catalogue, deps.logger).annotate(e, now);
    // Issue 14 §2: scanned files named by the answer must already be on the platform (uploaded like consent evidence).
    const pages = body.attachments ?? [];
    const held = await deps.store.evidence.held(pages.map((a) => a.sha256));
    const missing = pages.find((a) => !held.has(a.sha256));
    if (missing) throw new PlatformFailure('EVIDENCE_MISSING', `補件引用的掃描檔尚未完整上傳到平台（${missing.sha256.slice(0, 12)}…），請先上傳再回覆`, 'attachments');
    // Issue 15: the counter's 補件 answer is signed like its envelopes; verified before anything is stored.
    const admitted = await admitSignedMessage(deps.store, p.subject, 'supplement-answer', params.id, ctx.req.body);
    if (admitted.kind === 'duplicate') return duplicateAnswer(deps.store, params.id, admitted.receipt, annotate);
    let invalid: { key: string; message: string } | null = null;
    const r = await deps.store.transition(params.id, (s) => {
      const decision = decideSupplementAnswer(body, s, p.officeCode);
      if (!decision.ok) return decision;
      // The new fields must be fields of the item, valid by its own rules (only those given are checked).
      const item = deps.config.catalogue.items.find((i) => i.code === s.itemCode);
      const defs = (item?.fields ?? []).filter((f) => f.key in body.fields);
      const unknown = Object.keys(body.fields).find((k) => !defs.some((f) => f.key === k));
      if (unknown !== undefined) invalid = { key: unknown, message: `「${unknown}」不是此項目的欄位` };
      else if (item) validateItemFields({ ...item, fields: defs }, body.fields, (key, _code, message) => { invalid ??= { key, message }; });
      return invalid ? { ok: false, code: 'ACTION_NOT_ALLOWED' } : decision;
    }, p.subject, now, {
      at: now.toISOString(),
      actor: p.subject,
      action: 'notification.supplement-answer',
      target: `notification:${params.id}`,
      detail: { requestId: ctx.requestId, round: body.round, fields: Object.keys(body.fields) },
    }, { answerPages: pages, ...(admitted.kind === 'fresh' ? { message: admitted.message } : {}) });
    // The same message racing its twin: the other one was applied and logged first.
    if (!r.ok && r.code === 'REPLAYED') return duplicateAnswer(deps.store, params.id, await receiptFor(deps.store, r.logged), annotate);
    const bad = invalid as { key: string; message: string } | null;
    if (bad) throw new PlatformFailure('PAYLOAD_INVALID', bad.message, `fields.${bad.key}`);
    if (!r.ok) {
      if (r.code === 'FORBIDDEN' || r.code === 'NOT_FOUND') throw new PlatformFailure('NOT_FOUND', NOT_OURS);
      throw new PlatformFailure(r.code);
    }
    if (r.changes.length > 0) {
      deps.hub.publish([`office:${r.officeCode}`], { scope: 'office', cursor: r.changes[r.changes.length - 1]!.cursor });
      deps.hub.publish(r.receivers.map((a) => `agency:${a}`), { scope: 'inbox', cursor: null });
    }
    const receipt = r.logged ? await receiptFor(deps.store, r.logged) : null;
    return { entry: annotate(r.entry), changes: r.changes, ...(receipt ? { outcome: 'accepted' as const, receipt } : {}) };
  });

  registerEndpoint(app, deps, 'notificationThread', async ({ params }, ctx) => {
    const p = ctx.principal;
    ctx.note({ target: `notification:${params.id}`, messageIds: [params.id] });
    const t = await deps.store.thread(params.id);
    const mine = t && ((p?.kind === 'agency' && p.agencyCode === t.receiverAgency) || (p?.kind === 'workstation' && p.officeCode === t.officeCode));
    // Another agency's or office's notification answers like an unknown id (no existence oracle).
    if (!t || !mine) throw new PlatformFailure('NOT_FOUND', '找不到這筆通報');
    return {
      id: params.id,
      receiverAgency: t.receiverAgency,
      events: t.events.map((e) => ({ cursor: e.cursor, status: e.status, reason: e.reason, actor: e.actor, at: e.at, event: e.event! })),
    };
  });
}
