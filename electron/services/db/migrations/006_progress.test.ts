import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m006-');
afterAll(() => tmp.cleanup());

describe('migration 006 progress', () => {
  it('adds case_progress_codes on a database holding cases: one row per case, only alphabet codes', () => {
    const db = new Database(tmp.file('m6.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, 5);
    db.prepare("INSERT INTO offices (code, name) VALUES ('FS01', '鳳山')").run();
    db.prepare("INSERT INTO users (username, display_name, role, office_code, password_hash, created_at) VALUES ('clerk', '王怡君', 'counter_clerk', 'FS01', 'x', 't')").run();
    db.prepare("INSERT INTO people (person_id, id_kind, name, birth_date, address, updated_at) VALUES ('A123456789', 'national', '王小明', '1990-03-15', 'x', 't')").run();
    db.prepare(
      "INSERT INTO cases (case_no, office_code, person_ref, life_event, old_address, new_address, move_date, has_house_tax_bill, status, clerk_id, catalogue_version, form_version, created_at, local_date) VALUES ('FS01-1151127-0001', 'FS01', 1, 'move', 'a', 'b', '2026-11-20', 0, 'submitted', 1, 'v', 'f', 't', '2026-11-27')",
    ).run();
    migrate(db, MIGRATIONS, 6);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    // The case saved before the migration has no code (it cannot be looked up until one is issued).
    expect(db.prepare('SELECT COUNT(*) FROM case_progress_codes').pluck().get()).toBe(0);
    const insert = db.prepare("INSERT INTO case_progress_codes (case_id, code, alg, salt, hash, issue, issued_at, issued_by) VALUES (?, ?, 'hmac-sha256-v1', 's', 'h', 1, 't', 'clerk')");
    insert.run(1, 'ABCD2345');
    expect(() => insert.run(1, 'ABCD2346')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run(2, 'ABCD2345')).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM case_progress_codes').run();
    for (const bad of ['ABCD0345', 'abcd2345', 'ABC2345', 'ABCDI345']) expect(() => insert.run(1, bad)).toThrow(/CHECK/);
    db.close();
  });
});
