import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/result';
import { tempDir } from '../testing/fixtures';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { openDatabase } from './open';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('migrations', () => {
  it('001 creates every table the counter needs, with user_version set', () => {
    const db = new Database(tmp.file('m1.sqlite'));
    expect(migrate(db, MIGRATIONS, 1)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['people', 'cases', 'notifications', 'notification_events', 'outbox', 'attachments', 'users', 'audit', 'offices', 'case_sequences']));
    db.close();
  });

  it('each migration applies on top of the previous one with data in place', () => {
    // Signal-Desktop pattern: migrate to n-1, insert rows, migrate to n, check the rows survive.
    for (let n = 1; n <= MIGRATIONS.length; n++) {
      const db = new Database(tmp.file(`step${n}.sqlite`));
      migrate(db, MIGRATIONS, n - 1);
      if (n > 1) db.prepare("INSERT INTO offices (code, name) VALUES ('FS01', '鳳山')").run();
      migrate(db, MIGRATIONS, n);
      expect(db.pragma('user_version', { simple: true })).toBe(n);
      if (n > 1) expect(db.prepare('SELECT name FROM offices').pluck().get()).toBe('鳳山');
      db.close();
    }
  });

  it('refuses a database written by a newer version', () => {
    const file = tmp.file('newer.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(AppFailure);
    expect(() => openDatabase(file)).toThrow(/資料庫版本.*比本程式支援的版本.*新/);
  });

  it('opens with WAL, synchronous=FULL and foreign keys on', () => {
    const db = openDatabase(tmp.file('pragmas.sqlite'), { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('reports a corrupt file with a clear zh-TW error instead of a stack trace', () => {
    const file = tmp.file('corrupt.sqlite');
    writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0x5a)]));
    expect(() => openDatabase(file)).toThrow(/資料庫檔案已損毀|無法開啟資料庫/);
    writeFileSync(tmp.file('text.sqlite'), 'this is not a database at all, just text '.repeat(200));
    expect(() => openDatabase(tmp.file('text.sqlite'))).toThrow(/已損毀或不是資料庫/);
  });

  it('audit rows cannot be changed or deleted', () => {
    const db = openDatabase(tmp.file('audit.sqlite'), { create: true });
    db.prepare("INSERT INTO audit (at, actor, action, prev_hash, hash) VALUES ('t', 'x', 'y', 'p', 'h')").run();
    expect(() => db.prepare("UPDATE audit SET actor = 'z'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    db.close();
  });
});
