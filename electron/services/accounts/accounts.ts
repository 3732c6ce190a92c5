import type { AccountCreate, AccountUpdate, AccountView } from '../../../shared/accounts/schema';
import { mayAdminister } from '../../../shared/accounts/scope';
import { Role, ROLE_LABEL } from '../../../shared/auth/roles';
import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import { hashPassword } from '../auth/password';
import { createUser } from '../auth/users';
import type { ServiceContext } from '../context';
import type { WritableDb } from '../db/open';
import { auditBase, type AdminActor } from './actor';

/**
 * Accounts administration (issue 7). Every change writes its audit row in the same transaction as
 * the change (帳號異動紀錄 / 權限異動紀錄 are read back from the chain). Passwords never appear in a
 * row. Sessions of a user whose role changed or who was deactivated are ended by the caller through
 * `endSessions` (the services hold them in memory).
 */
export type UserRow = { id: number; username: string; display_name: string; role: string; office_code: string; active: number; created_at: string; updated_at: string | null };

export const loadUser = (db: WritableDb, id: number): UserRow => {
  const row = db.prepare('SELECT id, username, display_name, role, office_code, active, created_at, updated_at FROM users WHERE id = ?').get(id) as UserRow | undefined;
  if (!row) throw new AppFailure({ code: 'USER_UNKNOWN', message: `找不到帳號（編號 ${id}）` });
  return row;
};

const outOfScope = (): AppFailure =>
  new AppFailure({ code: 'ACCOUNT_SCOPE', message: '您只能管理本機關、且屬於您可管理角色的帳號' });

export function assertMayAdminister(actor: AdminActor, target: { role: string; officeCode: string }): void {
  if (!mayAdminister(actor, { role: Role.parse(target.role), officeCode: target.officeCode })) throw outOfScope();
}

function assertOffice(db: WritableDb, code: string): void {
  if (db.prepare('SELECT 1 FROM offices WHERE code = ?').get(code) === undefined) {
    throw new AppFailure({ code: 'OFFICE_UNKNOWN', message: `找不到機關代碼「${code}」`, path: 'officeCode' });
  }
}

const activeAdmins = (db: WritableDb, exceptId: number): number =>
  db.prepare("SELECT COUNT(*) FROM users WHERE role = 'system_admin' AND active = 1 AND id <> ?").pluck().get(exceptId) as number;

/** The last active system administrator can be neither demoted nor deactivated: nobody could fix accounts afterwards. */
export function assertNotLastAdmin(db: WritableDb, target: UserRow): void {
  if (target.role === 'system_admin' && target.active === 1 && activeAdmins(db, target.id) === 0) {
    throw new AppFailure({ code: 'LAST_ADMIN', message: '這是最後一位啟用中的系統管理員，不可變更其角色或停用' });
  }
}

export function toView(db: WritableDb, r: UserRow): AccountView {
  const groups = db.prepare('SELECT g.name FROM user_group_members m JOIN user_groups g ON g.id = m.group_id WHERE m.user_id = ? ORDER BY g.name').pluck().all(r.id) as string[];
  const certificates = db.prepare('SELECT COUNT(*) FROM user_certificates WHERE user_id = ? AND revoked_at IS NULL').pluck().get(r.id) as number;
  return {
    id: r.id, username: r.username, displayName: r.display_name, role: Role.parse(r.role), officeCode: r.office_code,
    active: r.active === 1, createdAt: r.created_at, updatedAt: r.updated_at, groups, certificates,
  };
}

/** Accounts the actor administers (system_admin: all). */
export function listAccounts(ctx: ServiceContext, actor: AdminActor): { accounts: AccountView[]; offices: { code: string; name: string }[] } {
  const rows = ctx.db.prepare('SELECT id, username, display_name, role, office_code, active, created_at, updated_at FROM users ORDER BY username').all() as UserRow[];
  const visible = rows.filter((r) => mayAdminister(actor, { role: Role.parse(r.role), officeCode: r.office_code }));
  const offices = ctx.db.prepare('SELECT code, name FROM offices ORDER BY code').all() as { code: string; name: string }[];
  return {
    accounts: visible.map((r) => toView(ctx.db, r)),
    offices: actor.role === 'system_admin' ? offices : offices.filter((o) => o.code === actor.officeCode),
  };
}

