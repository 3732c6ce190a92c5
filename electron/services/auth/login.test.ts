import crypto from 'node:crypto';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../clock';
import type { ServiceContext } from '../context';
import { makeContext, seedClerk, tempDir, TEST_NOW } from '../testing/fixtures';
import { loginWithPassword } from './login';
import { SCRYPT_N } from './password';

const tmp = tempDir('nin1-login-');
afterAll(() => tmp.cleanup());
afterEach(() => vi.restoreAllMocks());

/** A clock the test moves by hand, so lock expiry is asserted by state, never by waiting. */
function movableClock(): Clock & { advance(ms: number): void } {
  let at = Date.parse(TEST_NOW);
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

type Origin = { workstation: string; ip: string | null };
const FS01_W01: Origin = { workstation: 'FS01-W01', ip: '127.0.0.1' };

async function attempt(ctx: ServiceContext, username: string, password: string, origin: Origin = FS01_W01): Promise<string> {
  try {
    await loginWithPassword(ctx, username, password, origin);
    return 'OK';
  } catch (e) {
    return (e as { error?: { code: string } }).error?.code ?? String(e);
  }
}

const auditActions = (ctx: ServiceContext): string[] => ctx.db.prepare("SELECT action FROM audit WHERE action LIKE 'session.%' ORDER BY id").pluck().all() as string[];

/** A hash as the app wrote it before issue 13 (scrypt N=2^14), for the rehash test. */
function legacyHash(password: string): string {
  const salt = crypto.randomBytes(16);
  return `scrypt$16384$${salt.toString('base64')}$${crypto.scryptSync(password.normalize('NFKC'), salt, 32, { N: 16384 }).toString('base64')}`;
}

describe('counter password login', { timeout: 180_000 }, () => {
  it('finding 13-login: 16 wrong passwords lock the account (right one refused too), with a zh-TW retry time, and a restart does not reset it', async () => {
    const file = tmp.file('lockout.sqlite');
    const clock = movableClock();
    let ctx = makeContext(file, clock);
    seedClerk(ctx);
    const answers: string[] = [];
    for (let i = 0; i < 16; i++) answers.push(await attempt(ctx, 'clerk', `wrong-${i}`));
    expect(answers).toEqual([...Array(5).fill('AUTH_FAILED'), ...Array(11).fill('AUTH_LOCKED')]);
    await expect(loginWithPassword(ctx, 'clerk', 'demo1234', FS01_W01)).rejects.toMatchObject({
      error: { code: 'AUTH_LOCKED', message: '此帳號登入失敗次數過多，已暫停登入；請於 10:31:00（約 1 分鐘後）再試。' },
    });

    ctx.db.close(); // the app restarts: the lock is in the database, not in memory
    ctx = makeContext(file, clock);
    expect(await attempt(ctx, 'clerk', 'demo1234')).toBe('AUTH_LOCKED');
    clock.advance(61_000);
    expect(await attempt(ctx, 'clerk', 'wrong-again')).toBe('AUTH_FAILED'); // the 6th failure doubles the lock
    clock.advance(61_000);
    expect(await attempt(ctx, 'clerk', 'demo1234')).toBe('AUTH_LOCKED');
    clock.advance(60_000);
    expect(await attempt(ctx, 'clerk', 'demo1234')).toBe('OK');
    expect(await attempt(ctx, 'clerk', 'wrong')).toBe('AUTH_FAILED'); // a success starts the account from zero
    expect(auditActions(ctx).filter((a) => a === 'session.login-locked')).toHaveLength(14);
    ctx.db.close();
  });

  it('finding 13-login: an unknown name runs the KDF once at the current cost and locks exactly like a known one', async () => {
    const ctx = makeContext(tmp.file('unknown.sqlite'));
    seedClerk(ctx);
    ctx.db.prepare("UPDATE users SET active = 0 WHERE username = 'clerk'").run();
    const scrypt = vi.spyOn(crypto, 'scrypt');
    const runs: Record<string, number> = {};
    for (const [name, password] of [['clerk', 'demo1234'], ['clerk', 'wrong'], ['nobody', 'demo1234']] as const) {
      const before = scrypt.mock.calls.length;
      expect(await attempt(ctx, name, password)).toBe('AUTH_FAILED');
      runs[`${name}/${password}`] = scrypt.mock.calls.length - before;
    }
    // A disabled account with its right password, a wrong password, and a name that does not exist: the same work.
    expect(runs).toEqual({ 'clerk/demo1234': 1, 'clerk/wrong': 1, 'nobody/demo1234': 1 });
    for (const call of scrypt.mock.calls) expect(call[3]).toMatchObject({ N: SCRYPT_N, r: 8, p: 1 });
    for (let i = 0; i < 4; i++) await attempt(ctx, 'nobody', 'x', { workstation: `W${i}`, ip: null });
    expect(await attempt(ctx, 'nobody', 'x', { workstation: 'W9', ip: null })).toBe('AUTH_LOCKED');
    ctx.db.close();
  });

  it('finding 13-login: one workstation trying many names is locked, other workstations are not', async () => {
    const ctx = makeContext(tmp.file('workstation.sqlite'));
    seedClerk(ctx);
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) answers.push(await attempt(ctx, `guess${i}`, 'demo1234'));
    expect(answers).toEqual(Array(10).fill('AUTH_FAILED'));
    await expect(loginWithPassword(ctx, 'clerk', 'demo1234', FS01_W01)).rejects.toMatchObject({ error: { code: 'AUTH_LOCKED', message: expect.stringMatching(/^此工作站登入失敗次數過多/) } });
    expect(await attempt(ctx, 'clerk', 'demo1234', { workstation: 'FS01-W02', ip: null })).toBe('OK');
    ctx.db.close();
  });

  it('finding 13-login: a hash with the old scrypt cost is replaced at the next successful login, and only then', async () => {
    const ctx = makeContext(tmp.file('rehash.sqlite'));
    const { user } = seedClerk(ctx);
    const legacy = legacyHash('demo1234');
    ctx.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(legacy, user.id);
    const stored = () => ctx.db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(user.id) as string;
    const scrypt = vi.spyOn(crypto, 'scrypt');

    expect(await attempt(ctx, 'clerk', 'wrong')).toBe('AUTH_FAILED');
    expect(stored()).toBe(legacy);
    // The cheap legacy check is padded with a run at the current cost: a legacy account answers no faster.
    expect(scrypt.mock.calls.map((c) => (c[3] as { N: number }).N)).toEqual([16384, SCRYPT_N]);

    expect(await attempt(ctx, 'clerk', 'demo1234')).toBe('OK');
    expect(stored()).toMatch(new RegExp(`^scrypt\\$${SCRYPT_N}\\$`));
    expect(ctx.db.prepare("SELECT detail FROM audit WHERE action = 'session.login'").pluck().get()).toBe('{"passwordRehashed":true}');

    scrypt.mockClear();
    expect(await attempt(ctx, 'clerk', 'demo1234')).toBe('OK');
    expect(scrypt.mock.calls.map((c) => (c[3] as { N: number; maxmem: number }).N)).toEqual([SCRYPT_N]);
    expect((scrypt.mock.calls[0]![3] as { maxmem: number }).maxmem).toBeGreaterThanOrEqual(128 * SCRYPT_N * 8); // scrypt's own need
    ctx.db.close();
  });
});
