import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m018-');
afterAll(() => tmp.cleanup());

describe('migration 018 case signatures', () => {
  it('issue 15: cases saved before stay unsigned; a signature row names its case, its clerk and an allowed algorithm', () => {
    const db = new Database(tmp.file('m18.sqlite'));
    migrate(db, MIGRATIONS, 17);
    const cases = db.prepare('SELECT COUNT(*) FROM cases').pluck().get();
    migrate(db, MIGRATIONS, 18);
    expect(db.pragma('user_version', { simple: true })).toBe(18);
    expect(db.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(cases);
    expect(db.prepare('SELECT COUNT(*) FROM case_signatures').pluck().get()).toBe(0);
    const cols = (db.prepare('PRAGMA table_info(case_signatures)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(['case_id', 'signed_at', 'user_id', 'certificate', 'fingerprint', 'alg', 'record', 'signature']);
    expect(() => db.prepare("INSERT INTO case_signatures VALUES (1, 'x', 1, 'c', 'f', 'MD5', 'r', 's')").run()).toThrow(/CHECK/);
    db.close();
  });
});
