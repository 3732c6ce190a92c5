import type { Role } from '../../../shared/auth/roles';
import type { WritableDb } from '../db/open';
import { hashPassword } from './password';

type UserFields = { username: string; displayName: string; role: Role; officeCode: string };

/**
 * A new account with its password, hashed here at the production cost. `passwordHash` (a hash
 * `hashPassword` already made) is for test fixtures and demo accounts only, whose password is
 * public anyway: they reuse one hash per process (auth/sharedHash.ts) instead of paying a 128 MiB
 * scrypt run per account. Every real account (accounts.ts, the CLI) passes `password`.
 */
export type NewUser = UserFields & ({ password: string; passwordHash?: never } | { passwordHash: string; password?: never });

export function ensureOffice(db: WritableDb, code: string, name: string): void {
  db.prepare('INSERT INTO offices (code, name) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name').run(code, name);
}

export function createUser(db: WritableDb, u: NewUser, at: string): number {
  const hash = u.passwordHash ?? hashPassword(u.password!);
  return Number(
    db
      .prepare('INSERT INTO users (username, display_name, role, office_code, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(u.username, u.displayName, u.role, u.officeCode, hash, at).lastInsertRowid,
  );
}
