import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPart } from '../../shared/signing/canonical';
import { GENESIS_HASH, type LogHead, type Receipt } from '../../shared/signing/schema';
import type { SubmitResult } from '../../shared/platform/wire';
import { verifyCanonical } from '../../electron/services/signing/ed25519';
import { signMany, verifySignature } from '../../electron/services/signing/batchSignature';
import { canonicalSha256, entryHashOf } from '../../electron/services/signing/hashes';
import { newKeyPair } from '../../electron/services/signing/workstationKey';
import { issueEnrolCode } from '../auth/enrolment';
import { startTestPlatform, type TestPlatform } from '../testing/harness';
import { notificationEnvelope } from '../testing/envelopes';

/** Issue 15 §2: signed receipts and the hash-chained message log with its signed head, on the real platform. */
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => p.close());

describe('receipts and the message log (issue 15)', () => {
  it('each accepted message gets a receipt signed by the key of /v1/log/head; a replay gets the same receipt; the head is the chain of all entries', async () => {
    const { signer } = newKeyPair();
    const { code } = await issueEnrolCode(p.store, p.clock, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01', senderAgency: 'KH-HR-FS' });
    const enrolled = await p.http.call('enroll', { body: { code, client: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' }, publicKey: signer.publicKey } as never });
    const token = (enrolled.body as { token: string }).token;
    const plain = [notificationEnvelope(), notificationEnvelope()];
    const signatures = signMany(signer, plain.map((e) => signedPart(e)));
    const envelopes = plain.map((e, i) => ({ ...e, signature: signatures[i]! }));
    const submit = async () => {
      const r = await p.http.raw('POST', '/v1/notifications:batch', { token, body: JSON.stringify({ notifications: envelopes }) });
      return (r.body as { results: (SubmitResult & { receipt: Receipt })[] }).results;
    };
    const first = await submit();
    const head = (await p.http.call('logHead', {})).body as LogHead;
    expect(verifyCanonical(signedPart(head), head.signature.value, head.publicKey)).toBe(true);

    let prev = GENESIS_HASH;
    first.forEach((r, i) => {
      expect(r.outcome).toBe('accepted');
      const rc = r.receipt;
      expect(rc.messageId).toBe(envelopes[i]!.id);
      expect(rc.messageHash).toBe(canonicalSha256(envelopes[i]));
      expect(rc.seq).toBe(i + 1);
      // The two receipts of one submit share one batch signature, each checkable alone.
      expect(rc.signature.batch).toMatchObject({ index: i, size: 2 });
      expect(verifySignature(signedPart(rc), rc.signature, head.publicKey)).toBe(true);
      expect(rc.entryHash).toBe(entryHashOf({ seq: rc.seq, at: rc.at, messageId: rc.messageId, messageHash: rc.messageHash, prevHash: prev }));
      prev = rc.entryHash;
    });
    expect([head.seq, head.hash]).toEqual([2, prev]);

    const replay = await submit();
    expect(replay.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate']);
    expect(replay.map((r) => r.receipt)).toEqual(first.map((r) => r.receipt));
    expect(((await p.http.call('logHead', {})).body as LogHead).seq).toBe(2);
  });

  it('a receipt altered after signing no longer verifies against the head key', async () => {
    const head = (await p.http.call('logHead', {})).body as LogHead;
    const entry = (await p.store.evidenceLog.entryOf((await p.store.evidenceLog.range(0, 1))[0]!.messageId))!;
    expect(entry.hash).not.toBe(GENESIS_HASH);
    const changed = { ...signedPart({ ...head }), seq: head.seq + 1 };
    expect(verifyCanonical(changed, head.signature.value, head.publicKey)).toBe(false);
  });
});
