import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../server/deps';
import { PlatformFailure } from '../server/failure';
import { registerEndpoint } from '../server/register';

/** 統計交叉分析. A workstation sees its own office's figures, an agency its own; an admin all of them. */
export function statsRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  const { items, agencies } = deps.config.catalogue;
  registerEndpoint(app, deps, 'stats', async ({ query }, ctx) => {
    const p = ctx.principal!;
    if (query.item && !items.some((i) => i.code === query.item)) throw new PlatformFailure('ITEM_UNKNOWN', `未知的項目代碼「${query.item}」`, 'item');
    if (query.agency && !agencies.some((a) => a.code === query.agency)) throw new PlatformFailure('AGENCY_UNKNOWN', `未知的機關代碼「${query.agency}」`, 'agency');
    let { office, agency } = query;
    if (p.kind === 'workstation') {
      if (office && office !== p.officeCode) throw new PlatformFailure('FORBIDDEN', '工作站只能查詢本所的統計');
      office = p.officeCode;
    }
    if (p.kind === 'agency') {
      if (agency && agency !== p.agencyCode) throw new PlatformFailure('FORBIDDEN', '機關只能查詢本機關的統計');
      agency = p.agencyCode;
    }
    ctx.note({ target: office ? `office:${office}` : agency ? `agency:${agency}` : 'all' });
    return deps.store.stats({ ...query, office, agency });
  });
}
