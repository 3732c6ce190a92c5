import { appendAudit, verifyAuditChain } from '../electron/services/audit/audit';
import { makeContext, tempDir, TEST_NOW } from '../electron/services/testing/fixtures';
import { entry, timeRuns, type BenchEntry } from './stats';

const ENTRIES = 1_000_000;

/**
 * audit-verify-1m: the chain verifier (what `verify-audit` and the admin screen run) over 1,000,000
 * entries written by the real appendAudit. Baseline: reading every row without hashing, so the
 * ratio is the cost of the SHA-256 chain itself.
 */
export function benchAuditVerify1m(log: (s: string) => void): BenchEntry[] {
  const tmp = tempDir('nin1-bench-audit-');
  try {
    const ctx = makeContext(tmp.file('audit-1m.sqlite'));
    const t0 = Date.now();
    ctx.db.pragma('synchronous = OFF'); // generation only: a throwaway file
    const batch = ctx.db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        appendAudit(ctx.db, {
          at: TEST_NOW, actorId: 1 + (i % 40), actor: `clerk${i % 40}`, action: i % 5 === 0 ? 'case.search' : 'person.view',
          caseNo: `FS01-1151126-${String(i % 10_000).padStart(4, '0')}`, personRef: i, detail: { by: 'caseNo', results: i % 3 },
          workstation: 'FS01-W01', ip: '127.0.0.1',
        });
      }
    });
    for (let from = 0; from < ENTRIES; from += 50_000) batch(from, Math.min(ENTRIES, from + 50_000));
    ctx.db.pragma('synchronous = FULL');
    log(`  wrote ${ENTRIES.toLocaleString()} audit entries in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    let verdict: ReturnType<typeof verifyAuditChain> | undefined;
    const [verifyMs] = timeRuns(1, () => (verdict = verifyAuditChain(ctx.db)), 0);
    if (!verdict?.ok || verdict.rows !== ENTRIES) throw new Error(`audit chain did not verify: ${JSON.stringify(verdict)}`);
    const readAll = ctx.db.prepare('SELECT * FROM audit ORDER BY id');
    const [baseline] = timeRuns(1, () => {
      for (const _ of readAll.iterate()) void _;
    }, 0);
    ctx.db.close();
    return [entry('audit-verify-1m', verifyMs!, 'ms', 60_000, { baseline: baseline!, maxRatio: 5, note: `${ENTRIES} entries; the ratio to a plain read of every row is the figure to watch on a loaded machine` })];
  } finally {
    tmp.cleanup();
  }
}
