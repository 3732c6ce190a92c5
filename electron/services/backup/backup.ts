import type Database from 'better-sqlite3';
import DatabaseCtor from 'better-sqlite3';
import { closeSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppFailure } from '../../../shared/result';
import { filesDirFor } from '../db/paths';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE, writePrivateFile } from '../db/privateFiles';
import { backupStem, listBackups, type BackupEntry, type BackupManifest } from './store';
import { backupFiles, filesReferencedBy } from './files';
import { countCasesIn, refuseShrink } from './shrink';
import { sha256File, verifyDatabaseFile } from './verify';

export type BackupOptions = {
  /** Destination folder (policy `backup.dir`). */
  dir: string;
  /** Generations to keep; older verified backups are removed only after this one is verified. */
  keep: number;
  now: Date;
  appVersion: string;
  /** Keep a copy with fewer cases than the last backup (CLI `--allow-shrink`); never set by the schedule. */
  allowShrink?: boolean;
};

/**
 * Online backup of the live database with SQLite's backup API (better-sqlite3 `db.backup()`): the
 * counter keeps saving cases while it runs. The copy is switched to a single self-contained file
 * (journal_mode=DELETE), verified with a fresh connection, and only then given its final name and
 * manifest — so a half-written or unverified file is never mistaken for a backup. Every scanned
 * page and attachment the copy points at goes with it (`<stem>.files/`, from the one folder
 * db/paths.ts derives from the database), each checked against its recorded hash.
 */
export async function backupDatabase(db: Database.Database, o: BackupOptions): Promise<BackupEntry> {
  ensurePrivateDir(o.dir);
  const stem = backupStem(o.now);
  const tmp = join(o.dir, `${stem}.sqlite.partial`);
  const final = join(o.dir, `${stem}.sqlite`);
  try {
    // The copy holds the platform credential and personal data: 0600 before SQLite writes a byte (issue 13, finding 4).
    closeSync(openSync(tmp, 'w', PRIVATE_FILE_MODE));
    makePrivate(tmp);
    await db.backup(tmp);
    const copy = new DatabaseCtor(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const verified = verifyDatabaseFile(tmp);
    if (!verified.ok) throw new AppFailure({ code: 'BACKUP_VERIFY_FAILED', message: `備份檔驗證失敗（${verified.reason}），未保留此份備份。` });
    const cases = countCasesIn(tmp);
    refuseShrink(listBackups(o.dir)[0], cases, o.allowShrink === true);
    const attachments = `${stem}.files`;
    const files = backupFiles(filesReferencedBy(tmp), filesDirFor(db.name), join(o.dir, attachments));
    renameSync(tmp, final);
    const manifest: BackupManifest = {
      createdAt: o.now.toISOString(),
      file: basename(final),
      bytes: statSync(final).size,
      sha256: sha256File(final),
      userVersion: verified.userVersion,
      appVersion: o.appVersion,
      integrity: 'ok',
      attachments,
      cases,
      files: files.files,
    };
    writePrivateFile(`${final}.json`, `${JSON.stringify(manifest, null, 2)}\n`);
    prune(o.dir, o.keep);
    return { ...manifest, path: final, manifestPath: `${final}.json` };
  } catch (e) {
    rmSync(tmp, { force: true });
    rmSync(join(o.dir, `${stem}.files`), { recursive: true, force: true });
    if (e instanceof AppFailure) throw e;
    throw new AppFailure({ code: 'BACKUP_FAILED', message: `備份失敗：${(e as Error).message}` });
  }
}

/** Keeps the newest `keep` generations (database, manifest and attachments copy together). */
function prune(dir: string, keep: number): void {
  for (const old of listBackups(dir).slice(keep)) {
    rmSync(old.path, { force: true });
    if (old.attachments) rmSync(join(dir, old.attachments), { recursive: true, force: true });
    rmSync(old.manifestPath, { force: true });
  }
}
