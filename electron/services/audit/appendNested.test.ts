import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type WritableDb } from '../db/open';
import { tempDir } from '../testing/fixtures';
import { appendAudit, verifyAuditChain } from './audit';

const tmp = tempDir('nin1-audit-nested-');
afterAll(() => tmp.cleanup());

const entry = (actor: string) => ({ at: '2026-11-26T02:30:00.000Z', actorId: null, actor, action: 'case.view', workstation: actor, ip: null });

describe('appendAudit inside a caller transaction', () => {
  it('finding 9: commits or vanishes with the caller work, and a stale caller transaction is refused instead of forking', () => {
    const file = tmp.file('nested.sqlite');
    const a = openDatabase(file, { create: true });
    const b = new Database(file, { timeout: 5000 }) as WritableDb; // a second writer on the same file
    appendAudit(a, entry('first'));

    // Nested append rolled back with its caller: no row, chain intact.
    expect(() => a.transaction(() => {
      appendAudit(a, entry('rolled-back'));
      throw new Error('caller fails after auditing');
    }).immediate()).toThrow('caller fails');
    expect(a.prepare('SELECT COUNT(*) FROM audit').pluck().get()).toBe(1);

    // A deferred caller that read before another process appended: its append must not chain after a stale head.
    let code: string | undefined;
    try {
      a.transaction(() => {
        a.prepare('SELECT COUNT(*) FROM audit').get();
        appendAudit(b, entry('other-process'));
        appendAudit(a, entry('stale'));
      })();
    } catch (e) {
      code = (e as { code?: string }).code;
    }
    expect(code).toBe('SQLITE_BUSY_SNAPSHOT');
    expect(a.prepare('SELECT actor FROM audit ORDER BY id').pluck().all()).toEqual(['first', 'other-process']);
    appendAudit(a, entry('after'));
    expect(verifyAuditChain(a)).toEqual({ ok: true, rows: 3 });
    b.close();
    a.close();
  });
});
