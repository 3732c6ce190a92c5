import { afterAll, describe, expect, it } from 'vitest';
import { progressCodeOf } from '../../electron/services/progress/store';
import { createCase } from '../../electron/services/cases/createCase';
import { makeContext, moveDraft, seedClerk, tempDir } from '../../electron/services/testing/fixtures';
import { engineFor, queueCases } from '../../electron/services/testing/syncFixtures';
import { startTestPlatform } from '../testing/harness';
import { freshDatabase, pgServer } from '../testing/pg';
import { openStore } from '../store/open';
import type { PlatformStore } from '../store/repository';

/**
 * Counter → platform → citizen, for real: cases saved by the counter service, drained by the sync
 * engine over loopback HTTP into the platform store (SQLite always; PostgreSQL when a server is
 * available, as for the store contract tests), then looked up with the code the counter printed.
 */
const tmp = tempDir('nin1-progress-rt-');
const server = await pgServer();
afterAll(async () => {
  if ('url' in server) await server.stop();
  tmp.cleanup();
});

type Engine = { name: string; open(): Promise<{ store: PlatformStore; dispose(): Promise<void> }> };
const engines: Engine[] = [{ name: 'sqlite', open: async () => ({ store: await openStore({ kind: 'sqlite', file: tmp.file(`p${Date.now()}.sqlite`) }), dispose: async () => undefined }) }];
if ('url' in server) {
  engines.push({
    name: 'postgres',
    async open() {
      const db = await freshDatabase(server.url);
      return { store: await openStore({ kind: 'postgres', url: db.url }), dispose: () => db.drop() };
    },
  });
} else {
  it.skip(`PostgreSQL: ${server.skip}`, () => undefined);
}

describe.each(engines)('progress record from counter to platform ($name)', (engine) => {
  it('the envelope carries the salted hash, the platform keeps it, the printed code finds the case; a case without a code still goes through', async () => {
    const { store, dispose } = await engine.open();
    const platform = await startTestPlatform({ store });
    const ctx = makeContext(tmp.file(`c-${engine.name}.sqlite`));
    try {
      queueCases(ctx, 2, moveDraft());
      const [first, second] = ctx.db.prepare('SELECT id, case_no FROM cases ORDER BY id').all() as { id: number; case_no: string }[];
      const code = progressCodeOf(ctx.db, first!.id)!.code;
      // The second case plays one saved before migration 006 (no code): it must sync and stay unfindable.
      ctx.db.prepare('DELETE FROM case_progress_codes WHERE case_id = ?').run(second!.id);

      const engineRun = engineFor(ctx, platform.url, {}, { token: await platform.workstationToken() });
      const report = await engineRun.syncOnce('test', { force: true, pull: false });
      expect(report.remaining).toBe(0);
      expect(report.delivered).toBe(10);

      const stored = await store.progressRecord(first!.case_no);
      expect(stored).toMatchObject({ alg: 'hmac-sha256-v1', issue: 1 });
      expect(JSON.stringify(stored)).not.toContain(code);
      expect(await store.progressRecord(second!.case_no)).toBeNull();

      const ok = await platform.http.raw('POST', '/v1/progress', { body: JSON.stringify({ caseNo: first!.case_no, code }) });
      expect(ok.status).toBe(200);
      const body = ok.body as { items: { agencyName: string; statusLabel: string }[] };
      expect(body.items).toHaveLength(5);
      expect(body.items.every((i) => i.statusLabel === '已送達')).toBe(true);
      const text = JSON.stringify(ok.body);
      const draft = moveDraft();
      for (const secret of [draft.person.id, draft.person.name, draft.newAddress, draft.oldAddress]) expect(text).not.toContain(secret);

      const none = await platform.http.raw('POST', '/v1/progress', { body: JSON.stringify({ caseNo: second!.case_no, code }) });
      expect(none.status).toBe(404);

      // Issue 13: a case held for its signed consent is registered at sync, and answers 已受理，待送出 per item.
      const held = createCase(ctx, seedClerk(ctx, 'clerk2'), moveDraft());
      const heldCode = progressCodeOf(ctx.db, ctx.db.prepare('SELECT id FROM cases WHERE case_no = ?').pluck().get(held.caseNo) as number)!.code;
      expect((await engineRun.syncOnce('test', { force: true, pull: false })).sent).toBe(0);
      const waiting = await platform.http.raw('POST', '/v1/progress', { body: JSON.stringify({ caseNo: held.caseNo, code: heldCode }) });
      expect((waiting.body as { items: { status: string; statusLabel: string }[] }).items.map((i) => [i.status, i.statusLabel])).toEqual(Array(5).fill(['registered', '已受理，待送出']));
    } finally {
      ctx.db.close();
      await platform.close();
      await dispose();
    }
  }, 60_000);
});
