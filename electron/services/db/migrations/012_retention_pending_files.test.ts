import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m012-');
afterAll(() => tmp.cleanup());

describe('migration 012 retention pending files', () => {
  it('finding 17-10: adds the list of files a purge still owes, one row per file, on a database holding cases', () => {
    const db = new Database(tmp.file('m12.sqlite'));
    migrate(db, MIGRATIONS, 11);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).not.toContain('retention_pending_files');
    migrate(db, MIGRATIONS, 12);
    expect(db.pragma('user_version', { simple: true })).toBe(12);
    db.pragma('foreign_keys = OFF'); // no case row needed to check the table's own shape
    const insert = db.prepare("INSERT INTO retention_pending_files (storage_key, case_id, run_id, recorded_at) VALUES ('attachments/ab/x.pdf', 1, 'r', 't')");
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE|PRIMARY KEY/);
    db.close();
  });
});
