import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';

/**
 * Records a sign-out (seed 000 使用紀錄: login and logout with workstation and IP), so a session's
 * end is as traceable as its start.
 */
export function auditLogout(ctx: ServiceContext, actor: Actor): void {
  appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'session.logout',
    workstation: actor.workstation, ip: actor.ip,
  });
}
