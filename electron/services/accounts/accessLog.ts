import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';

/**
 * 查詢紀錄 (seed 000: time, item, result): a lookup of a person's case that finds nothing is still a
 * lookup, so it is recorded with `result: 'not-found'` (the case number asked for, nothing else).
 */
export function withLookupLogged<T>(ctx: ServiceContext, actor: Actor, action: string, caseNo: string, load: () => T): T {
  try {
    return load();
  } catch (e) {
    if (e instanceof AppFailure && e.error.code === 'CASE_NOT_FOUND') {
      appendAudit(ctx.db, {
        at: ctx.clock.now().toISOString(), actorId: actor.user.id, actor: actor.user.username, action, caseNo,
        detail: { result: 'not-found' }, workstation: actor.workstation, ip: actor.ip,
      });
    }
    throw e;
  }
}
