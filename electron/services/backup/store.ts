import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from '../../../shared/zod';
import { sha256File, verifyDatabaseFile } from './verify';

/** Written next to each backup once it has been verified; a backup without one is not trusted. */
export const BackupManifest = z.object({
  createdAt: z.string(),
  file: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  userVersion: z.number().int(),
  appVersion: z.string(),
  integrity: z.literal('ok'),
  attachments: z.string().nullable(),
  /** Cases in the copy; a later backup with fewer is refused (shrink.ts). Absent in manifests written before it was recorded. */
  cases: z.number().int().optional(),
  /** Scanned pages and attachments copied into the `attachments` folder, each hash-checked (backup/files.ts). */
  files: z.number().int().optional(),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export type BackupEntry = BackupManifest & { path: string; manifestPath: string };

export const BACKUP_PREFIX = 'counter-';
/** `counter-20261126T023000123Z.sqlite`: UTC, sortable by name, no characters Windows forbids. */
export const backupStem = (at: Date): string => `${BACKUP_PREFIX}${at.toISOString().replace(/[-:.]/g, '')}`;

/** Backups in `dir` with a readable manifest, newest first. */
export function listBackups(dir: string): BackupEntry[] {
  if (!existsSync(dir)) return [];
  const out: BackupEntry[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(BACKUP_PREFIX) || !name.endsWith('.sqlite.json')) continue;
    const manifestPath = join(dir, name);
    try {
      const m = BackupManifest.parse(JSON.parse(readFileSync(manifestPath, 'utf8')));
      out.push({ ...m, path: join(dir, m.file), manifestPath });
    } catch {
      // an unreadable manifest is simply not a usable backup
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * The newest backup that is still intact now: same bytes as when it was verified, and it passes
 * the integrity check again (a backup disk can rot too).
 */
export function latestGoodBackup(dir: string): BackupEntry | null {
  for (const b of listBackups(dir)) {
    if (!existsSync(b.path)) continue;
    if (sha256File(b.path) !== b.sha256) continue;
    if (verifyDatabaseFile(b.path).ok) return b;
  }
  return null;
}
