import type { FastifyInstance } from 'fastify';
import { enrol } from '../auth/enrolment';
import { isEd25519PublicKey } from '../../electron/services/signing/ed25519';
import type { PlatformDeps } from '../server/deps';
import { PlatformFailure } from '../server/failure';
import { registerEndpoint } from '../server/register';

export function enrollRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  registerEndpoint(app, deps, 'enroll', async ({ body }, ctx) => {
    const c = body.client;
    if (c.kind === 'agency' && !deps.config.catalogue.agencies.some((a) => a.code === c.agencyCode)) {
      throw new PlatformFailure('AGENCY_UNKNOWN', `未知的機關代碼「${c.agencyCode}」`, 'client.agencyCode');
    }
    // Issue 15: only a real Ed25519 key is registered; anything else is refused before the code is spent.
    if (body.publicKey !== undefined && !isEd25519PublicKey(body.publicKey)) throw new PlatformFailure('INPUT_INVALID', '公鑰不是有效的 Ed25519 公鑰', 'publicKey');
    ctx.note({ target: c.kind === 'workstation' ? `office:${c.officeCode}` : `agency:${c.agencyCode}` });
    const out = await enrol(deps.store, deps.clock, deps.config.secret, deps.config.tokenTtlDays, body, ctx.ip);
    if (!out) throw new PlatformFailure('ENROLL_CODE_INVALID');
    deps.logger.info({ kind: c.kind, office: c.kind === 'workstation' ? c.officeCode : undefined, agency: c.kind === 'agency' ? c.agencyCode : undefined }, 'client enrolled');
    return out;
  });
}
