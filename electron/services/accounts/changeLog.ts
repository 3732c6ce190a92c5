import { ACCOUNT_ACTIONS, ACTION_LABEL, PERMISSION_ACTIONS, type ChangeKind, type ChangeLogEntry, type ChangeLogQuery } from '../../../shared/accounts/schema';
import { mayAdminister } from '../../../shared/accounts/scope';
import { Role } from '../../../shared/auth/roles';
import type { ServiceContext } from '../context';
import { roleLabel } from './accounts';
import type { AdminActor } from './actor';

/**
 * 帳號異動紀錄 and 權限異動紀錄 (seed 000): read back from the hash-chained audit table, so the log an
 * administrator reads is the one an auditor verifies. Agency-side administrators see the rows about
 * accounts they administer.
 */
type Row = { id: number; at: string; actor: string; action: string; detail: string | null; workstation: string | null; ip: string | null };

const kindOf = (action: string): ChangeKind => ((PERMISSION_ACTIONS as readonly string[]).includes(action) ? 'permission' : 'account');

const FIELD_LABEL: Record<string, string> = { displayName: '姓名', officeCode: '機關', name: '名稱', description: '說明', defaultRole: '預設角色' };

/** A zh-TW one-liner of what changed; values only from the detail the audit row already holds (no passwords are ever there). */
function summarize(action: string, d: Record<string, unknown>): string {
  const changes = d.changes as Record<string, { before: string; after: string }> | undefined;
  const list = changes
    ? Object.entries(changes)
        .map(([k, v]) => `${FIELD_LABEL[k] ?? k}：${k === 'defaultRole' ? roleLabel(v.before) : v.before} → ${k === 'defaultRole' ? roleLabel(v.after) : v.after}`)
        .join('；')
    : '';
  switch (action) {
    case 'account.create':
      return `角色 ${roleLabel(String(d.role))}，機關 ${String(d.officeCode)}，姓名 ${String(d.displayName)}`;
    case 'account.update':
    case 'group.update':
      return list;
    case 'permission.role-change':
      return `角色：${roleLabel(String(d.before))} → ${roleLabel(String(d.after))}${typeof d.via === 'string' ? `（經由${d.via.replace(/^group:/, '群組 ')}）` : ''}`;
    case 'group.create':
      return `群組 ${String(d.group)}，預設角色 ${roleLabel(String(d.defaultRole))}`;
    case 'group.member-add':
    case 'group.member-remove':
      return `群組 ${String(d.group)}`;
    case 'certificate.enrol':
    case 'certificate.revoke':
    case 'account.enroll-card':
      return `憑證 ${String(d.certificate)}…`;
    default:
      return '';
  }
}

/** Start of a Taipei calendar day as an ISO instant (audit `at` is UTC). */
const taipeiDayStart = (date: string, plusDays = 0): string => new Date(Date.parse(`${date}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString();

export function changeLog(ctx: ServiceContext, actor: AdminActor, q: ChangeLogQuery): ChangeLogEntry[] {
  const actions = q.kind === 'account' ? ACCOUNT_ACTIONS : q.kind === 'permission' ? PERMISSION_ACTIONS : [...ACCOUNT_ACTIONS, ...PERMISSION_ACTIONS];
  const where = [`action IN (${actions.map(() => '?').join(', ')})`];
  const params: unknown[] = [...actions];
  if (q.from) {
    where.push('at >= ?');
    params.push(taipeiDayStart(q.from));
  }
  if (q.to) {
    where.push('at < ?');
    params.push(taipeiDayStart(q.to, 1));
  }
  if (q.username) {
    where.push("(actor = ? OR json_extract(detail, '$.username') = ?)");
    params.push(q.username, q.username);
  }
  const rows = ctx.db.prepare(`SELECT id, at, actor, action, detail, workstation, ip FROM audit WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`).all(...params, q.limit * 4) as Row[];
  const users = new Map(
    (ctx.db.prepare('SELECT username, role, office_code FROM users').all() as { username: string; role: string; office_code: string }[]).map((u) => [u.username, u]),
  );
  const out: ChangeLogEntry[] = [];
  for (const r of rows) {
    const d = (r.detail ? JSON.parse(r.detail) : {}) as Record<string, unknown>;
    const username = typeof d.username === 'string' ? d.username : null;
    if (actor.role !== 'system_admin') {
      const u = username ? users.get(username) : undefined;
      if (!u || !mayAdminister(actor, { role: Role.parse(u.role), officeCode: u.office_code })) continue;
    }
    out.push({
      id: r.id, at: r.at, kind: kindOf(r.action), action: r.action, actionLabel: ACTION_LABEL[r.action] ?? r.action, actor: r.actor, username,
      summary: summarize(r.action, d), workstation: r.workstation, ip: r.ip,
    });
    if (out.length >= q.limit) break;
  }
  return out;
}
