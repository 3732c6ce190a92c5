import { afterAll, describe, expect, it } from 'vitest';
import { createCase } from '../cases/createCase';
import { progressCodeOf } from '../progress/store';
import { reissueProgressCode } from '../progress/reissue';
import { makeContext, moveDraft, seedClerk, tempDir } from '../testing/fixtures';
import { backupDatabase } from './backup';
import { restoreDatabase } from './restore';

const tmp = tempDir('nin1-highwater-');
afterAll(() => tmp.cleanup());

const caseId = (ctx: ReturnType<typeof makeContext>, caseNo: string): number => ctx.db.prepare('SELECT id FROM cases WHERE case_no = ?').pluck().get(caseNo) as number;

describe('restore and what the platform has already seen', () => {
  it('finding 17-2: after a restore, new case numbers and receipt-code issues continue past the kept-aside file', async () => {
    const dbFile = tmp.file('counter.sqlite');
    let ctx = makeContext(dbFile);
    const clerk = seedClerk(ctx);
    const first = createCase(ctx, clerk, moveDraft());
    const b = await backupDatabase(ctx.db, { dir: tmp.file('b'), keep: 2, now: new Date('2026-11-26T01:00:00Z'), appVersion: '0.1.0' });
    const second = createCase(ctx, clerk, moveDraft()); // synced to the platform after the backup
    const third = createCase(ctx, clerk, moveDraft());
    const reissued = reissueProgressCode(ctx, clerk, first.caseNo); // the citizen's newest receipt
    const newestCode = progressCodeOf(ctx.db, caseId(ctx, first.caseNo))!;
    expect(reissued.issue).toBe(2);
    ctx.db.close();

    const r = restoreDatabase({ from: b.path, dbFile, now: new Date('2026-11-26T05:00:00Z') });
    expect(r.highWater).toMatchObject({ carried: true });

    ctx = makeContext(dbFile);
    const next = createCase(ctx, clerk, moveDraft());
    const seq = (caseNo: string): number => Number(caseNo.split('-').pop());
    expect(seq(next.caseNo)).toBe(seq(third.caseNo) + 1); // never second's or third's number again
    expect([second.caseNo, third.caseNo]).not.toContain(next.caseNo);
    const kept = progressCodeOf(ctx.db, caseId(ctx, first.caseNo))!;
    expect(kept.code).toBe(newestCode.code); // the reprinted receipt shows the code the platform holds
    expect(kept.record.issue).toBe(2);
    expect(reissueProgressCode(ctx, clerk, first.caseNo).issue).toBe(3); // and a reissue is above it
    ctx.db.close();

    // A new PC: nothing there yet, so nothing to carry; the folder is made (0700) and the backup goes in.
    const fresh = restoreDatabase({ from: b.path, dbFile: tmp.file('new-pc/profile/counter.sqlite'), now: new Date('2026-11-26T06:00:00Z') });
    expect(fresh).toMatchObject({ keptAs: null, highWater: null });
  });
});
