import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m021-');
afterAll(() => tmp.cleanup());

describe('migration 021 stats cases by event', () => {
  it('a database at 020 loses nothing; a period of one life event is a range of cases_event_stats, read without the rows', () => {
    const db = new Database(tmp.file('m21.sqlite'));
    migrate(db, MIGRATIONS, 20);
    db.prepare("INSERT INTO offices (code, name) VALUES ('FS01', '鳳山')").run();
    db.prepare("INSERT INTO users (username, display_name, role, office_code, password_hash, created_at) VALUES ('clerk', '王怡君', 'counter_clerk', 'FS01', 'x', 't')").run();
    const kase = db.prepare("INSERT INTO cases (case_no, office_code, life_event, status, clerk_id, catalogue_version, form_version, created_at, local_date, documents_spared) VALUES (?, 'FS01', ?, 'submitted', 1, 'v', 'f', ?, '2026-11-26', ?)");
    kase.run('FS01-1', 'death', '2026-11-26T02:00:00.000Z', 3);
    kase.run('FS01-2', 'move', '2026-11-26T03:00:00.000Z', 0);
    kase.run('FS01-3', 'death', '2026-10-26T03:00:00.000Z', 2);
    const rows = () => db.prepare('SELECT * FROM cases ORDER BY id').all();
    const before = rows();

    migrate(db, MIGRATIONS, 21);
    expect(db.pragma('user_version', { simple: true })).toBe(21);
    expect(rows()).toEqual(before);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('cases_stats', 'cases_event_stats')").pluck().all()).toEqual(['cases_event_stats']);
    const sum = "SELECT SUM(documents_spared) FROM cases INDEXED BY cases_event_stats WHERE life_event = 'death' AND created_at >= '2026-11-01' AND created_at < '2026-12-01' AND office_code = 'FS01'";
    expect(db.prepare(sum).pluck().get()).toBe(3);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sum}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/COVERING INDEX cases_event_stats \(life_event=\? AND created_at>\? AND created_at<\?\)/);
    db.close();
  });
});
