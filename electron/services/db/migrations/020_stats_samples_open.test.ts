import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m020-');
afterAll(() => tmp.cleanup());

describe('migration 020 stats samples and open deadlines', () => {
  it('a database at 019 loses nothing; samples are read from the narrow index, deadlines of open delivered notifications from their own', () => {
    const db = new Database(tmp.file('m20.sqlite'));
    migrate(db, MIGRATIONS, 19);
    db.prepare("INSERT INTO offices (code, name) VALUES ('FS01', '鳳山')").run();
    db.prepare("INSERT INTO users (username, display_name, role, office_code, password_hash, created_at) VALUES ('clerk', '王怡君', 'counter_clerk', 'FS01', 'x', 't')").run();
    const kase = db.prepare("INSERT INTO cases (case_no, office_code, life_event, status, clerk_id, catalogue_version, form_version, created_at, local_date) VALUES ('FS01-1151126-0001', 'FS01', 'move', 'submitted', 1, 'v', 'f', '2026-11-26T02:00:00.000Z', '2026-11-26')").run().lastInsertRowid;
    const note = db.prepare("INSERT INTO notifications (id, case_id, item_code, kind, receiver_agency, payload, status, created_at, updated_at, delivered_at, closed_at, due_at) VALUES (?, ?, 'N01', 'notification', 'KH-TAX', '{}', ?, '2026-11-26T02:00:00.000Z', 't', ?, ?, ?)");
    note.run('open', kase, 'delivered', '2026-11-26T02:00:01.000Z', null, '2026-12-10T15:59:59.999Z');
    note.run('closed', kase, 'completed', '2026-11-26T02:00:01.000Z', '2026-11-27T02:00:00.000Z', '2026-12-10T15:59:59.999Z');
    note.run('queued', kase, 'queued', null, null, null);
    const rows = () => db.prepare('SELECT * FROM notifications ORDER BY id').all();
    const before = rows();

    migrate(db, MIGRATIONS, 20);
    expect(db.pragma('user_version', { simple: true })).toBe(20);
    expect(rows()).toEqual(before);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notifications' AND name LIKE 'notifications_%' ORDER BY name").pluck().all();
    expect(indexes).toEqual(['notifications_case', 'notifications_due', 'notifications_stats', 'notifications_stats_open', 'notifications_stats_sample']);
    const openIds = () => db.prepare("SELECT id FROM notifications INDEXED BY notifications_stats_open WHERE stats_month = '2026-11' AND closed_at IS NULL AND due_at IS NOT NULL ORDER BY id").pluck().all();
    expect(openIds()).toEqual(['open']);
    // Closing leaves the index of open deadlines; nothing else has to keep it.
    db.prepare("UPDATE notifications SET status = 'completed', closed_at = '2026-11-28T02:00:00.000Z' WHERE id = 'open'").run();
    expect(openIds()).toEqual([]);
    expect(db.prepare("SELECT COUNT(*) FROM notifications INDEXED BY notifications_stats_sample WHERE stats_month = '2026-11'").pluck().get()).toBe(3);
    db.close();
  });
});
