import { PERSON_SEARCHERS } from '../../../shared/accounts/scope';
import { ROLE_LABEL } from '../../../shared/auth/roles';
import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';

/**
 * Search without a case number (by ID number or name) is limited by role (issue 7): refused with a
 * typed error and an `access.denied` audit row (method and kind of search only — never the query,
 * which would be the very personal data the role may not look up).
 */
export function assertMaySearchPeople(ctx: ServiceContext, actor: Actor, byPerson: boolean): void {
  if (!byPerson || PERSON_SEARCHERS.includes(actor.user.role)) return;
  appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'access.denied',
    detail: { method: 'cases.search', role: actor.user.role, by: 'person' }, workstation: actor.workstation, ip: actor.ip,
  });
  throw new AppFailure({
    code: 'ACCESS_DENIED',
    message: `${ROLE_LABEL[actor.user.role]}僅能以案件編號查詢；以身分證號或姓名查詢限臨櫃承辦人員與主管`,
    path: 'query',
  });
}
