import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m013-');
afterAll(() => tmp.cleanup());

describe('migration 013 supplement requests', () => {
  it('finding 3: adds supplement_requests to a database of version 12, one row per round, a replayed change adds nothing', () => {
    const db = new Database(tmp.file('m13.sqlite'));
    migrate(db, MIGRATIONS, 12);
    db.prepare("INSERT INTO offices (code, name) VALUES ('FS01', '鳳山')").run();
    db.prepare("INSERT INTO users (username, display_name, role, office_code, password_hash, created_at) VALUES ('clerk', '王怡君', 'counter_clerk', 'FS01', 'x', 't')").run();
    const kase = db.prepare("INSERT INTO cases (case_no, office_code, life_event, status, clerk_id, catalogue_version, form_version, created_at, local_date, documents_spared) VALUES ('FS01-1151126-0001', 'FS01', 'move', 'submitted', 1, 'v', 'f', 't', '2026-11-26', 0)").run().lastInsertRowid;
    db.prepare("INSERT INTO notifications (id, case_id, item_code, kind, receiver_agency, payload, status, created_at, updated_at) VALUES ('a', ?, 'N04', 'notification', 'KH-LAND-FS', '{}', 'received', 't', 't')").run(kase);
    migrate(db, MIGRATIONS, 13);
    expect(db.pragma('user_version', { simple: true })).toBe(13);
    const insert = db.prepare("INSERT INTO supplement_requests (notification_id, round, agency, missing, due_date, requested_at, change_cursor) VALUES ('a', ?, 'KH-LAND-FS', '[\"地號\"]', '2026-12-01', 't', ?) ON CONFLICT DO NOTHING");
    insert.run(1, 10);
    insert.run(1, 10);
    insert.run(2, 12);
    expect(db.prepare('SELECT round FROM supplement_requests ORDER BY round').pluck().all()).toEqual([1, 2]);
    db.close();
  });
});
