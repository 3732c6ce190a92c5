import type { SessionUser } from '../../../shared/contract/api';
import { Role } from '../../../shared/auth/roles';
import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import { verifyPassword } from './password';

type UserRow = { id: number; username: string; display_name: string; role: string; office_code: string; password_hash: string; active: number };

/** Password login (card + PIN login arrives with the devices work). Success and failure are both audited. */
export function loginWithPassword(ctx: ServiceContext, username: string, password: string, origin: { workstation: string; ip: string | null }): SessionUser {
  const row = ctx.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  const ok = row !== undefined && row.active === 1 && verifyPassword(password, row.password_hash);
  appendAudit(ctx.db, {
    at: ctx.clock.now().toISOString(), actorId: row?.id ?? null, actor: username, action: ok ? 'session.login' : 'session.login-failed',
    workstation: origin.workstation, ip: origin.ip,
  });
  if (!ok || !row) throw new AppFailure({ code: 'AUTH_FAILED', message: '帳號或密碼錯誤' });
  return { id: row.id, username: row.username, displayName: row.display_name, role: Role.parse(row.role), officeCode: row.office_code };
}
