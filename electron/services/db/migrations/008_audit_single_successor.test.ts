import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { appendAudit, GENESIS_HASH, verifyAuditChain } from '../../audit/audit';
import { tempDir } from '../../testing/fixtures';
import type { WritableDb } from '../open';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m008-');
afterAll(() => tmp.cleanup());

const entry = (i: number) => ({ at: '2026-11-26T02:30:00.000Z', actorId: 1, actor: 'clerk', action: 'case.view', detail: { i }, workstation: 'FS01-W01', ip: null });

describe('migration 008 audit single successor', () => {
  it('finding 9: a database that already holds a fork migrates; the fork stays visible and no new fork can be written', () => {
    const db = new Database(tmp.file('m8.sqlite')) as WritableDb;
    migrate(db, MIGRATIONS, 7);
    for (let i = 0; i < 3; i++) appendAudit(db, entry(i));
    // What two unlocked writers left behind: rows 3 and 4 both follow row 2.
    const head2 = db.prepare('SELECT prev_hash, hash FROM audit WHERE id = 3').get() as { prev_hash: string; hash: string };
    const raw = db.prepare("INSERT INTO audit (at, actor, action, prev_hash, hash) VALUES ('t', 'other', 'case.view', ?, ?)");
    raw.run(head2.prev_hash, 'f'.repeat(64));
    expect(verifyAuditChain(db)).toEqual({ ok: false, brokenAt: 4, rows: 3 });

    migrate(db, MIGRATIONS, 8);
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.prepare('SELECT COUNT(*) FROM audit').pluck().get()).toBe(4); // evidence kept as written
    expect(verifyAuditChain(db)).toEqual({ ok: false, brokenAt: 4, rows: 3 });

    expect(() => raw.run(head2.prev_hash, 'e'.repeat(64))).toThrow(/already has a successor/);
    expect(() => raw.run(GENESIS_HASH, 'd'.repeat(64))).toThrow(/already has a successor/);
    appendAudit(db, entry(9)); // the next append chains after the last row, as before
    expect(db.prepare('SELECT prev_hash FROM audit WHERE id = 5').pluck().get()).toBe('f'.repeat(64));
    db.close();
  });
});
