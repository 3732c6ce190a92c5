import type { FastifyInstance } from 'fastify';
import { enrol } from '../auth/enrolment';
import type { PlatformDeps } from '../server/deps';
import { PlatformFailure } from '../server/failure';
import { registerEndpoint } from '../server/register';

export function enrollRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  registerEndpoint(app, deps, 'enroll', async ({ body }, ctx) => {
    const c = body.client;
    if (c.kind === 'agency' && !deps.config.catalogue.agencies.some((a) => a.code === c.agencyCode)) {
      throw new PlatformFailure('AGENCY_UNKNOWN', `未知的機關代碼「${c.agencyCode}」`, 'client.agencyCode');
    }
    ctx.note({ target: c.kind === 'workstation' ? `office:${c.officeCode}` : `agency:${c.agencyCode}` });
    const out = await enrol(deps.store, deps.clock, deps.config.secret, deps.config.tokenTtlDays, body, ctx.ip);
    if (!out) throw new PlatformFailure('ENROLL_CODE_INVALID');
    deps.logger.info({ kind: c.kind, office: c.kind === 'workstation' ? c.officeCode : undefined, agency: c.kind === 'agency' ? c.agencyCode : undefined }, 'client enrolled');
    return out;
  });
}
