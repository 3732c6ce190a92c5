import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m007-');
afterAll(() => tmp.cleanup());

describe('migration 007 accounts', () => {
  it('adds groups, memberships and the purge marker on a database holding users; existing rows keep working', () => {
    const db = new Database(tmp.file('m7.sqlite'));
    migrate(db, MIGRATIONS, 6);
    db.prepare("INSERT INTO offices (code, name) VALUES ('FS01', '鳳山')").run();
    db.prepare("INSERT INTO users (username, display_name, role, office_code, password_hash, created_at) VALUES ('clerk', '王怡君', 'counter_clerk', 'FS01', 'x', 't')").run();
    migrate(db, MIGRATIONS, 7);
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(db.prepare('SELECT username, updated_at FROM users').get()).toEqual({ username: 'clerk', updated_at: null });
    db.prepare("INSERT INTO user_groups (name, default_role, office_code, created_at, updated_at) VALUES ('戶籍課', 'counter_clerk', 'FS01', 't', 't')").run();
    expect(() => db.prepare("INSERT INTO user_groups (name, default_role, office_code, created_at, updated_at) VALUES ('戶籍課', 'supervisor', 'FS01', 't', 't')").run()).toThrow(/UNIQUE/);
    const member = db.prepare("INSERT INTO user_group_members (group_id, user_id, added_at) VALUES (1, 1, 't')");
    member.run();
    expect(() => member.run()).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('purged_cases', 'audit_action')").pluck().get()).toBe(2);
    db.close();
  });
});
