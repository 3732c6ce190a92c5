import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m004-');
afterAll(() => tmp.cleanup());

describe('migration 004 user_certificates', () => {
  it('adds the table on a database holding users, with one row per fingerprint', () => {
    const db = new Database(tmp.file('m4.sqlite'));
    migrate(db, MIGRATIONS, 3);
    db.prepare("INSERT INTO offices (code, name) VALUES ('FS01', '鳳山')").run();
    db.prepare("INSERT INTO users (username, display_name, role, office_code, password_hash, created_at) VALUES ('clerk', '王怡君', 'counter_clerk', 'FS01', 'x', 't')").run();
    migrate(db, MIGRATIONS, 4);
    const insert = db.prepare(
      "INSERT INTO user_certificates (user_id, fingerprint_sha256, subject, issuer, serial_number, not_before, not_after, enrolled_at, enrolled_by) VALUES (1, ?, 'CN=王怡君', 'CN=CA', '01', 'a', 'b', 't', 'it')",
    );
    insert.run('a'.repeat(64));
    expect(() => insert.run('a'.repeat(64))).toThrow(/UNIQUE/);
    expect(() => insert.run('abc')).toThrow(/CHECK/);
    expect(db.prepare('SELECT COUNT(*) FROM user_certificates').pluck().get()).toBe(1);
    db.close();
  });
});
