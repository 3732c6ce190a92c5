import type { SessionUser } from '../../../shared/contract/api';
import { Role } from '../../../shared/auth/roles';
import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import { attemptFailed, attemptSucceeded, beginAttempt, LoginLocked, type ThrottleKeys } from './loginThrottle';
import { checkPassword, hashPasswordAsync } from './password';

type UserRow = { id: number; username: string; display_name: string; role: string; office_code: string; password_hash: string; active: number };
type Origin = { workstation: string; ip: string | null };

/**
 * Password login (card + PIN: cardLogin.ts). Every answer costs one KDF run at the current cost —
 * unknown name, disabled account, wrong or right password alike — so neither the answer nor its time
 * tells which accounts exist (issue 13). Attempts are throttled per account and per workstation
 * (loginThrottle.ts). A hash made with older, cheaper parameters is replaced on success. Success,
 * failure and a refusal by the throttle are all audited.
 */
export async function loginWithPassword(ctx: ServiceContext, username: string, password: string, origin: Origin): Promise<SessionUser> {
  const keys: ThrottleKeys = { account: username, workstation: origin.workstation };
  const audit = (action: string, actorId: number | null, detail: Record<string, unknown> | null = null): void =>
    appendAudit(ctx.db, { at: ctx.clock.now().toISOString(), actorId, actor: username, action, detail, workstation: origin.workstation, ip: origin.ip });
  try {
    beginAttempt(ctx.db, keys, ctx.clock.now());
  } catch (e) {
    if (e instanceof LoginLocked) audit('session.login-locked', null, { scope: e.scope });
    throw e;
  }

  const row = ctx.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  const check = await checkPassword(password, row?.password_hash ?? null);
  if (!row || row.active !== 1 || !check.ok) {
    ctx.db.transaction(() => {
      attemptFailed(ctx.db, keys, ctx.clock.now());
      audit('session.login-failed', row?.id ?? null);
    }).immediate();
    throw new AppFailure({ code: 'AUTH_FAILED', message: '帳號或密碼錯誤' });
  }

  const rehashed = check.needsRehash ? await hashPasswordAsync(password) : null;
  ctx.db.transaction(() => {
    attemptSucceeded(ctx.db, keys);
    // Only over the hash just verified: an administrator's password reset meanwhile wins.
    const replaced = rehashed !== null && ctx.db.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?').run(rehashed, row.id, row.password_hash).changes === 1;
    audit('session.login', row.id, replaced ? { passwordRehashed: true } : null);
  }).immediate();
  return { id: row.id, username: row.username, displayName: row.display_name, role: Role.parse(row.role), officeCode: row.office_code };
}
