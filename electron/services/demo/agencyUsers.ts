import type { Role } from '../../../shared/auth/roles';
import { appendAudit } from '../audit/audit';
import { sharedPasswordHash } from '../auth/sharedHash';
import { createUser, ensureOffice } from '../auth/users';
import type { ServiceContext } from '../context';
import { DEMO_PASSWORD } from './seedDemo';

/**
 * Receiving-agency clerks for the demo: each signs in to this same app and works their agency's
 * inbox through the platform (an agency workstation is this app with agency users whose office
 * code is the agency's catalogue code, and that agency enrolled — see services/inbox/inbox.ts).
 */
export const DEMO_AGENCY_USERS: { username: string; displayName: string; agencyCode: string; role: Role }[] = [
  { username: 'tax', displayName: '李家豪', agencyCode: 'KH-TAX', role: 'agency_clerk' },
  { username: 'land', displayName: '吳佩珊', agencyCode: 'KH-LAND-FS', role: 'agency_clerk' },
  { username: 'motor', displayName: '蔡明哲', agencyCode: 'THB-KH-MV', role: 'agency_clerk' },
  { username: 'social', displayName: '周雅婷', agencyCode: 'KH-SOCIAL', role: 'agency_clerk' },
];

/** Adds the demo agency accounts that are missing (idempotent: older demo databases get them too). */
export function ensureDemoAgencyUsers(ctx: ServiceContext): string[] {
  const at = ctx.clock.now().toISOString();
  const added: string[] = [];
  ctx.db.transaction(() => {
    for (const u of DEMO_AGENCY_USERS) {
      if (ctx.db.prepare('SELECT 1 FROM users WHERE username = ?').get(u.username)) continue;
      const agency = ctx.catalogue.agencies.find((a) => a.code === u.agencyCode);
      if (!agency) continue;
      ensureOffice(ctx.db, agency.code, agency.name);
      createUser(ctx.db, { username: u.username, displayName: u.displayName, role: u.role, officeCode: agency.code, passwordHash: sharedPasswordHash(DEMO_PASSWORD) }, at);
      appendAudit(ctx.db, { at, actorId: null, actor: 'seed-demo', action: 'account.create', detail: { username: u.username, agency: agency.code } });
      added.push(u.username);
    }
  }).immediate();
  return added;
}