export function createAccount(ctx: ServiceContext, actor: AdminActor, input: AccountCreate): AccountView {
  assertMayAdminister(actor, input);
  const at = ctx.clock.now().toISOString();
  return ctx.db.transaction(() => {
    assertOffice(ctx.db, input.officeCode);
    if (ctx.db.prepare('SELECT 1 FROM users WHERE username = ?').get(input.username) !== undefined) {
      throw new AppFailure({ code: 'USERNAME_TAKEN', message: `帳號「${input.username}」已存在`, path: 'username' });
    }
    const id = createUser(ctx.db, input, at);
    appendAudit(ctx.db, {
      ...auditBase(actor, at), action: 'account.create',
      detail: { username: input.username, displayName: input.displayName, role: input.role, officeCode: input.officeCode },
    });
    return toView(ctx.db, loadUser(ctx.db, id));
  }).immediate();
}

/**
 * Role change inside an open transaction: the row, the 權限異動 audit row. Shared by account edits and
 * group membership (a member gets the group's default role). Returns whether the role changed.
 */
export function applyRole(db: WritableDb, actor: AdminActor, target: UserRow, role: Role, at: string, via?: string): boolean {
  if (target.role === role) return false;
  if (actor.id !== null && actor.id === target.id) throw new AppFailure({ code: 'SELF_CHANGE_REFUSED', message: '不可變更自己的角色', path: 'role' });
  assertMayAdminister(actor, { role, officeCode: target.office_code });
  assertNotLastAdmin(db, target);
  db.prepare('UPDATE users SET role = ?, updated_at = ? WHERE id = ?').run(role, at, target.id);
  appendAudit(db, {
    ...auditBase(actor, at), action: 'permission.role-change',
    detail: { username: target.username, before: target.role, after: role, ...(via ? { via } : {}) },
  });
  return true;
}

export type UpdateOutcome = { account: AccountView; sessionsEnded: number };

export function updateAccount(ctx: ServiceContext, actor: AdminActor, input: AccountUpdate, endSessions: (userId: number) => number): UpdateOutcome {
  const at = ctx.clock.now().toISOString();
  const { target, endNow } = ctx.db.transaction(() => {
    const target = loadUser(ctx.db, input.id);
    assertMayAdminister(actor, { role: target.role, officeCode: target.office_code });
    const self = actor.id !== null && actor.id === target.id;
    let endNow = false;
    const changes: Record<string, { before: string; after: string }> = {};
    if (input.displayName !== undefined && input.displayName !== target.display_name) changes.displayName = { before: target.display_name, after: input.displayName };
    if (input.officeCode !== undefined && input.officeCode !== target.office_code) {
      assertOffice(ctx.db, input.officeCode);
      assertMayAdminister(actor, { role: input.role ?? target.role, officeCode: input.officeCode });
      changes.officeCode = { before: target.office_code, after: input.officeCode };
    }
    if (Object.keys(changes).length > 0) {
      ctx.db
        .prepare('UPDATE users SET display_name = ?, office_code = ?, updated_at = ? WHERE id = ?')
        .run(input.displayName ?? target.display_name, input.officeCode ?? target.office_code, at, target.id);
      appendAudit(ctx.db, { ...auditBase(actor, at), action: 'account.update', detail: { username: target.username, changes } });
    }
    if (input.role !== undefined && applyRole(ctx.db, actor, loadUser(ctx.db, target.id), input.role, at)) endNow = true;
    if (input.active !== undefined && input.active !== (target.active === 1)) {
      if (self) throw new AppFailure({ code: 'SELF_CHANGE_REFUSED', message: '不可停用自己的帳號', path: 'active' });
      if (!input.active) {
        assertNotLastAdmin(ctx.db, loadUser(ctx.db, target.id));
        endNow = true;
      }
      ctx.db.prepare('UPDATE users SET active = ?, updated_at = ? WHERE id = ?').run(input.active ? 1 : 0, at, target.id);
      appendAudit(ctx.db, { ...auditBase(actor, at), action: input.active ? 'account.activate' : 'account.deactivate', detail: { username: target.username } });
    }
    return { target: loadUser(ctx.db, target.id), endNow };
  }).immediate();
  return { account: toView(ctx.db, target), sessionsEnded: endNow ? endSessions(target.id) : 0 };
}

export function resetPassword(ctx: ServiceContext, actor: AdminActor, input: { id: number; password: string }): void {
  const at = ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    const target = loadUser(ctx.db, input.id);
    assertMayAdminister(actor, { role: target.role, officeCode: target.office_code });
    ctx.db.prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?').run(hashPassword(input.password), at, target.id);
    appendAudit(ctx.db, { ...auditBase(actor, at), action: 'account.password-reset', detail: { username: target.username } });
  }).immediate();
}

export const roleLabel = (role: string): string => ROLE_LABEL[role as Role] ?? role;
