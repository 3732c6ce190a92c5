import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPart } from '../../../shared/signing/canonical';
import type { AnchoredHead } from '../../../shared/signing/anchor';
import type { LogHead, Receipt } from '../../../shared/signing/schema';
import { issueEnrolCode } from '../../../platform/auth/enrolment';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import { createPlatformClient } from '../platform-client/client';
import { pinnedPlatformKey, workstationCredential } from '../sync/credentials';
import { createSyncEngine } from '../sync/engine';
import { buildEnvelopes } from '../sync/envelope';
import { enroll } from '../sync/enroll';
import { headOfQueue } from '../sync/outbox';
import { makeContext, tempDir } from '../testing/fixtures';
import { queueCases, TEST_SYNC_OPTIONS } from '../testing/syncFixtures';
import { canonicalSha256 } from './hashes';
import { anchoredHeadProblem, logHeadProblem, receiptProblem } from './platformAnswers';
import { storeReceipts } from './receipts';
import { newKeyPair } from './workstationKey';

/**
 * Issue 15 §2: the counter pins the platform's key at enrolment and checks every receipt, the log
 * head and the anchored audit head against it. Real platform on loopback, real counter database.
 */
const tmp = tempDir('nin1-pinned-key-');
const IDENTITY = { officeCode: 'FS01', workstationId: 'FS01-W01', agencyCode: 'KH-HR-FS' };
const TARGET = { kind: 'workstation' as const, officeCode: 'FS01', workstationId: 'FS01-W01' };
let p: TestPlatform;
let ctx: ReturnType<typeof makeContext>;
let pinned: string;
let receipts: Receipt[];
beforeAll(async () => {
  p = await startTestPlatform();
  ctx = makeContext(tmp.file('counter.sqlite'));
  queueCases(ctx, 1);
  const { code } = await issueEnrolCode(p.store, p.clock, { ...TARGET, senderAgency: 'KH-HR-FS' });
  await enroll(ctx.db, { url: p.url, code, target: TARGET, clock: ctx.clock });
  pinned = pinnedPlatformKey(ctx.db)!;
  const client = createPlatformClient({ baseUrl: p.url, token: () => workstationCredential(ctx.db)?.token ?? null });
  await createSyncEngine({ db: ctx.db, client, clock: ctx.clock, logger: ctx.logger, identity: IDENTITY, options: TEST_SYNC_OPTIONS }).syncOnce('test', { pull: false });
  receipts = (ctx.db.prepare('SELECT receipt FROM platform_receipts ORDER BY seq').pluck().all() as string[]).map((r) => JSON.parse(r) as Receipt);
});
afterAll(async () => {
  ctx.db.close();
  await p.close();
  tmp.cleanup();
});

const head = async (): Promise<LogHead> => (await p.http.call('logHead', {})).body as LogHead;
const codeOf = (e: { code: string } | null) => e?.code ?? null;
/** Someone else's key signing a platform-shaped answer (a fake platform, or a man in the middle). */
const forger = newKeyPair().signer;
const reSigned = <T extends { signature: unknown }>(v: T): T => ({ ...v, signature: forger.sign(signedPart(v)) });

