import type Database from 'better-sqlite3';
import DatabaseCtor from 'better-sqlite3';
import { closeSync, cpSync, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppFailure } from '../../../shared/result';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE, writePrivateFile } from '../db/privateFiles';
import { backupStem, listBackups, type BackupEntry, type BackupManifest } from './store';
import { countCasesIn, refuseShrink } from './shrink';
import { sha256File, verifyDatabaseFile } from './verify';

export type BackupOptions = {
  /** Destination folder (policy `backup.dir`). */
  dir: string;
  /** Generations to keep; older verified backups are removed only after this one is verified. */
  keep: number;
  now: Date;
  appVersion: string;
  /** Scanned pages folder; copied alongside when it exists. */
  attachmentsDir?: string;
  /** Keep a copy with fewer cases than the last backup (CLI `--allow-shrink`); never set by the schedule. */
  allowShrink?: boolean;
};

/**
 * Online backup of the live database with SQLite's backup API (better-sqlite3 `db.backup()`): the
 * counter keeps saving cases while it runs. The copy is switched to a single self-contained file
 * (journal_mode=DELETE), verified with a fresh connection, and only then given its final name and
 * manifest — so a half-written or unverified file is never mistaken for a backup.
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
    let attachments: string | null = null;
    if (o.attachmentsDir && existsSync(o.attachmentsDir)) {
      attachments = `${stem}-attachments`;
      cpSync(o.attachmentsDir, join(o.dir, attachments), { recursive: true, errorOnExist: true });
    }
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
    };
    writePrivateFile(`${final}.json`, `${JSON.stringify(manifest, null, 2)}\n`);
    prune(o.dir, o.keep);
    return { ...manifest, path: final, manifestPath: `${final}.json` };
  } catch (e) {
    rmSync(tmp, { force: true });
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
