import crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkPassword, SCRYPT_N } from '../auth/password';
import { createUser } from '../auth/users';
import { FIXTURE_PASSWORD, makeContext, seedClerk, tempDir } from './fixtures';

describe('test fixtures', () => {
  afterEach(() => vi.restoreAllMocks());

  it('fixtures are cheap: seedClerk in three databases runs the password KDF at most once per process, and the clerk still signs in', async () => {
    const tmp = tempDir();
    try {
      const scrypt = vi.spyOn(crypto, 'scryptSync');
      const contexts = ['a', 'b', 'c'].map((n) => makeContext(tmp.file(`${n}.sqlite`)));
      for (const ctx of contexts) seedClerk(ctx);
      seedClerk(contexts[0]!, 'clerk2');
      expect(scrypt.mock.calls.length).toBeLessThanOrEqual(1);
      const stored = contexts[2]!.db.prepare("SELECT password_hash FROM users WHERE username = 'clerk'").pluck().get() as string;
      expect(stored).toMatch(new RegExp(`^scrypt\\$${SCRYPT_N}\\$`)); // the production cost, not a weakened one
      expect((await checkPassword(FIXTURE_PASSWORD, stored)).ok).toBe(true);
      for (const ctx of contexts) ctx.db.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('fixtures are cheap: a real account (createUser with a password) still gets its own hash at the production cost', () => {
    const tmp = tempDir();
    try {
      const ctx = makeContext(tmp.file('a.sqlite'));
      seedClerk(ctx);
      const scrypt = vi.spyOn(crypto, 'scryptSync');
      createUser(ctx.db, { username: 'real', displayName: '真帳號', role: 'counter_clerk', officeCode: ctx.config.officeCode, password: FIXTURE_PASSWORD }, '2026-11-26T00:00:00.000Z');
      expect(scrypt.mock.calls.map((c) => (c[3] as { N: number }).N)).toEqual([SCRYPT_N]);
      const hashes = ctx.db.prepare('SELECT password_hash FROM users ORDER BY id').pluck().all() as string[];
      expect(new Set(hashes).size).toBe(2); // its own salt
      ctx.db.close();
    } finally {
      tmp.cleanup();
    }
  });
});
