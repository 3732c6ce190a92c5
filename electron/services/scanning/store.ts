import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { WritableDb } from '../db/open';
import { filesDirFor } from '../db/paths';
import { isDiskFull, scanFailure } from './failure';

export type StoredFile = { key: string; sha256: string; size: number };

export type FileStore = {
  readonly root: string;
  /** Stores bytes under their SHA-256 (idempotent: the same bytes are one file). */
  put(kind: 'pages' | 'attachments', bytes: Uint8Array, ext: string): Promise<StoredFile>;
  /** Reads a stored file and proves it is unchanged: the hash must match the one recorded. */
  readVerified(key: string, sha256: string): Promise<Buffer>;
  /** A private folder for a scanner batch's raw pages (re-read after a crash). */
  spoolDir(batchId: number): string;
  removeSpool(batchId: number): Promise<void>;
};

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Keep this much free besides what is being written: a full disk must not take SQLite's WAL down with it. */
export const DEFAULT_MIN_FREE_BYTES = 64 * 1024 * 1024;

/** `<db file>.files/`: next to the database, so a backup of the data folder carries both. */
export function storeRootFor(db: WritableDb): string {
  return db.memory || !db.name ? join(tmpdir(), `nin1-files-${process.pid}`) : filesDirFor(db.name);
}

/**
 * Content-addressed, write-once file store for page images and attachment PDFs. A file is written
 * to a temporary name, fsynced, then renamed into place, so a crash never leaves a half file under
 * a real key; files are never modified afterwards (the recorded SHA-256 proves it on every read).
 */
export function createFileStore(root: string, options: { minFreeBytes?: number } = {}): FileStore {
  const minFree = options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
  mkdirSync(root, { recursive: true });

  const ensureSpace = async (bytes: number): Promise<void> => {
    const fs = await statfs(root);
    if (fs.bavail * fs.bsize < bytes + minFree) throw scanFailure('DISK_FULL');
  };

  return {
    root,
    async put(kind, bytes, ext) {
      const sha256 = sha256Hex(bytes);
      const key = `${kind}/${sha256.slice(0, 2)}/${sha256}.${ext}`;
      const path = join(root, key);
      const existing = await stat(path).catch(() => null);
      if (existing?.size === bytes.byteLength) return { key, sha256, size: bytes.byteLength };
      await ensureSpace(bytes.byteLength);
      const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await mkdir(dirname(path), { recursive: true });
        const fh = await open(tmp, 'w');
        try {
          await fh.writeFile(bytes);
          await fh.sync();
        } finally {
          await fh.close();
        }
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        if (isDiskFull(e)) throw scanFailure('DISK_FULL');
        throw e;
      }
      return { key, sha256, size: bytes.byteLength };
    },
    async readVerified(key, sha256) {
      const bytes = await readFile(join(root, key)).catch(() => {
        throw scanFailure('ATTACHMENT_TAMPERED', '檔案不存在');
      });
      if (sha256Hex(bytes) !== sha256) throw scanFailure('ATTACHMENT_TAMPERED');
      return bytes;
    },
    spoolDir: (batchId) => join(root, 'spool', String(batchId)),
    removeSpool: (batchId) => rm(join(root, 'spool', String(batchId)), { recursive: true, force: true }),
  };
}
