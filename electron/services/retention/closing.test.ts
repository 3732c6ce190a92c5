import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit';
import { createCase } from '../cases/createCase';
import type { Actor, ServiceContext } from '../context';
import { storeRootFor } from '../scanning/store';
import { markFailed } from '../sync/outbox';
import { markSentOnPaper } from '../sync/paper';
import { makeContext, moveDraft, seedClerk, tempDir, TEST_NOW } from '../testing/fixtures';
import { caseVerdicts, FAILED_ITEM_CLOSES_AFTER_DAYS } from './eligibility';
import { purgeCase } from './purge';
import { runRetention } from './run';

/** Issue 17 finding 10 on a real SQLite file: cases that never "close" by an agency's answer, and a purge cut short. */
const tmp = tempDir('nin1-retention-closing-');
let ctx: ServiceContext;
let clerk: Actor;
const LATER = new Date('2032-06-01T00:00:00.000Z'); // > 5 years after TEST_NOW

const caseId = (caseNo: string) => ctx.db.prepare('SELECT id FROM cases WHERE case_no = ?').pluck().get(caseNo) as number;
const rowsOf = (caseNo: string) => ctx.db.prepare('SELECT n.id, o.seq FROM notifications n JOIN outbox o ON o.notification_id = n.id WHERE n.case_id = ? ORDER BY n.rowid').all(caseId(caseNo)) as { id: string; seq: number }[];
function completeAllBut(caseNo: string, keep: number): void {
  const ev = ctx.db.prepare("INSERT INTO notification_events (notification_id, status, reason, actor, at) VALUES (?, 'completed', NULL, 'agency:test', ?)");
  for (const r of rowsOf(caseNo).slice(keep)) {
    ev.run(r.id, '2026-12-01T00:00:00.000Z');
    ctx.db.prepare("UPDATE notifications SET status = 'completed' WHERE id = ?").run(r.id);
    ctx.db.prepare("UPDATE outbox SET state = 'done' WHERE seq = ?").run(r.seq);
  }
}
function attachFile(caseNo: string, key: string): string {
  const file = join(storeRootFor(ctx.db), key);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '%PDF-1.4 signed consent');
  ctx.db
    .prepare("INSERT INTO attachments (case_id, kind, file_name, mime, byte_size, sha256, created_at, storage_key) VALUES (?, 'consent', 'c.pdf', 'application/pdf', 24, ?, ?, ?)")
    .run(caseId(caseNo), key, TEST_NOW, key);
  return file;
}

beforeAll(() => {
  ctx = makeContext(tmp.file('closing.sqlite'));
  clerk = seedClerk(ctx);
});
afterAll(() => {
  ctx.db.close();
  tmp.cleanup();
});

describe('retention: when a case closes, and a purge cut short', () => {
  it('finding 17-10: a case with an item sent on paper, or failed for good, closes and is purged; a failed item put back in the queue keeps its case', async () => {
    const paper = createCase(ctx, clerk, moveDraft()).caseNo;
    const failed = createCase(ctx, clerk, moveDraft()).caseNo;
    const requeued = createCase(ctx, clerk, moveDraft()).caseNo;
    completeAllBut(paper, 1);
    markSentOnPaper(ctx, clerk, rowsOf(paper)[0]!.id, '郵寄');
    completeAllBut(failed, 1);
    markFailed(ctx.db, rowsOf(failed)[0]!, '平台拒收：欄位格式錯誤', TEST_NOW);
    completeAllBut(requeued, 1);
    markFailed(ctx.db, rowsOf(requeued)[0]!, '平台拒收', TEST_NOW);
    ctx.db.prepare("UPDATE outbox SET state = 'pending' WHERE seq = ?").run(rowsOf(requeued)[0]!.seq);

    const verdicts = new Map(caseVerdicts(ctx.db, ctx.catalogue, LATER).map((v) => [v.caseNo, v]));
    expect(verdicts.get(paper)).toMatchObject({ closedAt: '2026-12-01T00:00:00.000Z', eligible: true }); // the paper marking is older than the last answer
    const failedClosed = new Date(Date.parse(TEST_NOW) + FAILED_ITEM_CLOSES_AFTER_DAYS * 86_400_000).toISOString();
    expect(verdicts.get(failed)).toMatchObject({ closedAt: failedClosed, eligible: true });
    expect(verdicts.get(requeued)).toMatchObject({ closedAt: null, eligible: false });

    const r = await runRetention(ctx, { now: LATER });
    expect(r.caseNos.sort()).toEqual([paper, failed].sort());
    const reasons = ctx.db
      .prepare('SELECT COUNT(*) FROM notification_events e JOIN notifications n ON n.id = e.notification_id WHERE n.case_id IN (?, ?) AND e.reason IS NOT NULL')
      .pluck()
      .get(caseId(paper), caseId(failed));
    expect(reasons).toBe(0);
    expect(verifyAuditChain(ctx.db).ok).toBe(true);
  });

  it('finding 17-10: files left on disk by a crash between the purge commit and their deletion are deleted by the next run', async () => {
    const caseNo = createCase(ctx, clerk, moveDraft()).caseNo;
    completeAllBut(caseNo, 0);
    const file = attachFile(caseNo, 'attachments/cd/crash-left.pdf');
    const verdict = caseVerdicts(ctx.db, ctx.catalogue, LATER).find((v) => v.caseNo === caseNo)!;
    // The purge commits, and the process dies before it deletes anything.
    purgeCase({ db: ctx.db, at: TEST_NOW, runId: 'crashed-run', actor: 'system:retention' }, verdict);
    expect(existsSync(file)).toBe(true);

    const r = await runRetention(ctx, { now: LATER });
    expect(r.caseNos).not.toContain(caseNo); // the case itself is done; only its files were owed
    expect(existsSync(file)).toBe(false);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM retention_pending_files').pluck().get()).toBe(0);
  });
});
