import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m011-');
afterAll(() => tmp.cleanup());

describe('migration 011 stats life event', () => {
  it('finding 2: copies each case’s life event onto its notifications, fills it for later inserts, and the statistics indexes cover it', () => {
    const db = new Database(tmp.file('m11.sqlite'));
    migrate(db, MIGRATIONS, 10);
    db.prepare("INSERT INTO offices (code, name) VALUES ('FS01', '鳳山')").run();
    db.prepare("INSERT INTO users (username, display_name, role, office_code, password_hash, created_at) VALUES ('clerk', '王怡君', 'counter_clerk', 'FS01', 'x', 't')").run();
    const kase = db.prepare("INSERT INTO cases (case_no, office_code, life_event, status, clerk_id, catalogue_version, form_version, created_at, local_date, documents_spared) VALUES (?, 'FS01', ?, 'submitted', 1, 'v', 'f', '2026-11-26T02:00:00.000Z', '2026-11-26', ?)");
    const note = db.prepare("INSERT INTO notifications (id, case_id, item_code, kind, receiver_agency, payload, status, created_at, updated_at, stats_office, stats_clerk) VALUES (?, ?, ?, 'notification', 'KH-TAX', '{}', 'queued', '2026-11-26T02:00:00.000Z', 't', 'FS01', 1)");
    const death = kase.run('FS01-1151126-0001', 'death', 4).lastInsertRowid;
    const move = kase.run('FS01-1151126-0002', 'move', 0).lastInsertRowid;
    note.run('a', death, 'D01');
    note.run('b', death, 'D02');
    note.run('c', move, 'N01');
    migrate(db, MIGRATIONS, 11);
    expect(db.pragma('user_version', { simple: true })).toBe(11);
    const events = () => Object.fromEntries(db.prepare('SELECT id, stats_life_event FROM notifications ORDER BY id').raw().all() as [string, string][]);
    expect(events()).toEqual({ a: 'death', b: 'death', c: 'move' });
    // A writer that gives office and clerk but not the event: the trigger fills it in.
    const birth = kase.run('FS01-1151126-0003', 'birth', 2).lastInsertRowid;
    note.run('d', birth, 'B01');
    expect(events().d).toBe('birth');
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT stats_life_event, case_id FROM notifications INDEXED BY notifications_stats_month WHERE stats_month = '2026-11' AND stats_life_event = 'death'")).toMatch(/INDEX notifications_stats_month/);
    expect(plan("SELECT life_event, SUM(documents_spared) FROM cases INDEXED BY cases_stats WHERE created_at >= '2026-11' GROUP BY life_event")).toMatch(/COVERING INDEX cases_stats/);
    expect(db.prepare('SELECT SUM(documents_spared) FROM cases').pluck().get()).toBe(6);
    db.close();
  });
});
