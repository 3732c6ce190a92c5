import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit';
import { makeContext, tempDir } from '../testing/fixtures';

const tmp = tempDir('nin1-crash-');
afterAll(() => tmp.cleanup());
const CHILD = fileURLToPath(new URL('../testing/saveLoop.child.ts', import.meta.url));

/** Runs the save loop in a child process; resolves with the case numbers it reported committed. */
function runChild(file: string, opts: { killAfter?: number; count?: number; user?: string }): Promise<{ reported: string[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', CHILD, file, String(opts.count ?? ''), opts.user ?? 'clerk'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const reported: string[] = [];
    let buf = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) if (l.startsWith('saved ')) reported.push(l.slice(6));
      // Kill at an arbitrary point inside the loop, most likely mid-transaction.
      if (opts.killAfter !== undefined && reported.length >= opts.killAfter && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ reported, signal });
    });
  });
}

describe('crash mid-transaction (child killed with SIGKILL during a loop of saves)', () => {
  it('every case is either fully present or absent, and every reported save survived', async () => {
    const file = tmp.file('crash.sqlite');
    const reported: string[] = [];
    for (const killAfter of [15, 40, 7]) {
      const run = await runChild(file, { killAfter });
      expect(run.signal).toBe('SIGKILL');
      reported.push(...run.reported);
    }
    const ctx = makeContext(file);
    const cases = ctx.db.prepare('SELECT id, case_no FROM cases').all() as { id: number; case_no: string }[];
    const stored = new Set(cases.map((c) => c.case_no));
    for (const caseNo of reported) expect(stored.has(caseNo)).toBe(true);
    for (const c of cases) {
      const counts = ctx.db
        .prepare(
          `SELECT (SELECT COUNT(*) FROM notifications WHERE case_id = @id) AS n,
                  (SELECT COUNT(*) FROM outbox o JOIN notifications x ON x.id = o.notification_id WHERE x.case_id = @id) AS o,
                  (SELECT COUNT(*) FROM notification_events e JOIN notifications x ON x.id = e.notification_id WHERE x.case_id = @id) AS e,
                  (SELECT COUNT(*) FROM audit WHERE case_no = @no AND action = 'case.create') AS a`,
        )
        .get({ id: c.id, no: c.case_no });
      expect(counts).toEqual({ n: 5, o: 5, e: 5, a: 1 });
    }
    expect(ctx.db.prepare('SELECT COUNT(*) FROM notifications WHERE case_id NOT IN (SELECT id FROM cases)').pluck().get()).toBe(0);
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(ctx.db).ok).toBe(true);
    ctx.db.close();
  });
});

describe('two processes saving on one file', () => {
  it('never hand out the same case number', async () => {
    const file = tmp.file('concurrent.sqlite');
    // Create the schema and the clerks first so both children start saving at once.
    await runChild(file, { count: 1, user: 'clerk' });
    await runChild(file, { count: 1, user: 'clerk2' });
    const [a, b] = await Promise.all([runChild(file, { count: 40, user: 'clerk' }), runChild(file, { count: 40, user: 'clerk2' })]);
    const all = [...a.reported, ...b.reported];
    expect(new Set(all).size).toBe(80);
    const ctx = makeContext(file);
    const seqs = (ctx.db.prepare('SELECT case_no FROM cases').pluck().all() as string[]).map((n) => Number(n.split('-')[2]));
    expect(seqs.length).toBe(82);
    expect(new Set(seqs).size).toBe(82);
    ctx.db.close();
  });
});