describe('the pinned platform key (issue 15)', () => {
  it('enrolment pins the key of the platform’s self-signed /v1/log/head, and every receipt of a drain verifies with it', async () => {
    expect(pinned).toBe((await head()).publicKey);
    expect(receipts).toHaveLength(5);
    for (const r of receipts) {
      const asReceived = JSON.parse((await p.store.evidenceLog.entryOf(r.messageId))!.body) as unknown;
      expect(receiptProblem(r, { id: r.messageId, body: asReceived }, pinned)).toBeNull();
    }
  });

  it('refusal: a receipt for another message is RECEIPT_FOR_OTHER_MESSAGE and is not kept', () => {
    const other = makeContext(tmp.file('other.sqlite'));
    queueCases(other, 1);
    const mine = buildEnvelopes(headOfQueue(other.db, 5, 0, { due: null, skip: [] }), IDENTITY).ready.map((r) => r.envelope);
    const results = mine.map((e, i) => ({ id: e.id, outcome: 'accepted' as const, deliveredAt: receipts[i]!.at, receipt: receipts[i]! }));
    const out = storeReceipts(other.db, mine, results, undefined, pinned);
    expect(out.kept).toBe(0);
    expect(out.refused.map((r) => r.error.code)).toEqual(mine.map(() => 'RECEIPT_FOR_OTHER_MESSAGE'));
    expect(other.db.prepare('SELECT COUNT(*) FROM platform_receipts').pluck().get()).toBe(0);
    other.db.close();
  });

  it('refusal: a receipt signed by another key than the pinned one is RECEIPT_SIGNATURE_INVALID and is not kept', () => {
    const other = makeContext(tmp.file('forged.sqlite'));
    queueCases(other, 1);
    const mine = buildEnvelopes(headOfQueue(other.db, 5, 0, { due: null, skip: [] }), IDENTITY).ready.map((r) => r.envelope);
    // Right message, right hash, but signed by a key that is not the platform's pinned one.
    const forged = mine.map((e, i) => {
      const { signature: _s, ...rest } = receipts[i]!;
      return reSigned({ ...rest, messageId: e.id, messageHash: canonicalSha256(e), signature: receipts[i]!.signature });
    });
    const out = storeReceipts(other.db, mine, mine.map((e, i) => ({ id: e.id, outcome: 'accepted' as const, deliveredAt: forged[i]!.at, receipt: forged[i]! })), undefined, pinned);
    expect(out.refused.map((r) => r.error.code)).toEqual(mine.map(() => 'RECEIPT_SIGNATURE_INVALID'));
    expect(other.db.prepare('SELECT COUNT(*) FROM platform_receipts').pluck().get()).toBe(0);
    other.db.close();
  });

  it('refusal: a log head that does not match: another key LOG_HEAD_KEY_MISMATCH, altered LOG_HEAD_SIGNATURE_INVALID, behind a held receipt LOG_HEAD_BEHIND', async () => {
    const h = await head();
    const held = Math.max(...receipts.map((r) => r.seq));
    expect(logHeadProblem(h, pinned, held)).toBeNull();
    expect(codeOf(logHeadProblem(reSigned({ ...h, publicKey: forger.publicKey }), pinned))).toBe('LOG_HEAD_KEY_MISMATCH');
    expect(codeOf(logHeadProblem({ ...h, seq: h.seq + 1 }, pinned))).toBe('LOG_HEAD_SIGNATURE_INVALID');
    expect(codeOf(logHeadProblem(reSigned(h), pinned))).toBe('LOG_HEAD_SIGNATURE_INVALID');
    expect(codeOf(logHeadProblem(h, pinned, h.seq + 1))).toBe('LOG_HEAD_BEHIND');
  });

  it('refusal: an anchored audit head signed by another key, for another question or another workstation is ANCHOR_*', async () => {
    const nonce = randomBytes(18).toString('base64url');
    const token = workstationCredential(ctx.db)!.token;
    const r = await p.http.raw('GET', `/v1/audit/anchor?nonce=${nonce}`, { token });
    expect(r.status).toBe(200);
    const a = r.body as AnchoredHead;
    expect(anchoredHeadProblem(a, pinned, { workstationId: 'FS01-W01', nonce })).toBeNull();
    expect(codeOf(anchoredHeadProblem(reSigned(a), pinned, { workstationId: 'FS01-W01', nonce }))).toBe('ANCHOR_SIGNATURE_INVALID');
    expect(codeOf(anchoredHeadProblem(a, pinned, { workstationId: 'FS01-W01', nonce: randomBytes(18).toString('base64url') }))).toBe('ANCHOR_NONCE_MISMATCH');
    expect(codeOf(anchoredHeadProblem(a, pinned, { workstationId: 'FS01-W02', nonce }))).toBe('ANCHOR_SUBJECT_MISMATCH');
    // Without the workstation's token the platform answers nothing.
    expect((await p.http.raw('GET', `/v1/audit/anchor?nonce=${nonce}`, {})).status).toBe(401);
  });

  it('refusal: a platform whose published key did not sign its head is PLATFORM_KEY_INVALID at enrolment, and the code is not spent', async () => {
    const fresh = makeContext(tmp.file('mitm.sqlite'));
    const { code } = await issueEnrolCode(p.store, p.clock, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W09', senderAgency: 'KH-HR-FS' });
    const target = { kind: 'workstation' as const, officeCode: 'FS01', workstationId: 'FS01-W09' };
    // A man in the middle swaps the key the head is published with.
    const swapping: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input instanceof Request ? input.url : input).endsWith('/v1/log/head')) return res;
      const body = { ...((await res.json()) as LogHead), publicKey: forger.publicKey };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    await expect(enroll(fresh.db, { url: p.url, code, target, clock: fresh.clock, fetch: swapping })).rejects.toMatchObject({ error: { code: 'PLATFORM_KEY_INVALID' } });
    expect(workstationCredential(fresh.db)).toBeNull();
    await enroll(fresh.db, { url: p.url, code, target, clock: fresh.clock });
    expect(pinnedPlatformKey(fresh.db)).toBe(pinned);
    fresh.db.close();
  });
});
