import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounterApp, type CounterApp } from '../app';
import { verifyAuditChain } from '../audit/audit';
import { updateAccount } from './accounts';
import { cliActor } from './actor';
import { createUser, ensureOffice } from '../auth/users';
import { fixedClock } from '../clock';
import { DEMO_CONFIG } from '../config/config';
import { silentLogger } from '../logging/logger';
import { TEST_NOW, tempDir } from '../testing/fixtures';

/** Accounts administration through the real dispatcher (access, validation, handlers, audit) on a real SQLite file. */
const tmp = tempDir('nin1-accounts-');
let app: CounterApp;
const ORIGIN = { workstation: 'FS01-W09', ip: '10.0.0.9' };
const OFFICE = DEMO_CONFIG.officeCode;

type Ok<T> = { ok: true; value: T };
const callOk = async <T>(method: string, input: unknown, token: string | null): Promise<T> => {
  const r = await app.call(method, input, token, ORIGIN);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return (r as Ok<T>).value;
};
const callErr = async (method: string, input: unknown, token: string | null) => {
  const r = await app.call(method, input, token, ORIGIN);
  if (r.ok) throw new Error(`${method} unexpectedly succeeded`);
  return r.error;
};
const login = async (username: string, password = 'demo1234'): Promise<string> => (await callOk<{ token: string }>('session.login', { username, password }, null)).token;
const audit = (action: string) => app.ctx.db.prepare('SELECT actor, detail, workstation, ip FROM audit WHERE action = ? ORDER BY id').all(action) as { actor: string; detail: string; workstation: string; ip: string }[];
const idOf = (username: string) => app.ctx.db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number;

beforeAll(() => {
  app = createCounterApp({ dbFile: tmp.file('accounts.sqlite'), create: true, shell: 'cli', logger: silentLogger(), clock: fixedClock(TEST_NOW) });
  ensureOffice(app.ctx.db, OFFICE, DEMO_CONFIG.officeName);
  ensureOffice(app.ctx.db, 'KHTAX', '高雄市稅捐稽徵處');
  createUser(app.ctx.db, { username: 'admin', displayName: '系統管理員', role: 'system_admin', officeCode: OFFICE, password: 'demo1234' }, TEST_NOW);
  createUser(app.ctx.db, { username: 'taxadmin', displayName: '稅務管理員', role: 'agency_admin', officeCode: 'KHTAX', password: 'demo1234' }, TEST_NOW);
  createUser(app.ctx.db, { username: 'clerk', displayName: '王怡君', role: 'counter_clerk', officeCode: OFFICE, password: 'demo1234' }, TEST_NOW);
});
afterAll(() => {
  app.close();
  tmp.cleanup();
});

