import type { Role } from '../../../shared/auth/roles';
import type { WritableDb } from '../db/open';
import { hashPassword } from './password';

export type NewUser = { username: string; displayName: string; role: Role; officeCode: string; password: string };

export function ensureOffice(db: WritableDb, code: string, name: string): void {
  db.prepare('INSERT INTO offices (code, name) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name').run(code, name);
}

export function createUser(db: WritableDb, u: NewUser, at: string): number {
  return Number(
    db
      .prepare('INSERT INTO users (username, display_name, role, office_code, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(u.username, u.displayName, u.role, u.officeCode, hashPassword(u.password), at).lastInsertRowid,
  );
}
