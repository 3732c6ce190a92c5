import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m019-');
afterAll(() => tmp.cleanup());

const SEP = '\u001f';

describe('migration 019 stats cells', () => {
  it('a database written by the previous release loses nothing; each notification gets its cell key and packed samples, kept as it moves on', () => {
    const db = new Database(tmp.file('m19.sqlite'));
    migrate(db, MIGRATIONS, 18);
    db.prepare("INSERT INTO offices (code, name) VALUES ('FS01', '鳳山')").run();
    db.prepare("INSERT INTO users (username, display_name, role, office_code, password_hash, created_at) VALUES ('clerk', '王怡君', 'counter_clerk', 'FS01', 'x', 't')").run();
    const kase = db.prepare("INSERT INTO cases (case_no, office_code, life_event, status, clerk_id, catalogue_version, form_version, created_at, local_date, documents_spared) VALUES (?, 'FS01', ?, 'submitted', 1, 'v', 'f', '2026-11-26T02:00:00.000Z', '2026-11-26', 1)");
    const note = db.prepare("INSERT INTO notifications (id, case_id, item_code, kind, receiver_agency, payload, status, created_at, updated_at, delivered_at, received_at) VALUES (?, ?, ?, ?, 'KH-TAX', '{}', ?, '2026-11-26T02:00:00.000Z', 't', ?, ?)");
    const death = kase.run('FS01-1151126-0001', 'death').lastInsertRowid;
    const move = kase.run('FS01-1151126-0002', 'move').lastInsertRowid;
    note.run('a', death, 'N01', 'notification', 'received', '2026-11-26T02:00:01.500Z', '2026-11-26T03:00:01.500Z');
    note.run('b', move, 'V01', 'verification', 'queued', null, null);
    const rows = () => db.prepare('SELECT * FROM notifications ORDER BY id').all() as Record<string, unknown>[];
    const before = rows();

    migrate(db, MIGRATIONS, 19);
    expect(db.pragma('user_version', { simple: true })).toBe(19);
    const after = rows();
    expect(after.map(({ stats_cell: _c, stats_sample: _s, ...rest }) => rest)).toEqual(before);

    const packed = () => db.prepare('SELECT id, stats_cell, stats_sample FROM notifications ORDER BY id').raw().all();
    expect(packed()).toEqual([
      ['a', ['N01', 'KH-TAX', 'notification', 'received', 'FS01', '1', 'death', '2'].join(SEP), `${death},1500,3600000,,`],
      ['b', ['V01', 'KH-TAX', 'verification', 'queued', 'FS01', '1', 'move', '0'].join(SEP), `${move},,,,`],
    ]);
    // Computed, never stored: a later milestone and answer show at once.
    db.prepare("UPDATE notifications SET status = 'delivered', delivered_at = '2026-11-26T02:00:02.000Z', first_answer_at = '2026-11-26T02:01:02.000Z' WHERE id = 'b'").run();
    expect(packed()[1]).toEqual(['b', ['V01', 'KH-TAX', 'verification', 'delivered', 'FS01', '1', 'move', '1'].join(SEP), `${move},2000,,,60000`]);

    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notifications' AND name LIKE 'notifications_%' ORDER BY name").pluck().all();
    expect(indexes).toEqual(['notifications_case', 'notifications_due', 'notifications_stats', 'notifications_stats_cell']);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT 1 FROM notifications n WHERE n.case_id = 1 AND n.item_code = 'N01' AND n.stats_life_event = 'death'")).toMatch(/COVERING INDEX notifications_case/);
    expect(plan("SELECT stats_month, stats_cell, COUNT(*) FROM notifications INDEXED BY notifications_stats_cell WHERE stats_month = '2026-11' GROUP BY stats_month, stats_cell")).not.toMatch(/TEMP B-TREE/);
    db.close();
  });
});
