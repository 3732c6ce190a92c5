import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteDriver } from './sqliteDriver';

const dir = mkdtempSync(join(tmpdir(), 'nin1-platform-mode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('platform SQLite file', () => {
  it('finding 13-4: the platform database (token-signing secret) is created 0600 in a 0700 folder', async () => {
    const old = process.umask(0o022);
    try {
      const file = join(dir, 'county/platform.sqlite');
      const driver = SqliteDriver.open(file);
      expect(statSync(join(dir, 'county')).mode & 0o777).toBe(0o700);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      await driver.close();
    } finally {
      process.umask(old);
    }
  });
});
