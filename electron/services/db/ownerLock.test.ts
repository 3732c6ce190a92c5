import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../backup/backup';
import { restoreDatabase } from '../backup/restore';
import { spawnTs } from '../testing/processes';
import { tempDir } from '../testing/fixtures';
import { openDatabase } from './open';

const tmp = tempDir('nin1-lock-');
afterAll(() => tmp.cleanup());
const HOLD_OPEN = fileURLToPath(new URL('./holdOpen.child.ts', import.meta.url));
const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { error?: { code?: string } }).error?.code;
  }
  return undefined;
};

describe('restore and a database that is open', () => {
  it('finding 17-3: restore refuses a database the app or another process has open, and runs once it is closed or killed', async () => {
    const dbFile = tmp.file('counter.sqlite');
    const app = openDatabase(dbFile, { create: true });
    const b = await backupDatabase(app, { dir: tmp.file('b'), keep: 2, now: new Date('2026-11-26T00:00:00Z'), appVersion: '0.1.0' });
    const second = openDatabase(dbFile); // two owners of one file are fine (two workstations' processes)

    const before = readFileSync(dbFile);
    expect(code(() => restoreDatabase({ from: b.path, dbFile, now: new Date() }))).toBe('DB_IN_USE');
    second.close();
    expect(code(() => restoreDatabase({ from: b.path, dbFile, now: new Date() }))).toBe('DB_IN_USE'); // the app still has it
    app.close();
    expect(readFileSync(dbFile).equals(before)).toBe(true);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('before-restore'))).toEqual([]);

    // Another process (the app, a CLI command) has it open: refused; killed -9, the OS frees the lock.
    let opened!: () => void;
    const isOpen = new Promise<void>((r) => (opened = r));
    const child = spawnTs(HOLD_OPEN, [dbFile], (line) => line === 'OPEN' && opened());
    await isOpen;
    expect(code(() => restoreDatabase({ from: b.path, dbFile, now: new Date() }))).toBe('DB_IN_USE');
    await child.kill9();
    const r = restoreDatabase({ from: b.path, dbFile, now: new Date('2026-11-26T05:00:00Z') });
    expect(r.keptAs && existsSync(r.keptAs)).toBe(true);
    openDatabase(dbFile).close(); // the restored file opens normally
  }, 120_000);
});
