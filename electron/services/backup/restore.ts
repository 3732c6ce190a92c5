import { copyFileSync, cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppFailure } from '../../../shared/result';
import { makePrivate } from '../db/privateFiles';
import { listBackups } from './store';
import { verifyDatabaseFile } from './verify';

export type RestoreResult = {
  restoredFrom: string;
  /** Where the database that was in place went (kept, never overwritten); null if there was none. */
  keptAs: string | null;
};

const stamp = (d: Date): string => d.toISOString().replace(/[-:.]/g, '');

/**
 * Puts a verified backup in place of `dbFile`. The file that was there (often a corrupt one) is
 * renamed aside with its -wal/-shm, never overwritten or deleted: it may hold cases saved after the
 * backup, and IT or a data-recovery tool may still get them out. Stop the app before restoring.
 */
export function restoreDatabase(o: { from: string; dbFile: string; now: Date; attachmentsDir?: string }): RestoreResult {
  if (!existsSync(o.from)) throw new AppFailure({ code: 'RESTORE_NOT_FOUND', message: `找不到備份檔「${o.from}」` });
  const check = verifyDatabaseFile(o.from);
  if (!check.ok) throw new AppFailure({ code: 'RESTORE_BAD_BACKUP', message: `備份檔「${o.from}」未通過完整性檢查（${check.reason}），未還原。` });

  const tmp = `${o.dbFile}.restoring`;
  copyFileSync(o.from, tmp);
  makePrivate(tmp); // a backup on IT's share may carry wider modes; the live file is the owner's alone
  let keptAs: string | null = null;
  if (existsSync(o.dbFile)) {
    keptAs = `${o.dbFile}.before-restore-${stamp(o.now)}`;
    renameSync(o.dbFile, keptAs);
    for (const side of ['-wal', '-shm']) if (existsSync(o.dbFile + side)) renameSync(o.dbFile + side, keptAs + side);
  }
  renameSync(tmp, o.dbFile);

  const manifest = listBackups(dirname(o.from)).find((b) => resolve(b.path) === resolve(o.from));
  if (o.attachmentsDir && manifest?.attachments) {
    const source = join(dirname(o.from), manifest.attachments);
    if (existsSync(o.attachmentsDir)) renameSync(o.attachmentsDir, `${o.attachmentsDir}.before-restore-${stamp(o.now)}`);
    cpSync(source, o.attachmentsDir, { recursive: true });
  }
  rmSync(tmp, { force: true });
  return { restoredFrom: o.from, keptAs };
}
