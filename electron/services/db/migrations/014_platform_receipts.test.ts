import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m014-');
afterAll(() => tmp.cleanup());

describe('migration 014 platform receipts', () => {
  it('issue 15 step 3: adds one receipt per notification', () => {
    const db = new Database(tmp.file('m14.sqlite'));
    migrate(db, MIGRATIONS, 13);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).not.toContain('platform_receipts');
    migrate(db, MIGRATIONS, 14);
    expect(db.pragma('user_version', { simple: true })).toBe(14);
    db.pragma('foreign_keys = OFF'); // no notification row needed to check the table's own shape
    const insert = db.prepare("INSERT INTO platform_receipts (notification_id, seq, at, message_hash, receipt) VALUES ('n1', 1, 't', 'h', '{}')");
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE|PRIMARY KEY/);
    db.close();
  });
});
