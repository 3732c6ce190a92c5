import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditCheck } from '../../../shared/contract/adminApi';
import { createCounterApp, type CounterApp } from '../app';
import { createUser, ensureOffice } from '../auth/users';
import { fixedClock } from '../clock';
import { DEMO_CONFIG } from '../config/config';
import { silentLogger } from '../logging/logger';
import { TEST_NOW, tempDir } from '../testing/fixtures';

const tmp = tempDir('nin1-audit-calls-');
let app: CounterApp | undefined;
afterEach(() => app?.close());

type AuditRow = { action: string; actor: string; detail: string | null; workstation: string | null; ip: string | null };
const ORIGIN = { workstation: 'FS01-W03', ip: '10.1.2.3' };

function start(name: string): { app: CounterApp; file: string; login(username: string): Promise<string> } {
  const file = tmp.file(name);
  const a = createCounterApp({ dbFile: file, create: true, shell: 'cli', logger: silentLogger(), clock: fixedClock(TEST_NOW) });
  ensureOffice(a.ctx.db, DEMO_CONFIG.officeCode, DEMO_CONFIG.officeName);
  for (const [username, role] of [['clerk', 'counter_clerk'], ['boss', 'supervisor']] as const) {
    createUser(a.ctx.db, { username, displayName: username, role, officeCode: DEMO_CONFIG.officeCode, password: 'demo1234' }, TEST_NOW);
  }
  app = a;
  return {
    app: a,
    file,
    login: async (username) => {
      const r = await a.call('session.login', { username, password: 'demo1234' }, null, ORIGIN);
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { token: string }).token;
    },
  };
}

const rows = (a: CounterApp, action: string) => a.ctx.db.prepare('SELECT action, actor, detail, workstation, ip FROM audit WHERE action = ? ORDER BY id').all(action) as AuditRow[];

describe('使用紀錄 and the audit chain over contract calls', () => {
  it('records login and logout with workstation and IP', async () => {
    const t = start('logout.sqlite');
    const token = await t.login('clerk');
    expect((await t.app.call('session.logout', {}, token, ORIGIN)).ok).toBe(true);
    for (const action of ['session.login', 'session.logout']) {
      expect(rows(t.app, action)).toEqual([{ action, actor: 'clerk', detail: null, ...ORIGIN }]);
    }
  });

  it('refuses a call outside the role with ACCESS_DENIED and audits the refusal (method and role only)', async () => {
    const t = start('denied.sqlite');
    const token = await t.login('clerk');
    const r = await t.app.call('audit.verify', {}, token, ORIGIN);
    expect(r).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    expect(rows(t.app, 'access.denied')).toEqual([{ action: 'access.denied', actor: 'clerk', detail: JSON.stringify({ method: 'audit.verify', role: 'counter_clerk' }), ...ORIGIN }]);
  });

  it('lets a supervisor check the chain and shows the first broken link after tampering', async () => {
    const t = start('check.sqlite');
    const token = await t.login('boss');
    const first = await t.app.call('audit.verify', {}, token, ORIGIN);
    expect(first).toMatchObject({ ok: true, value: { ok: true, rows: 1, broken: null } }); // the supervisor's login
    // Tamper with the login row from outside, as an attacker with the file would.
    const loginId = t.app.ctx.db.prepare("SELECT id FROM audit WHERE action = 'session.login'").pluck().get() as number;
    const evil = new Database(t.file);
    evil.exec('DROP TRIGGER audit_no_update');
    evil.prepare("UPDATE audit SET ip = '203.0.113.9' WHERE id = ?").run(loginId);
    evil.close();
    const second = await t.app.call('audit.verify', {}, token, ORIGIN);
    expect(second.ok && (second.value as AuditCheck)).toMatchObject({ ok: false, broken: { id: loginId, action: 'session.login', actor: 'boss' } });
  });
});
