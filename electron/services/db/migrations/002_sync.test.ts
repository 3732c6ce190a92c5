import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m002-');
afterAll(() => tmp.cleanup());

describe('migration 002 (sync)', () => {
  it('keeps notifications written before it, with cursor 0, and adds the sync tables', () => {
    const db = new Database(tmp.file('m2.sqlite'));
    migrate(db, MIGRATIONS, 1);
    db.exec(`
      INSERT INTO offices (code, name) VALUES ('FS01', '鳳山');
      INSERT INTO users (username, display_name, role, office_code, password_hash, created_at) VALUES ('c', 'c', 'counter_clerk', 'FS01', 'x', 't');
      INSERT INTO people (person_id, id_kind, name, birth_date, address, updated_at) VALUES ('A123456789', 'national', '王', '1990-01-01', 'a', 't');
      INSERT INTO cases (case_no, office_code, person_ref, life_event, old_address, new_address, move_date, has_house_tax_bill, status, clerk_id, catalogue_version, form_version, created_at, local_date)
        VALUES ('FS01-1151126-0001', 'FS01', 1, 'move', 'a', 'b', '2026-11-20', 0, 'submitted', 1, 'v', 'f', 't', '2026-11-26');
      INSERT INTO notifications (id, case_id, item_code, kind, receiver_agency, payload, status, created_at, updated_at)
        VALUES ('01900000-0000-7000-8000-000000000001', 1, 'N01', 'notification', 'KH-TAX', '{}', 'queued', 't', 't');
      INSERT INTO outbox (notification_id, created_at) VALUES ('01900000-0000-7000-8000-000000000001', 't');
    `);
    migrate(db, MIGRATIONS, 2);
    expect(db.prepare('SELECT status, last_change_cursor FROM notifications').get()).toEqual({ status: 'queued', last_change_cursor: 0 });
    expect(db.prepare("SELECT state FROM outbox").pluck().get()).toBe('pending');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['platform_credentials', 'sync_state', 'verification_answers']));
    // An agency credential must name its agency; a workstation's must not.
    const insert = db.prepare("INSERT INTO platform_credentials (client_key, kind, agency_code, client_id, url, token, expires_at, enrolled_at) VALUES (?, ?, ?, 'w', 'u', 't', 'e', 'n')");
    expect(() => insert.run('agency:X', 'agency', null)).toThrow(/CHECK/);
    expect(() => insert.run('workstation', 'workstation', 'KH-TAX')).toThrow(/CHECK/);
    insert.run('workstation', 'workstation', null);
    // One answer per platform change: a replayed change cannot store an answer twice.
    const answer = db.prepare("INSERT INTO verification_answers (notification_id, found, text, actor, answered_at, change_cursor, received_at) VALUES ('01900000-0000-7000-8000-000000000001', 1, 'x', 'a', 't', 7, 't')");
    answer.run();
    expect(() => answer.run()).toThrow(/UNIQUE/);
    db.close();
  });
});
