import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m010-');
afterAll(() => tmp.cleanup());

describe('migration 010 login throttle', () => {
  it('finding 13-login: adds the persisted login backoff table on a database holding users; one row per scope and key', () => {
    const db = new Database(tmp.file('m10.sqlite'));
    migrate(db, MIGRATIONS, 9);
    db.prepare("INSERT INTO offices (code, name) VALUES ('FS01', '鳳山')").run();
    db.prepare("INSERT INTO users (username, display_name, role, office_code, password_hash, created_at) VALUES ('clerk', '王怡君', 'counter_clerk', 'FS01', 'x', 't')").run();
    migrate(db, MIGRATIONS, 10);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare('SELECT COUNT(*) FROM users').pluck().get()).toBe(1);
    const insert = db.prepare("INSERT INTO login_throttle (scope, key, failures, last_failed_at, locked_until) VALUES (?, 'clerk', 1, 't', NULL)");
    insert.run('account');
    insert.run('workstation');
    expect(() => insert.run('account')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('office')).toThrow(/CHECK/);
    db.close();
  });
});
