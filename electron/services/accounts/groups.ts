import type { GroupView } from '../../../shared/accounts/schema';
import { Role } from '../../../shared/auth/roles';
import { AppFailure } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import type { WritableDb } from '../db/open';
import { applyRole, assertMayAdminister, loadUser } from './accounts';
import { auditBase, type AdminActor } from './actor';

/**
 * 使用者群組: a named set of users (e.g. a section of the office) with a default role. Adding a
 * member gives them that role (a 權限異動 row with `via: group`); a user keeps exactly one role, so
 * leaving a group does not take it away — an administrator changes it explicitly.
 */
type GroupRow = { id: number; name: string; description: string; default_role: string; office_code: string };

function loadGroup(db: WritableDb, id: number): GroupRow {
  const g = db.prepare('SELECT id, name, description, default_role, office_code FROM user_groups WHERE id = ?').get(id) as GroupRow | undefined;
  if (!g) throw new AppFailure({ code: 'GROUP_UNKNOWN', message: `找不到群組（編號 ${id}）` });
  return g;
}

function toView(db: WritableDb, g: GroupRow): GroupView {
  const members = db
    .prepare('SELECT u.id, u.username, u.display_name AS displayName, u.role FROM user_group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = ? ORDER BY u.username')
    .all(g.id) as { id: number; username: string; displayName: string; role: string }[];
  return {
    id: g.id, name: g.name, description: g.description, defaultRole: Role.parse(g.default_role), officeCode: g.office_code,
    members: members.map((m) => ({ ...m, role: Role.parse(m.role) })),
  };
}

const nameTaken = (db: WritableDb, name: string, exceptId = 0): boolean =>
  db.prepare('SELECT 1 FROM user_groups WHERE name = ? AND id <> ?').get(name, exceptId) !== undefined;

export function listGroups(ctx: ServiceContext, actor: AdminActor): GroupView[] {
  const rows = ctx.db.prepare('SELECT id, name, description, default_role, office_code FROM user_groups ORDER BY name').all() as GroupRow[];
  return rows.filter((g) => actor.role === 'system_admin' || g.office_code === actor.officeCode).map((g) => toView(ctx.db, g));
}

export function createGroup(ctx: ServiceContext, actor: AdminActor, input: { name: string; description: string; defaultRole: Role; officeCode?: string | undefined }): GroupView {
  const at = ctx.clock.now().toISOString();
  const officeCode = input.officeCode ?? actor.officeCode ?? ctx.config.officeCode;
  return ctx.db.transaction(() => {
    if (nameTaken(ctx.db, input.name)) throw new AppFailure({ code: 'GROUP_NAME_TAKEN', message: `群組「${input.name}」已存在`, path: 'name' });
    if (ctx.db.prepare('SELECT 1 FROM offices WHERE code = ?').get(officeCode) === undefined) {
      throw new AppFailure({ code: 'OFFICE_UNKNOWN', message: `找不到機關代碼「${officeCode}」`, path: 'officeCode' });
    }
    const id = Number(
      ctx.db
        .prepare('INSERT INTO user_groups (name, description, default_role, office_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(input.name, input.description, input.defaultRole, officeCode, at, at).lastInsertRowid,
    );
    appendAudit(ctx.db, { ...auditBase(actor, at), action: 'group.create', detail: { group: input.name, defaultRole: input.defaultRole, officeCode } });
    return toView(ctx.db, loadGroup(ctx.db, id));
  }).immediate();
}

export function updateGroup(ctx: ServiceContext, actor: AdminActor, input: { id: number; name?: string | undefined; description?: string | undefined; defaultRole?: Role | undefined }): GroupView {
  const at = ctx.clock.now().toISOString();
  return ctx.db.transaction(() => {
    const g = loadGroup(ctx.db, input.id);
    const changes: Record<string, { before: string; after: string }> = {};
    if (input.name !== undefined && input.name !== g.name) {
      if (nameTaken(ctx.db, input.name, g.id)) throw new AppFailure({ code: 'GROUP_NAME_TAKEN', message: `群組「${input.name}」已存在`, path: 'name' });
      changes.name = { before: g.name, after: input.name };
    }
    if (input.description !== undefined && input.description !== g.description) changes.description = { before: g.description, after: input.description };
    if (input.defaultRole !== undefined && input.defaultRole !== g.default_role) changes.defaultRole = { before: g.default_role, after: input.defaultRole };
    if (Object.keys(changes).length > 0) {
      ctx.db
        .prepare('UPDATE user_groups SET name = ?, description = ?, default_role = ?, updated_at = ? WHERE id = ?')
        .run(input.name ?? g.name, input.description ?? g.description, input.defaultRole ?? g.default_role, at, g.id);
      appendAudit(ctx.db, { ...auditBase(actor, at), action: 'group.update', detail: { group: input.name ?? g.name, changes } });
    }
    return toView(ctx.db, loadGroup(ctx.db, g.id));
  }).immediate();
}

/** Adds and removes members; added members get the group's default role (their sessions end if it changed). */
export function setGroupMembers(
  ctx: ServiceContext, actor: AdminActor, input: { groupId: number; add: number[]; remove: number[] }, endSessions: (userId: number) => number,
): GroupView {
  const at = ctx.clock.now().toISOString();
  const { view, roleChanged } = ctx.db.transaction(() => {
    const g = loadGroup(ctx.db, input.groupId);
    const roleChanged: number[] = [];
    const isMember = ctx.db.prepare('SELECT 1 FROM user_group_members WHERE group_id = ? AND user_id = ?');
    for (const userId of input.remove) {
      const u = loadUser(ctx.db, userId);
      if (isMember.get(g.id, userId) === undefined) continue;
      assertMayAdminister(actor, { role: u.role, officeCode: u.office_code });
      ctx.db.prepare('DELETE FROM user_group_members WHERE group_id = ? AND user_id = ?').run(g.id, userId);
      appendAudit(ctx.db, { ...auditBase(actor, at), action: 'group.member-remove', detail: { group: g.name, username: u.username } });
    }
    for (const userId of input.add) {
      const u = loadUser(ctx.db, userId);
      if (isMember.get(g.id, userId) !== undefined) continue;
      assertMayAdminister(actor, { role: u.role, officeCode: u.office_code });
      ctx.db.prepare('INSERT INTO user_group_members (group_id, user_id, added_at) VALUES (?, ?, ?)').run(g.id, userId, at);
      appendAudit(ctx.db, { ...auditBase(actor, at), action: 'group.member-add', detail: { group: g.name, username: u.username } });
      if (applyRole(ctx.db, actor, u, Role.parse(g.default_role), at, `group:${g.name}`)) roleChanged.push(userId);
    }
    return { view: toView(ctx.db, loadGroup(ctx.db, g.id)), roleChanged };
  }).immediate();
  for (const id of roleChanged) endSessions(id);
  return view;
}
