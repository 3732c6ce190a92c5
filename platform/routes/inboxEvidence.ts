import type { FastifyInstance } from 'fastify';
import { AppFailure } from '../../shared/result';
import type { PlatformDeps } from '../server/deps';
import { PlatformFailure } from '../server/failure';
import { registerEndpoint } from '../server/register';
import { exportEvidence } from '../signing/exportEvidence';

const NOT_OURS = '找不到這筆寄給本機關的通報';

/**
 * GET /v1/inbox/{id}/evidence (issue 15 §3): the receiving agency downloads a notification's
 * evidence bundle, the same nin1-evidence/1 document `npm run platform -- export-evidence` writes.
 * Only the agency now holding the notification; anyone else gets the unknown-id 404 (no existence
 * oracle). Audited: the bundle carries the signed envelope with the person's data.
 */
export function inboxEvidenceRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  registerEndpoint(app, deps, 'inboxEvidence', async ({ params }, ctx) => {
    const p = ctx.principal;
    ctx.note({ target: `notification:${params.id}`, messageIds: [params.id] });
    const t = await deps.store.thread(params.id);
    if (p?.kind !== 'agency' || !t || t.receiverAgency !== p.agencyCode) throw new PlatformFailure('NOT_FOUND', NOT_OURS);
    const now = deps.clock.now().toISOString();
    const bundle = await exportEvidence(deps.store, params.id, now).catch((e: unknown) => {
      if (e instanceof AppFailure && (e.error.code === 'EVIDENCE_UNSIGNED' || e.error.code === 'EVIDENCE_PURGED')) throw new PlatformFailure(e.error.code);
      if (e instanceof AppFailure) throw new PlatformFailure('NOT_FOUND', e.error.message);
      throw e;
    });
    await deps.store.appendAudit({ at: now, actor: p.subject, action: 'evidence.export', target: `notification:${params.id}`, detail: { requestId: ctx.requestId, seq: bundle.entry.seq, head: bundle.head.seq } });
    return bundle;
  });
}
