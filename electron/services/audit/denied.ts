import type { SessionUser } from '../../../shared/contract/api';
import type { ServiceContext } from '../context';
import { appendAudit } from './audit';

/**
 * A call refused by role is audited, not only logged: repeated probing of functions a role may not
 * use is exactly what an agency's auditor asks about. Only the method and role are kept (no input,
 * which may hold personal data).
 */
export function auditDenied(ctx: ServiceContext, user: SessionUser, method: string, origin: { workstation: string; ip: string | null }): void {
  appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(), actorId: user.id, actor: user.username, action: 'access.denied',
    detail: { method, role: user.role }, workstation: origin.workstation, ip: origin.ip,
  });
}
