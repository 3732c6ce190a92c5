import Database from 'better-sqlite3';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/fixtures';
import { MIGRATIONS } from './migrations';
import { openDatabase } from './open';

const tmp = tempDir('nin1-open-');
afterAll(() => tmp.cleanup());

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { error?: { code?: string } }).error?.code;
  }
  return undefined;
};

describe('openDatabase needs an existing counter database', () => {
  it('finding 13-3: a zero-byte or mistyped database path is refused and never becomes an empty database', () => {
    const empty = tmp.file('e.sqlite');
    writeFileSync(empty, '');
    expect(codeOf(() => openDatabase(empty))).toBe('DB_EMPTY_FILE');
    expect(codeOf(() => openDatabase(empty, { create: true }))).toBe('DB_EMPTY_FILE'); // creation never adopts an empty file
    expect(statSync(empty).size).toBe(0);
    expect(existsSync(`${empty}-wal`)).toBe(false);

    const typo = tmp.file('cuonter.sqlite');
    expect(() => openDatabase(typo)).toThrow(/找不到資料庫檔案.*init/);
    expect(existsSync(typo)).toBe(false);

    const foreign = tmp.file('foreign.sqlite');
    const f = new Database(foreign);
    f.exec('CREATE TABLE photos (id INTEGER)');
    f.close();
    expect(codeOf(() => openDatabase(foreign))).toBe('DB_NOT_COUNTER');
  });

  it('finding 13-3: create: true makes a whole, migrated database and leaves no temporary file behind', () => {
    const file = tmp.file('sub/new.sqlite');
    const db = openDatabase(file, { create: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    expect(readdirSync(tmp.file('sub')).filter((n) => n.includes('.creating-'))).toEqual([]);
    openDatabase(file).close(); // and from then on it opens without create
  });
});
