import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolCode } from '../../../platform/auth/enrolment';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import { createPlatformClient } from '../platform-client/client';
import { workstationCredential } from '../sync/credentials';
import { createSyncEngine } from '../sync/engine';
import { enroll } from '../sync/enroll';
import { makeContext, tempDir } from '../testing/fixtures';
import { outboxStates, queueCases, TEST_SYNC_OPTIONS } from '../testing/syncFixtures';
import { keyFileFor, loadSigner } from './workstationKey';
import { receiptsOfCase, storeReceipts } from './receipts';
import { buildEnvelopes } from '../sync/envelope';
import { headOfQueue } from '../sync/outbox';

/** Issue 15 §1–2 end to end: a real counter database enrols at the real platform (loopback) and drains signed. */
const tmp = tempDir('nin1-signed-sync-');
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => {
  await p.close();
  tmp.cleanup();
});

const enrolFs01 = async (ctx: ReturnType<typeof makeContext>) => {
  const { code } = await issueEnrolCode(p.store, p.clock, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01', senderAgency: 'KH-HR-FS' });
  await enroll(ctx.db, { url: p.url, code, target: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' }, clock: ctx.clock });
};

describe('signed sync (issue 15)', () => {
  it('enrolment makes a key pair: the private key in a 0600 file beside the database, the public key registered with the credential', async () => {
    const ctx = makeContext(tmp.file('keys.sqlite'));
    expect(loadSigner(ctx.db.name)).toBeNull();
    await enrolFs01(ctx);
    const signer = loadSigner(ctx.db.name)!;
    expect(statSync(keyFileFor(ctx.db.name)!).mode & 0o777).toBe(0o600);
    const keys = await p.store.signingKeys.ofSubject('workstation:FS01/FS01-W01');
    expect(keys.filter((k) => !k.revokedAt).map((k) => [k.keyId, k.publicKey])).toEqual([[signer.keyId, signer.publicKey]]);
    ctx.db.close();
  });

  it('a failed enrolment keeps the registered key file', async () => {
    const ctx = makeContext(tmp.file('keys.sqlite'));
    const before = loadSigner(ctx.db.name)!.keyId;
    await expect(enroll(ctx.db, { url: p.url, code: 'AAAA-BBBB-CCCC-DDDD', target: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' }, clock: ctx.clock })).rejects.toThrow();
    expect(loadSigner(ctx.db.name)!.keyId).toBe(before);
    ctx.db.close();
  });

  it('the engine drains signed envelopes the platform verifies and stores (every row done, none failed)', async () => {
    const ctx = makeContext(tmp.file('drain.sqlite'));
    queueCases(ctx, 3);
    await enrolFs01(ctx);
    const engine = createSyncEngine({
      db: ctx.db,
      client: createPlatformClient({ baseUrl: p.url, token: () => workstationCredential(ctx.db)?.token ?? null }),
      clock: ctx.clock,
      logger: ctx.logger,
      identity: { officeCode: 'FS01', workstationId: 'FS01-W01', agencyCode: 'KH-HR-FS' },
      options: TEST_SYNC_OPTIONS,
    });
    const before = (await p.store.counts()).notifications;
    const report = await engine.syncOnce('test', { pull: false });
    expect(report.failed).toBe(0);
    expect(outboxStates(ctx)).toEqual({ done: 15 });
    expect((await p.store.counts()).notifications - before).toBe(15);

    // Issue 15 §2: every delivered notification has the platform's receipt, shown per case.
    expect(ctx.db.prepare('SELECT COUNT(*) FROM platform_receipts').pluck().get()).toBe(15);
    const caseNo = ctx.db.prepare('SELECT case_no FROM cases ORDER BY id LIMIT 1').pluck().get() as string;
    const shown = receiptsOfCase(ctx.db, caseNo);
    expect(shown).toHaveLength(5);
    expect(shown.every((s) => s.receipt.messageId === s.notificationId && s.receipt.signature.alg === 'Ed25519')).toBe(true);

    // A receipt for another message (right signature, wrong message) is refused: nothing stored.
    const other = makeContext(tmp.file('other.sqlite'));
    queueCases(other, 1);
    const mine = buildEnvelopes(headOfQueue(other.db, 5, 0, { due: null, skip: [] }), { officeCode: 'FS01', workstationId: 'FS01-W01', agencyCode: 'KH-HR-FS' }).ready.map((r) => r.envelope);
    const swapped = mine.map((e, i) => ({ id: e.id, outcome: 'accepted' as const, deliveredAt: shown[i]!.receipt.at, receipt: shown[i]!.receipt }));
    expect(storeReceipts(other.db, mine, swapped).refused.map((r) => r.error.code)).toEqual(mine.map(() => 'RECEIPT_FOR_OTHER_MESSAGE'));
    expect(other.db.prepare('SELECT COUNT(*) FROM platform_receipts').pluck().get()).toBe(0);
    other.db.close();
    ctx.db.close();
  });
});
