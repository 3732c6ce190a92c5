import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayCall, permissionMatrix } from '../../../shared/auth/permissions';
import { ROLES, type Role } from '../../../shared/auth/roles';
import { api, type ApiMethod } from '../../../shared/contract/api';
import { createCounterApp, type CounterApp } from '../app';
import { createUser, ensureOffice } from '../auth/users';
import { fixedClock } from '../clock';
import { DEMO_CONFIG } from '../config/config';
import { silentLogger } from '../logging/logger';
import { fixturePasswordHash, TEST_NOW, tempDir } from '../testing/fixtures';

/**
 * Drives EVERY contract call through the real dispatcher as EVERY role (input `{}`: the access
 * check comes before input validation, so a denied role is refused whatever it sends) and holds
 * the outcome to the matrix in shared/auth/permissions.ts. A new call is covered without editing
 * this file; a call whose enforcement disagrees with its declared access fails here.
 */
const tmp = tempDir('nin1-matrix-');
let app: CounterApp;
const ORIGIN = { workstation: 'FS01-W09', ip: '10.0.0.9' };
const METHODS = Object.keys(api) as ApiMethod[];
const GUARDED = METHODS.filter((m) => api[m].access !== 'public');

beforeAll(() => {
  app = createCounterApp({ dbFile: tmp.file('matrix.sqlite'), create: true, shell: 'cli', logger: silentLogger(), clock: fixedClock(TEST_NOW) });
  ensureOffice(app.ctx.db, DEMO_CONFIG.officeCode, DEMO_CONFIG.officeName);
  for (const role of ROLES) createUser(app.ctx.db, { username: role, displayName: role, role, officeCode: DEMO_CONFIG.officeCode, passwordHash: fixturePasswordHash() }, TEST_NOW);
});
afterAll(() => {
  app.close();
  tmp.cleanup();
});

async function login(role: Role): Promise<string> {
  const r = await app.call('session.login', { username: role, password: 'demo1234' }, null, ORIGIN);
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { token: string }).token;
}

const deniedRows = (role: Role, method: string) =>
  app.ctx.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'access.denied' AND actor = ? AND detail = ?").pluck().get(role, JSON.stringify({ method, role })) as number;

describe('permission matrix (every contract call × every role, through dispatch)', () => {
  it('the matrix lists every call, and public calls only where the contract says so', () => {
    const matrix = permissionMatrix();
    expect(Object.keys(matrix).sort()).toEqual([...METHODS].sort());
    for (const m of METHODS) expect(matrix[m] === 'public').toBe(api[m].access === 'public');
    // Spot checks that document intent (and would catch an accidental widening of the contract).
    expect(matrix['audit.verify']).toEqual(['system_admin', 'supervisor']);
    expect(matrix['admin.config']).toEqual(['system_admin']);
    expect(mayCall('agency_clerk', 'cases.search')).toBe(false);
    expect(mayCall(null, 'cases.today')).toBe(false);
  });

  it('refuses every guarded call without a session', async () => {
    for (const m of GUARDED) {
      const r = await app.call(m, {}, null, ORIGIN);
      expect(r.ok ? 'ok' : r.error.code, m).toMatch(/^AUTH_/);
    }
  });

  for (const role of ROLES) {
    it(`${role}: allowed calls pass the access check, denied ones get ACCESS_DENIED and an audit row`, { timeout: 60_000 }, async () => {
      // One sign-in per role (each costs a production-strength KDF run); again only after a call that
      // ended the session (session.logout, a lock), which session.current tells without a KDF run.
      let token = await login(role);
      for (const m of GUARDED) {
        if (!(await app.call('session.current', {}, token, ORIGIN)).ok) token = await login(role);
        const r = await app.call(m, {}, token, ORIGIN);
        const code = r.ok ? 'ok' : r.error.code;
        if (mayCall(role, m)) {
          expect(code, `${role} → ${m}`).not.toBe('ACCESS_DENIED');
          expect(deniedRows(role, m), `${role} → ${m}`).toBe(0);
        } else {
          expect(code, `${role} → ${m}`).toBe('ACCESS_DENIED');
          expect(deniedRows(role, m), `${role} → ${m}`).toBe(1);
        }
      }
    });
  }
});
