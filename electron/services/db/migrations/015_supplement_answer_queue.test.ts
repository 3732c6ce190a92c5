import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m015-');
afterAll(() => tmp.cleanup());

describe('migration 015 supplement answer queue', () => {
  it('issue 14 §3: an open round of version 14 gains the queue columns, stays open, and only known states are stored', () => {
    const db = new Database(tmp.file('m15.sqlite'));
    migrate(db, MIGRATIONS, 14);
    db.pragma('foreign_keys = OFF'); // no notification row needed to check the table's own shape
    db.prepare("INSERT INTO supplement_requests (notification_id, round, agency, missing, due_date, requested_at, change_cursor) VALUES ('a', 1, 'KH-LAND-FS', '[\"地號\"]', '2026-12-01', 't', 10)").run();
    migrate(db, MIGRATIONS, 15);
    expect(db.pragma('user_version', { simple: true })).toBe(15);
    expect(db.prepare('SELECT answer_state, queued_body, answered_at FROM supplement_requests').get()).toEqual({ answer_state: null, queued_body: null, answered_at: null });
    db.prepare("UPDATE supplement_requests SET answer_state = 'queued', queued_body = '{}', queued_at = 't'").run();
    expect(() => db.prepare("UPDATE supplement_requests SET answer_state = 'lost'").run()).toThrow(/CHECK/);
    db.close();
  });
});
