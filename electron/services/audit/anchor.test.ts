import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueEnrolCode } from '../../../platform/auth/enrolment';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import { verifyAuditCommand } from '../../cli/commands/verifyAudit';
import { createPlatformClient } from '../platform-client/client';
import { workstationCredential } from '../sync/credentials';
import { createSyncEngine, type SyncEngine } from '../sync/engine';
import { enroll } from '../sync/enroll';
import { readState } from '../sync/state';
import { makeContext, tempDir } from '../testing/fixtures';
import { queueCases, TEST_SYNC_OPTIONS } from '../testing/syncFixtures';
import { ANCHOR_STATE_KEY, auditHead } from './anchor';
import { appendAudit } from './audit';
import { verifyAgainstPlatform } from './anchorCheck';

/**
 * Issue 15 §2, anchoring the audit chain: a real counter database enrols at the real platform
 * (loopback), each sync sends its audit head, and verify-audit --against-platform tells an intact
 * chain (OK n) from one whose newest entries were cut (TRUNCATED <anchored head>).
 */
const tmp = tempDir('nin1-audit-anchor-');
const root = fileURLToPath(new URL('../../..', import.meta.url));
let p: TestPlatform;
let ctx: ReturnType<typeof makeContext>;
let engine: SyncEngine;
beforeAll(async () => {
  p = await startTestPlatform();
  ctx = makeContext(tmp.file('counter.sqlite'));
  queueCases(ctx, 2);
  const { code } = await issueEnrolCode(p.store, p.clock, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01', senderAgency: 'KH-HR-FS' });
  await enroll(ctx.db, { url: p.url, code, target: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' }, clock: ctx.clock });
  engine = createSyncEngine({
    db: ctx.db,
    client: createPlatformClient({ baseUrl: p.url, token: () => workstationCredential(ctx.db)?.token ?? null }),
    clock: ctx.clock,
    logger: ctx.logger,
    identity: { officeCode: 'FS01', workstationId: 'FS01-W01', agencyCode: 'KH-HR-FS' },
    options: TEST_SYNC_OPTIONS,
  });
});
afterAll(async () => {
  ctx.db.close();
  await p.close();
  tmp.cleanup();
});

const check = () => {
  const c = workstationCredential(ctx.db)!;
  return verifyAgainstPlatform(ctx.db, createPlatformClient({ baseUrl: p.url, token: c.token }), { workstationId: c.clientId, pinnedKey: c.platformKey! });
};
const audit = (action: string) => appendAudit(ctx.db, { at: ctx.clock.now().toISOString(), actorId: null, actor: 'test', action });

describe('audit anchoring (issue 15)', () => {
  it('each sync sends the audit head; the platform logs it and countersigns it with the pinned key', async () => {
    const head = auditHead(ctx.db)!;
    expect(head.count).toBeGreaterThan(0);
    expect((await engine.syncOnce('test', { pull: false })).error).toBeNull();
    const kept = JSON.parse(readState(ctx.db, ANCHOR_STATE_KEY)!) as { count: number; hash: string; receipt: { messageId: string } };
    expect([kept.count, kept.hash]).toEqual([head.count, head.hash]);
    expect(kept.receipt.messageId).toBe(`audit-anchor:workstation:FS01/FS01-W01:${head.count}:${head.hash}`);
    expect(await p.store.evidenceLog.anchorOf('workstation:FS01/FS01-W01')).toMatchObject({ count: head.count, hash: head.hash });
    expect(await p.store.evidenceLog.entryOf(kept.receipt.messageId)).not.toBeNull();
    // The platform's answer, verified: OK with every local entry.
    expect(await check()).toEqual({ kind: 'ok', rows: head.count, anchored: head.count });
  });

  it('entries written after the last sync are not cut entries: OK n; the next sync anchors them', async () => {
    audit('test.after-sync');
    const before = (await p.store.evidenceLog.anchorOf('workstation:FS01/FS01-W01'))!.count;
    expect(await check()).toMatchObject({ kind: 'ok', rows: before + 1, anchored: before });
    await engine.syncOnce('test', { pull: false });
    expect((await p.store.evidenceLog.anchorOf('workstation:FS01/FS01-W01'))!.count).toBe(before + 1);
  });

  it('verify-audit --against-platform prints OK <n> on the untouched database (exit 0)', async () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await verifyAuditCommand.run({ db: ctx.db.name, 'against-platform': p.url })).toBe(0);
      expect(out.mock.calls.map((c) => c[0])).toEqual([`OK ${auditHead(ctx.db)!.count}`]);
    } finally {
      out.mockRestore();
    }
  });

  it('cutting the last entries after a sync is TRUNCATED <anchored head> (exit 1); a shorter head synced again cannot lower the anchor', async () => {
    audit('test.one');
    audit('test.two');
    await engine.syncOnce('test', { pull: false });
    const anchored = auditHead(ctx.db)!;
    // What someone with the database file can do: drop the append-only trigger and cut the tail.
    ctx.db.exec('DROP TRIGGER audit_no_delete');
    ctx.db.prepare('DELETE FROM audit WHERE id > (SELECT MAX(id) - 2 FROM audit)').run();
    expect(await check()).toEqual({ kind: 'truncated', expected: anchored.hash, anchored: anchored.count, rows: anchored.count - 2 });

    // The cut chain syncs again (its shorter head is logged as evidence) and regrows to the same length: still TRUNCATED.
    await engine.syncOnce('test', { pull: false });
    audit('test.regrown-1');
    audit('test.regrown-2');
    await engine.syncOnce('test', { pull: false });
    expect(await p.store.evidenceLog.anchorOf('workstation:FS01/FS01-W01')).toMatchObject({ count: anchored.count, hash: anchored.hash });

    const r = await promisify(execFile)(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'electron/cli/counter.ts'), 'verify-audit', '--db', ctx.db.name, '--against-platform', p.url], { cwd: root, timeout: 60_000 }).then(
      (x) => ({ code: 0, ...x }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(r.code).toBe(1);
    expect(r.stdout.trim()).toBe(`TRUNCATED ${anchored.hash}`);
    expect(r.stderr).toContain('截去');
  });
});
