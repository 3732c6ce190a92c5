import type { AuditCheck } from '../../../shared/contract/adminApi';
import type { Actor, ServiceContext } from '../context';
import { appendAudit, verifyAuditChain } from './audit';

/**
 * The admin screen's chain check: verifies, then records that it was run (after verifying, so the
 * check never vouches for its own entry). A broken row is described as stored — it may be forged,
 * which is the point of showing it.
 */
export function checkAuditChain(ctx: ServiceContext, actor: Actor): AuditCheck {
  const verdict = verifyAuditChain(ctx.db);
  const broken = verdict.ok
    ? null
    : ((ctx.db.prepare('SELECT id, at, actor, action FROM audit WHERE id = ?').get(verdict.brokenAt) as { id: number; at: string; actor: string; action: string } | undefined) ?? null);
  const checkedAt = ctx.clock.now().toISOString();
  appendAudit(ctx.db, {
    at: checkedAt, actorId: actor.user.id, actor: actor.user.username, action: 'audit.verify',
    detail: { ok: verdict.ok, rows: verdict.rows, brokenAt: broken?.id ?? null }, workstation: actor.workstation, ip: actor.ip,
  });
  return { ok: verdict.ok, rows: verdict.rows, broken, checkedAt };
}
