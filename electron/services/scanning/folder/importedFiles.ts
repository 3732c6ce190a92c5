import type { WritableDb } from '../../db/open';

export type FileIdentity = { path: string; size: number; mtimeMs: number };
export type FileOutcome = { sha256: string; batchId: number | null; pages: number; outcome: 'imported' | 'duplicate' | 'rejected'; error?: { code: string; message: string } };

/**
 * What the hot folder has already taken in, kept in the database so a restart does not import a
 * file again: a file is the same file while its path, size and mtime are (cheap: no read), and
 * the same content under another name is recognised by its SHA-256.
 */
export function importedFiles(db: WritableDb) {
  const seen = db.prepare('SELECT outcome FROM imported_files WHERE path = ? AND size = ? AND mtime_ms = ? LIMIT 1').pluck();
  const byContent = db.prepare("SELECT 1 FROM imported_files WHERE sha256 = ? AND outcome = 'imported' LIMIT 1");
  const insert = db.prepare(
    `INSERT OR IGNORE INTO imported_files (path, size, mtime_ms, sha256, batch_id, pages, outcome, error_code, error_message, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    /** 'imported' | 'duplicate' | 'rejected' when this exact file was handled before, else null. */
    seen: (f: FileIdentity): string | null => (seen.get(f.path, f.size, Math.trunc(f.mtimeMs)) as string | undefined) ?? null,
    contentImported: (sha256: string): boolean => byContent.get(sha256) !== undefined,
    record(f: FileIdentity, o: FileOutcome, at: string): void {
      insert.run(f.path, f.size, Math.trunc(f.mtimeMs), o.sha256, o.batchId, o.pages, o.outcome, o.error?.code ?? null, o.error?.message ?? null, at);
    },
  };
}
export type ImportedFiles = ReturnType<typeof importedFiles>;
