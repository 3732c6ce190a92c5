import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppFailure } from '../../../shared/result';
import { filesDirFor } from '../db/paths';
import { withExclusiveLock } from '../db/ownerLock';
import { ensurePrivateDir, makePrivate } from '../db/privateFiles';
import { filesReferencedBy, restoreFiles } from './files';
import { carryHighWaterFrom, type CarriedHighWater } from './highWater';
import { listBackups } from './store';
import { verifyDatabaseFile } from './verify';

export type RestoreResult = {
  restoredFrom: string;
  /** Where the database that was in place went (kept, never overwritten); null if there was none. */
  keptAs: string | null;
  /** Scanned pages and attachments copied back from the backup (the others were already in place). */
  filesRestored: number;
  /** Case sequences and progress codes moved past the kept-aside file's (null: there was no file). */
  highWater: CarriedHighWater | null;
};

const stamp = (d: Date): string => d.toISOString().replace(/[-:.]/g, '');

/**
 * Puts a verified backup in place of `dbFile`, with its scanned files (issue 17, finding 5) in the
 * database's own file store (db/paths.ts). The file that was there (often a corrupt one) is renamed
 * aside with its -wal/-shm, never overwritten or deleted: it may hold cases saved after the backup,
 * and IT or a data-recovery tool may still get them out. Case numbers and receipt-code issues
 * continue past the replaced file's (highWater.ts). Everything that can refuse (backup
 * integrity, a file in neither place) does so before the live database is touched.
 */
export function restoreDatabase(o: { from: string; dbFile: string; now: Date }): RestoreResult {
  // Never under a running app or command: its next case would land in the kept-aside file (issue 17, finding 3).
  return withExclusiveLock(o.dbFile, () => restoreUnlocked(o));
}

function restoreUnlocked(o: { from: string; dbFile: string; now: Date }): RestoreResult {
  if (!existsSync(o.from)) throw new AppFailure({ code: 'RESTORE_NOT_FOUND', message: `找不到備份檔「${o.from}」` });
  const check = verifyDatabaseFile(o.from);
  if (!check.ok) throw new AppFailure({ code: 'RESTORE_BAD_BACKUP', message: `備份檔「${o.from}」未通過完整性檢查（${check.reason}），未還原。` });

  const manifest = listBackups(dirname(o.from)).find((b) => resolve(b.path) === resolve(o.from));
  const backupFilesDir = manifest?.attachments ? join(dirname(o.from), manifest.attachments) : null;
  const tmp = `${o.dbFile}.restoring`;
  ensurePrivateDir(dirname(o.dbFile));
  copyFileSync(o.from, tmp);
  makePrivate(tmp); // a backup on IT's share may carry wider modes; the live file is the owner's alone
  try {
    const { restored } = restoreFiles(filesReferencedBy(tmp), backupFilesDir, filesDirFor(o.dbFile));
    // Before the swap, while the old file is still at its name: what it handed out must never be handed out again.
    const highWater = existsSync(o.dbFile) ? carryHighWaterFrom(o.dbFile, tmp) : null;
    let keptAs: string | null = null;
    if (existsSync(o.dbFile)) {
      keptAs = `${o.dbFile}.before-restore-${stamp(o.now)}`;
      renameSync(o.dbFile, keptAs);
      for (const side of ['-wal', '-shm']) if (existsSync(o.dbFile + side)) renameSync(o.dbFile + side, keptAs + side);
    }
    renameSync(tmp, o.dbFile);
    return { restoredFrom: o.from, keptAs, filesRestored: restored, highWater };
  } finally {
    rmSync(tmp, { force: true });
  }
}
