import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/result';
import { SessionStore } from './sessions';

const user = { id: 1, username: 'clerk', displayName: '王怡君', role: 'counter_clerk' as const, officeCode: 'FS01' };
const LOCKED = { code: 'SESSION_LOCKED', message: '憑證卡已移除，畫面已鎖定。' };
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppFailure ? e.error.code : 'THROWN';
  }
  return undefined;
};

describe('session lock (certificate card removed)', () => {
  it('refuses every call while locked, keeps the session, and resumes after unlock', () => {
    const now = 0;
    const store = new SessionStore({ now: () => new Date(now) }, 60_000);
    const token = store.open(user);
    expect(store.lock(token, LOCKED)).toBe(true);
    expect(code(() => store.require(token))).toBe('SESSION_LOCKED');
    expect(store.peek(token)).toEqual({ user, locked: true });
    store.unlock(token);
    expect(store.require(token)).toEqual(user);
    expect(store.lock('no-such-token', LOCKED)).toBe(false);
  });

  it('still expires a locked session that sits idle', () => {
    let now = 0;
    const store = new SessionStore({ now: () => new Date(now) }, 60_000);
    const token = store.open(user);
    store.lock(token, LOCKED);
    now = 61_000;
    expect(store.peek(token)).toBeNull();
    expect(code(() => store.require(token))).toBe('AUTH_EXPIRED');
  });
});