describe('accounts administration', () => {
  it('creates a user (audited without the password) who can then sign in', async () => {
    const admin = await login('admin');
    const created = await callOk<{ id: number; role: string; active: boolean }>('accounts.create', { username: 'lin.meizhu', displayName: '林美珠', role: 'counter_clerk', officeCode: OFFICE, password: 'Counter2026x' }, admin);
    expect(created).toMatchObject({ role: 'counter_clerk', active: true });
    const rows = audit('account.create');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'admin', workstation: 'FS01-W09', ip: '10.0.0.9' });
    expect(rows[0]!.detail).not.toContain('Counter2026x');
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({ username: 'lin.meizhu', role: 'counter_clerk' });
    await expect(login('lin.meizhu', 'Counter2026x')).resolves.toMatch(/.+/);
  });

  it('rejects bad input with zh-TW messages and stores nothing', async () => {
    const admin = await login('admin');
    const before = app.ctx.db.prepare('SELECT COUNT(*) FROM users').pluck().get();
    expect(await callErr('accounts.create', { username: 'X', displayName: '甲', role: 'counter_clerk', officeCode: OFFICE, password: 'Counter2026x' }, admin)).toMatchObject({ code: 'INPUT_INVALID', path: 'username' });
    expect((await callErr('accounts.create', { username: 'abc', displayName: '甲', role: 'counter_clerk', officeCode: OFFICE, password: 'short1' }, admin)).message).toContain('密碼至少 10 個字元');
    expect(await callErr('accounts.create', { username: 'clerk', displayName: '甲', role: 'counter_clerk', officeCode: OFFICE, password: 'Counter2026x' }, admin)).toMatchObject({ code: 'USERNAME_TAKEN' });
    expect(await callErr('accounts.create', { username: 'abcd', displayName: '甲', role: 'counter_clerk', officeCode: 'NOPE1', password: 'Counter2026x' }, admin)).toMatchObject({ code: 'OFFICE_UNKNOWN' });
    expect(app.ctx.db.prepare('SELECT COUNT(*) FROM users').pluck().get()).toBe(before);
  });

  it('changes a role: 權限異動 row with before/after, and the user is signed out at once', async () => {
    const admin = await login('admin');
    const clerkToken = await login('clerk');
    await callOk('session.current', {}, clerkToken);
    const r = await callOk<{ account: { role: string }; sessionsEnded: number }>('accounts.update', { id: idOf('clerk'), role: 'supervisor', displayName: '王怡君（組長）' }, admin);
    expect(r).toMatchObject({ account: { role: 'supervisor' }, sessionsEnded: 1 });
    expect((await callErr('session.current', {}, clerkToken)).code).toBe('AUTH_REQUIRED');
    expect(JSON.parse(audit('permission.role-change').at(-1)!.detail)).toEqual({ username: 'clerk', before: 'counter_clerk', after: 'supervisor' });
    expect(JSON.parse(audit('account.update').at(-1)!.detail)).toEqual({ username: 'clerk', changes: { displayName: { before: '王怡君', after: '王怡君（組長）' } } });
    const log = await callOk<{ action: string; summary: string; kind: string }[]>('accounts.changeLog', { username: 'clerk' }, admin);
    expect(log.map((e) => e.action)).toEqual(['permission.role-change', 'account.update']);
    expect(log[0]).toMatchObject({ kind: 'permission', summary: '角色：臨櫃承辦人員 → 主管' });
    const permOnly = await callOk<{ kind: string }[]>('accounts.changeLog', { kind: 'permission' }, admin);
    expect(permOnly.every((e) => e.kind === 'permission')).toBe(true);
  });

  it('refuses self role change and self deactivation; protects the last active system admin', async () => {
    const admin = await login('admin');
    expect(await callErr('accounts.update', { id: idOf('admin'), role: 'supervisor' }, admin)).toMatchObject({ code: 'SELF_CHANGE_REFUSED' });
    expect(await callErr('accounts.update', { id: idOf('admin'), active: false }, admin)).toMatchObject({ code: 'SELF_CHANGE_REFUSED' });
    const second = await callOk<{ id: number }>('accounts.create', { username: 'admin2', displayName: '副管理員', role: 'system_admin', officeCode: OFFICE, password: 'Admin2026xx' }, admin);
    const admin2 = await login('admin2', 'Admin2026xx');
    // admin2 deactivates admin (fine: admin2 remains) — then admin2 is the last one and cannot be demoted by anyone.
    await callOk('accounts.update', { id: idOf('admin'), active: false }, admin2);
    expect(await callErr('session.current', {}, admin)).toMatchObject({ code: 'AUTH_REQUIRED' });
    expect(await callErr('session.login', { username: 'admin', password: 'demo1234' }, null)).toMatchObject({ code: 'AUTH_FAILED' });
    expect(audit('account.deactivate')).toHaveLength(1);
    await callOk('accounts.update', { id: idOf('admin'), active: true }, admin2);
    const admin1 = await login('admin');
    await callOk('accounts.update', { id: second.id, active: false }, admin1);
    // admin is now the last active system admin: not even IT at the command line may demote or deactivate it.
    const none = () => 0;
    expect(() => updateAccount(app.ctx, cliActor('FS01-W09'), { id: idOf('admin'), role: 'supervisor' }, none)).toThrow(/最後一位/);
    expect(() => updateAccount(app.ctx, cliActor('FS01-W09'), { id: idOf('admin'), active: false }, none)).toThrow(/最後一位/);
  });

  it('resets a password (audited, never stored in the row)', async () => {
    const admin = await login('admin');
    await callOk('accounts.resetPassword', { id: idOf('lin.meizhu'), password: 'NewSecret2026' }, admin);
    await expect(login('lin.meizhu', 'NewSecret2026')).resolves.toMatch(/.+/);
    const row = audit('account.password-reset').at(-1)!;
    expect(row.detail).not.toContain('NewSecret2026');
  });

  it('agency_admin manages only its own office, in the roles it administers', async () => {
    const tax = await login('taxadmin');
    const created = await callOk<{ id: number }>('accounts.create', { username: 'tax.clerk', displayName: '稅務承辦', role: 'agency_clerk', officeCode: 'KHTAX', password: 'TaxClerk2026' }, tax);
    expect(await callErr('accounts.create', { username: 'tax.boss', displayName: '甲', role: 'system_admin', officeCode: 'KHTAX', password: 'TaxClerk2026' }, tax)).toMatchObject({ code: 'ACCOUNT_SCOPE' });
    expect(await callErr('accounts.create', { username: 'fs.clerk', displayName: '甲', role: 'agency_clerk', officeCode: OFFICE, password: 'TaxClerk2026' }, tax)).toMatchObject({ code: 'ACCOUNT_SCOPE' });
    expect(await callErr('accounts.update', { id: idOf('clerk'), displayName: '改名' }, tax)).toMatchObject({ code: 'ACCOUNT_SCOPE' });
    expect(await callErr('accounts.update', { id: created.id, role: 'supervisor' }, tax)).toMatchObject({ code: 'ACCOUNT_SCOPE' });
    const list = await callOk<{ accounts: { username: string }[] }>('accounts.list', {}, tax);
    expect(list.accounts.map((a) => a.username)).toEqual(['tax.clerk']);
    expect(await callErr('groups.create', { name: '稅務組', defaultRole: 'agency_clerk' }, tax)).toMatchObject({ code: 'ACCESS_DENIED' });
    const log = await callOk<{ username: string | null }[]>('accounts.changeLog', {}, tax);
    expect(log.every((e) => e.username === 'tax.clerk')).toBe(true);
  });

  it('groups: members get the default role (權限異動 via group), changes are logged', async () => {
    const admin = await login('admin');
    const g = await callOk<{ id: number }>('groups.create', { name: '戶籍課', description: '櫃台', defaultRole: 'counter_clerk' }, admin);
    expect(await callErr('groups.create', { name: '戶籍課', defaultRole: 'counter_clerk' }, admin)).toMatchObject({ code: 'GROUP_NAME_TAKEN' });
    const withMember = await callOk<{ members: { username: string; role: string }[] }>('groups.members', { groupId: g.id, add: [idOf('clerk')] }, admin);
    expect(withMember.members).toEqual([expect.objectContaining({ username: 'clerk', role: 'counter_clerk' })]);
    expect(JSON.parse(audit('permission.role-change').at(-1)!.detail)).toMatchObject({ username: 'clerk', before: 'supervisor', after: 'counter_clerk', via: 'group:戶籍課' });
    await callOk('groups.update', { id: g.id, defaultRole: 'supervisor' }, admin);
    const removed = await callOk<{ members: unknown[] }>('groups.members', { groupId: g.id, remove: [idOf('clerk')] }, admin);
    expect(removed.members).toEqual([]);
    const log = await callOk<{ action: string }[]>('accounts.changeLog', { kind: 'permission' }, admin);
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['group.create', 'group.update', 'group.member-add', 'group.member-remove']));
  });

  it('enrols a certificate from PEM (subject, serial, validity shown), refuses a duplicate, revokes it', async () => {
    const dir = tmp.file('cert');
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${dir}/k.pem`, '-out', `${dir}/c.pem`, '-days', '365', '-utf8', '-subj', '/CN=林美珠/serialNumber=0000000012345678', '-set_serial', '4660'], { stdio: 'ignore' });
    const pem = readFileSync(`${dir}/c.pem`, 'utf8');
    const admin = await login('admin');
    const certs = await callOk<{ id: number; subject: string; serialNumber: string; notAfter: string; revokedAt: string | null }[]>('accounts.enrolCertificate', { userId: idOf('lin.meizhu'), certificate: pem }, admin);
    expect(certs).toHaveLength(1);
    expect(certs[0]!.subject).toContain('CN=林美珠');
    expect(certs[0]!.serialNumber).toBe('1234');
    expect(await callErr('accounts.enrolCertificate', { userId: idOf('lin.meizhu'), certificate: pem }, admin)).toMatchObject({ code: 'CERT_ALREADY_ENROLLED' });
    expect(await callErr('accounts.enrolCertificate', { userId: idOf('lin.meizhu'), certificate: 'not a certificate' }, admin)).toMatchObject({ code: 'CERT_UNREADABLE' });
    const revoked = await callOk<{ revokedAt: string | null }[]>('accounts.revokeCertificate', { certificateId: certs[0]!.id }, admin);
    expect(revoked[0]!.revokedAt).toBe(TEST_NOW);
    const log = await callOk<{ action: string }[]>('accounts.changeLog', { kind: 'account', username: 'lin.meizhu' }, admin);
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['certificate.enrol', 'certificate.revoke', 'account.create', 'account.password-reset']));
  });

  it('leaves the audit chain intact', () => {
    expect(verifyAuditChain(app.ctx.db).ok).toBe(true);
  });
});
