import { afterAll, describe, expect, it } from 'vitest';
import { isProgressCode } from '../../../shared/progress/code';
import { createCase } from '../cases/createCase';
import { makeContext, moveDraft, seedClerk, tempDir } from '../testing/fixtures';
import { verifyProgressCode } from './hash';
import { issueProgressCode, progressCodeOf } from './store';

const tmp = tempDir('nin1-progress-store-');
afterAll(() => tmp.cleanup());

describe('progress code at case creation', () => {
  it('every saved case gets a code in the same transaction; a reissue replaces it and bumps issue', () => {
    const ctx = makeContext(tmp.file('c.sqlite'));
    const actor = seedClerk(ctx);
    const { caseNo } = createCase(ctx, actor, moveDraft());
    const caseId = ctx.db.prepare('SELECT id FROM cases WHERE case_no = ?').pluck().get(caseNo) as number;
    const first = progressCodeOf(ctx.db, caseId)!;
    expect(isProgressCode(first.code)).toBe(true);
    expect(first.record.issue).toBe(1);
    expect(verifyProgressCode(first.record, caseNo, first.code)).toBe(true);

    const second = ctx.db.transaction(() => issueProgressCode(ctx.db, caseId, caseNo, 't2', 'supervisor'))();
    expect(second.record.issue).toBe(2);
    expect(progressCodeOf(ctx.db, caseId)!.code).toBe(second.code);
    expect(verifyProgressCode(second.record, caseNo, first.code)).toBe(second.code === first.code);
    ctx.db.close();
  });
});
