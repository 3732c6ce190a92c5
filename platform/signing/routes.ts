import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../server/deps';
import { PlatformFailure } from '../server/failure';
import { registerEndpoint } from '../server/register';
import { anchoredHead, anchorAuditHead } from './anchors';
import { signedHead } from './receipts';

/**
 * GET /v1/log/head: anyone may fetch the signed head and compare it with a receipt or a bundle.
 * /v1/audit/anchor: a workstation anchors its audit head (POST) and asks which head the platform
 * holds for it (GET); its own token only, so one office cannot read another's activity counts.
 */
export function logRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  registerEndpoint(app, deps, 'logHead', async () => signedHead(deps.store, deps.clock.now().toISOString()));
  registerEndpoint(app, deps, 'anchorAudit', async ({ body }, ctx) => {
    if (ctx.principal?.kind !== 'workstation') throw new PlatformFailure('FORBIDDEN');
    ctx.note({ target: ctx.principal.subject });
    return anchorAuditHead(deps.store, ctx.principal.subject, body, deps.clock.now().toISOString());
  });
  registerEndpoint(app, deps, 'auditAnchor', async ({ query }, ctx) => {
    if (ctx.principal?.kind !== 'workstation') throw new PlatformFailure('FORBIDDEN');
    return anchoredHead(deps.store, ctx.principal.subject, query.nonce, deps.clock.now().toISOString());
  });
}
