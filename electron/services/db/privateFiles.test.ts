import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureOffice } from '../auth/users';
import { backupDatabase } from '../backup/backup';
import { createLogger } from '../logging/logger';
import { rotatingFile } from '../logging/rotatingFile';
import { tempDir } from '../testing/fixtures';
import { openDatabase } from './open';

const tmp = tempDir('nin1-modes-');
afterAll(() => tmp.cleanup());
const mode = (p: string): number => statSync(p).mode & 0o777;

describe.skipIf(process.platform === 'win32')('file modes of counter data', () => {
  it('finding 13-4: database, WAL, backup, manifest and log files are 0600 in 0700 folders', async () => {
    const old = process.umask(0o022); // the usual umask, which made all of these 0644 before
    try {
      const dbFile = tmp.file('data/counter.sqlite');
      const db = openDatabase(dbFile, { create: true });
      ensureOffice(db, 'FS01', '鳳山戶政'); // a write, so the -wal exists
      expect(mode(tmp.file('data'))).toBe(0o700);
      expect(mode(dbFile)).toBe(0o600);
      expect(mode(`${dbFile}-wal`)).toBe(0o600);

      const b = await backupDatabase(db, { dir: tmp.file('backups/daily'), keep: 2, now: new Date('2026-11-26T00:00:00Z'), appVersion: '0.1.0' });
      expect(mode(tmp.file('backups'))).toBe(0o700);
      expect(mode(tmp.file('backups/daily'))).toBe(0o700);
      expect(mode(b.path)).toBe(0o600);
      expect(mode(b.manifestPath)).toBe(0o600);
      db.close();

      const rotating = rotatingFile({ dir: tmp.file('logs') });
      rotating.write('{"msg":"x"}\n');
      expect(mode(tmp.file('logs'))).toBe(0o700);
      expect(mode(rotating.currentFile())).toBe(0o600);
      rotating.close();
      const single = join(tmp.file('one-log'), 'app.log');
      const logger = createLogger({ file: single });
      logger.info('x');
      logger.flush();
      for (let i = 0; i < 100 && !existsSync(single); i++) await new Promise((r) => setTimeout(r, 20)); // the destination opens asynchronously
      expect(mode(tmp.file('one-log'))).toBe(0o700);
      expect(mode(single)).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });
});
