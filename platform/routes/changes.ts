import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../server/deps';
import { PlatformFailure } from '../server/failure';
import { registerEndpoint } from '../server/register';

/** A counter pulls every status change of its own office after its cursor (delivered, received, completed, rejected, answers). */
export function changesRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  registerEndpoint(app, deps, 'officeChanges', async ({ params, query }, ctx) => {
    const p = ctx.principal;
    if (p?.kind !== 'workstation' || p.officeCode !== params.office) throw new PlatformFailure('FORBIDDEN', '工作站只能取得本所的狀態變更');
    ctx.note({ target: `office:${params.office}` });
    return deps.store.changes(params.office, query.cursor, query.limit);
  });
}
