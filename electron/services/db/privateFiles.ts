import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';

/**
 * Counter data (databases with the platform credential, backups, scanned consent forms, logs) is
 * personal data and a bearer secret: only the OS account that runs the app may read it (issue 13,
 * finding 4). Files are created 0600, folders we create 0700. On Windows the modes are ignored and
 * the profile folder's ACL does the job.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates `dir` (and missing parents) as 0700. An existing folder is left as it is: it may be IT's share or the user's cwd. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Writes a whole file readable by its owner only (also when it already existed with wider modes). */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  makePrivate(file);
}

/** Narrows a file someone else created (SQLite's backup API, copyFile) to 0600. */
export function makePrivate(file: string): void {
  if (process.platform !== 'win32') chmodSync(file, PRIVATE_FILE_MODE);
}
