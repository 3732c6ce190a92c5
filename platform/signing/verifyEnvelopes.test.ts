import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPart } from '../../shared/signing/canonical';
import type { NotificationEnvelope, SubmitResult } from '../../shared/platform/wire';
import { newKeyPair } from '../../electron/services/signing/workstationKey';
import { issueEnrolCode } from '../auth/enrolment';
import { startTestPlatform, type TestPlatform } from '../testing/harness';
import { notificationEnvelope } from '../testing/envelopes';
import { verifyEnvelopeSignatures } from './verifyEnvelopes';
import { signMany } from '../../electron/services/signing/batchSignature';
import { canonicalSha256 } from '../../electron/services/signing/hashes';

/** Issue 15 bench platform-verify-10k: a batch's signatures verified up front across worker threads, each verdict in its place. */
const { signer } = newKeyPair();
const other = newKeyPair().signer;
const sign = (e: NotificationEnvelope, s = signer) => JSON.parse(JSON.stringify({ ...e, signature: s.sign(signedPart(e)) })) as NotificationEnvelope;
const KEY = { keyId: signer.keyId, subject: 'workstation:FS01/FS01-W01', publicKey: signer.publicKey, registeredAt: '2026-01-01T00:00:00.000Z', revokedAt: null };

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => p.close());

describe('batch signature verification (issue 15)', () => {
  it('a batch of 100 (worker threads) gives each envelope its own verdict: altered false, unsigned or foreign-keyed undefined', async () => {
    const batch: unknown[] = Array.from({ length: 100 }, () => sign(notificationEnvelope()));
    (batch[37] as { payload: Record<string, string> }).payload.mailingAddress += '之1';
    batch[50] = notificationEnvelope();
    batch[61] = sign(notificationEnvelope(), other);
    batch[70] = 'not an envelope';
    const { verdicts: v, messageHashes } = await verifyEnvelopeSignatures(batch, [KEY]);
    expect(v).toHaveLength(100);
    expect(v.map((x, i) => [i, x]).filter(([, x]) => x !== true)).toEqual([[37, false], [50, undefined], [61, undefined], [70, undefined]]);
    // A revoked key is not verified at all (checkSignature names it SIGNING_KEY_REVOKED).
    expect(new Set((await verifyEnvelopeSignatures(batch, [{ ...KEY, revokedAt: '2026-02-01T00:00:00.000Z' }])).verdicts)).toEqual(new Set([undefined]));
    // The message hash of each body, signature included, from the same canonical form.
    expect(messageHashes[0]).toBe(canonicalSha256(batch[0]));
    expect(messageHashes[70]).toBeNull();
  });

  it('a batch under one signature (as counters send): each envelope checks alone; an altered one, a swapped path and a forged index are false', async () => {
    const plain = Array.from({ length: 100 }, () => notificationEnvelope());
    const sigs = signMany(signer, plain.map((e) => signedPart(e)));
    const batch = JSON.parse(JSON.stringify(plain.map((e, i) => ({ ...e, signature: sigs[i] })))) as (NotificationEnvelope & { signature: { batch: { index: number; path: string } } })[];
    (batch[5]!.payload as Record<string, string>).mailingAddress += '之1';
    batch[6]!.signature.batch.path = batch[7]!.signature.batch.path;
    const { verdicts } = await verifyEnvelopeSignatures(batch, [KEY]);
    expect(verdicts.map((x, i) => [i, x]).filter(([, x]) => x !== true)).toEqual([[5, false], [6, false]]);
    // A member claiming another index: the batch is no longer complete, every path is walked alone.
    batch[9]!.signature.batch.index = 10;
    const walked = (await verifyEnvelopeSignatures(batch, [KEY])).verdicts;
    expect(walked.map((x, i) => [i, x]).filter(([, x]) => x !== true)).toEqual([[5, false], [6, false], [9, false]]);
  });

  it('refusal on ingest: in a signed batch of 40, the one changed payload byte is SIGNATURE_INVALID and only it is not stored', async () => {
    const { code } = await issueEnrolCode(p.store, p.clock, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01', senderAgency: 'KH-HR-FS' });
    const token = ((await p.http.call('enroll', { body: { code, client: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' }, publicKey: signer.publicKey } as never })).body as { token: string }).token;
    const batch = Array.from({ length: 40 }, () => sign(notificationEnvelope()));
    (batch[13] as unknown as { payload: Record<string, string> }).payload.mailingAddress += '之1';
    const before = (await p.store.counts()).notifications;
    const r = await p.http.raw('POST', '/v1/notifications:batch', { token, body: JSON.stringify({ notifications: batch }) });
    const results = (r.body as { results: SubmitResult[] }).results;
    expect(results.map((x, i) => [i, x.outcome === 'rejected' ? x.error.code : x.outcome]).filter(([, o]) => o !== 'accepted')).toEqual([[13, 'SIGNATURE_INVALID']]);
    expect((await p.store.counts()).notifications - before).toBe(39);
  });
});
