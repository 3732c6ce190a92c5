import { userInfo } from 'node:os';
import type { Role } from '../../../shared/auth/roles';
import type { AuditEntry } from '../audit/audit';
import type { Actor } from '../context';

/**
 * Who makes an administrative change: a signed-in administrator (from a contract call) or IT at the
 * command line (`cli:<os user>`, treated as system_admin: whoever can open the database file can
 * do anything anyway). Every change records actor, workstation and IP.
 */
export type AdminActor = { id: number | null; username: string; role: Role; officeCode: string | null; workstation: string | null; ip: string | null };

export const adminActorOf = (a: Actor): AdminActor => ({
  id: a.user.id, username: a.user.username, role: a.user.role, officeCode: a.user.officeCode, workstation: a.workstation, ip: a.ip,
});

export function cliActor(workstation: string | null): AdminActor {
  let os = 'unknown';
  try {
    os = userInfo().username;
  } catch {
    // no passwd entry (containers): keep 'unknown'
  }
  return { id: null, username: `cli:${os}`, role: 'system_admin', officeCode: null, workstation, ip: null };
}

export const auditBase = (actor: AdminActor, at: string): Pick<AuditEntry, 'at' | 'actorId' | 'actor' | 'workstation' | 'ip'> => ({
  at, actorId: actor.id, actor: actor.username, workstation: actor.workstation, ip: actor.ip,
});
