import type { WritableDb } from '../db/open';

/** Keys of the sync engine's small persisted values (table sync_state, migration 002). */
export const STATE = {
  /** Platform change cursor for this office: everything up to it has been applied. */
  changesCursor: 'cursor.office-changes',
  /** Last time a drain or pull completed against the platform (counter clock). */
  lastSyncAt: 'last-sync-at',
} as const;

export function readState(db: WritableDb, key: string): string | null {
  return (db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

/** Call inside the transaction whose work the value describes, so both commit together. */
export function writeState(db: WritableDb, key: string, value: string, at: string): void {
  db.prepare('INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(key, value, at);
}

export const readCursor = (db: WritableDb): number => Number(readState(db, STATE.changesCursor) ?? 0);
