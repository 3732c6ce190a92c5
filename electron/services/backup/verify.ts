import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type Verification = { ok: true; userVersion: number } | { ok: false; reason: string };

/**
 * A backup counts only once a fresh connection has read it end to end: `PRAGMA integrity_check`
 * (not the quick check — a backup is small and verified once) must answer exactly 'ok'.
 */
export function verifyDatabaseFile(file: string): Verification {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') return { ok: false, reason: String(check) };
    return { ok: true, userVersion: Number(db.pragma('user_version', { simple: true })) };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    db?.close();
  }
}

export const sha256File = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
