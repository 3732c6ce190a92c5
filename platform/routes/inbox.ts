import type { FastifyInstance } from 'fastify';
import type { InboxEntry } from '../../shared/platform/wire';
import { decide } from '../notifications/lifecycle';
import { deadlinesFor } from '../overdue/deadline';
import type { PlatformDeps } from '../server/deps';
import { PlatformFailure } from '../server/failure';
import { registerEndpoint } from '../server/register';
import { admitSignedMessage, duplicateAnswer, receiptFor } from '../signing/signedMessages';

/** The receiving agency's side: its inbox (audited, it shows personal data) and its actions. */
export function inboxRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  registerEndpoint(app, deps, 'agencyInbox', async ({ params, query }, ctx) => {
    const p = ctx.principal;
    if (p?.kind !== 'agency' || p.agencyCode !== params.agency) throw new PlatformFailure('FORBIDDEN', `此憑證只能查看「${p?.kind === 'agency' ? p.agencyCode : ''}」的收件匣`);
    ctx.note({ target: `agency:${params.agency}` });
    // 逾時未回報 (issue 7): deadlines of new deliveries first, so the overdue filter sees them.
    const deadlines = deadlinesFor(deps.config.catalogue, deps.logger);
    if (query.overdue) await deps.store.fillDueDates(deadlines.dueMs, deadlines.basis);
    const asOf = deps.clock.now();
    const raw = await deps.store.inbox(params.agency, query, asOf.getTime());
    const page = { ...raw, entries: raw.entries.map((e) => deadlines.annotate(e, asOf)) };
    if (page.entries.length > 0) {
      const now = deps.clock.now();
      await deps.store.appendAudit({
        at: now.toISOString(),
        actor: p.subject,
        action: 'inbox.read',
        target: `agency:${params.agency}`,
        detail: { requestId: ctx.requestId, ids: page.entries.map((e) => e.id) },
      });
    }
    return page;
  });

  registerEndpoint(app, deps, 'notificationAction', async ({ params, body }, ctx) => {
    const p = ctx.principal;
    if (p?.kind !== 'agency') throw new PlatformFailure('FORBIDDEN');
    ctx.note({ target: `notification:${params.id}`, messageIds: [params.id, ...(body.messageId ? [body.messageId] : [])] });
    const now = deps.clock.now();
    const annotate = (e: InboxEntry) => deadlinesFor(deps.config.catalogue, deps.logger).annotate(e, now);
    // Issue 15: verified on the raw body before anything is stored; a replay is answered, not applied.
    const admitted = await admitSignedMessage(deps.store, p.subject, 'notification-action', params.id, ctx.req.body);
    if (admitted.kind === 'duplicate') return duplicateAnswer(deps.store, params.id, admitted.receipt, annotate);
    const kindOf = (code: string) => deps.config.catalogue.agencies.find((a) => a.code === code)?.kind;
    const r = await deps.store.transition(params.id, (s) => decide(body, s, p.agencyCode, kindOf), p.subject, now, {
      at: now.toISOString(),
      actor: p.subject,
      action: `notification.${body.action}`,
      target: `notification:${params.id}`,
      detail: { requestId: ctx.requestId, ...(body.action === 'transfer' ? { from: p.agencyCode, to: body.to, reason: body.reason } : {}) },
    }, admitted.kind === 'fresh' ? { message: admitted.message } : undefined);
    // The same message racing its twin: the other one was applied and logged first.
    if (!r.ok && r.code === 'REPLAYED') return duplicateAnswer(deps.store, params.id, await receiptFor(deps.store, r.logged), annotate);
    if (!r.ok) {
      // Another agency's notification and an unknown id answer alike: the id alone must not tell whether it exists.
      if (r.code === 'FORBIDDEN' || r.code === 'NOT_FOUND') throw new PlatformFailure('NOT_FOUND', '找不到這筆寄給本機關的通報');
      throw new PlatformFailure(r.code);
    }
    if (r.changes.length > 0) {
      deps.hub.publish([`office:${r.officeCode}`], { scope: 'office', cursor: r.changes[r.changes.length - 1]!.cursor });
      // A transfer changes two inboxes: the old receiver's loses it, the new one's gains it.
      deps.hub.publish(r.receivers.map((a) => `agency:${a}`), { scope: 'inbox', cursor: null });
    }
    const receipt = r.logged ? await receiptFor(deps.store, r.logged) : null;
    return { entry: annotate(r.entry), changes: r.changes, ...(receipt ? { outcome: 'accepted' as const, receipt } : {}) };
  });
}
