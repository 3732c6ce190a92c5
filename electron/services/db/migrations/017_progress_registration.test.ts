import { afterAll, describe, expect, it } from 'vitest';
import { createCase } from '../../cases/createCase';
import { makeContext, moveDraft, seedClerk, tempDir } from '../../testing/fixtures';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const tmp = tempDir('nin1-m017-');
afterAll(() => tmp.cleanup());

describe('migration 017 progress registration', () => {
  it('issue 13: a case with nothing left in the outbox counts as registered; a case still waiting (held for consent) registers at the next sync', () => {
    // Cases saved by today's service, then the column taken off again to stand for a version-16
    // database (writing version-16 rows by hand would test a hand-made shape, not the real one).
    const ctx = makeContext(tmp.file('m17.sqlite'));
    const actor = seedClerk(ctx);
    const sent = createCase(ctx, actor, moveDraft()).caseNo;
    const held = createCase(ctx, actor, moveDraft()).caseNo;
    const { db } = ctx;
    db.prepare("UPDATE outbox SET state = 'done' WHERE notification_id IN (SELECT n.id FROM notifications n JOIN cases c ON c.id = n.case_id WHERE c.case_no = ?)").run(sent);
    db.exec('DROP INDEX case_progress_codes_unregistered; ALTER TABLE case_progress_codes DROP COLUMN registered_issue; PRAGMA user_version = 16');

    migrate(db, MIGRATIONS, 17);
    expect(db.pragma('user_version', { simple: true })).toBe(17);
    const rows = db.prepare('SELECT c.case_no, p.issue, p.registered_issue FROM case_progress_codes p JOIN cases c ON c.id = p.case_id ORDER BY c.id').all();
    expect(rows).toEqual([
      { case_no: sent, issue: 1, registered_issue: 1 },
      { case_no: held, issue: 1, registered_issue: null },
    ]);
    // The loop's "anything to register?" probe uses the partial index.
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT 1 FROM case_progress_codes WHERE registered_issue IS NULL OR registered_issue < issue').all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('case_progress_codes_unregistered');
    db.close();
  });
});
