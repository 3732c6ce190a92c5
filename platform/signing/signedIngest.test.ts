import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPart } from '../../shared/signing/canonical';
import type { NotificationEnvelope, SubmitResult } from '../../shared/platform/wire';
import { newKeyPair, type Signer } from '../../electron/services/signing/workstationKey';
import { issueEnrolCode } from '../auth/enrolment';
import { startTestPlatform, type TestPlatform } from '../testing/harness';
import { notificationEnvelope } from '../testing/envelopes';

/**
 * Issue 15 §2 on the real platform (SQLite file, loopback HTTP): a workstation enrols with its
 * public key, its signed envelopes are accepted, and every refusal stores nothing.
 */
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => p.close());

async function enrolWithKey(ws: string, signer: Signer | null, publicKey = signer?.publicKey): Promise<{ status: number; token?: string; body: unknown }> {
  const { code } = await issueEnrolCode(p.store, p.clock, { kind: 'workstation', officeCode: 'FS01', workstationId: ws, senderAgency: 'KH-HR-FS' });
  const r = await p.http.call('enroll', { body: { code, client: { kind: 'workstation', officeCode: 'FS01', workstationId: ws }, ...(publicKey ? { publicKey } : {}) } as never });
  return { status: r.status, body: r.body, ...(r.status === 201 ? { token: (r.body as { token: string }).token } : {}) };
}
const signed = (signer: Signer, e: NotificationEnvelope): NotificationEnvelope => ({ ...e, signature: signer.sign(signedPart(e)) });
async function submit(token: string, envelopes: unknown[]): Promise<SubmitResult[]> {
  const r = await p.http.raw('POST', '/v1/notifications:batch', { token, body: JSON.stringify({ notifications: envelopes }) });
  expect(r.status).toBe(200);
  return (r.body as { results: SubmitResult[] }).results;
}
const stored = async () => (await p.store.counts()).notifications;
const codeOf = (r: SubmitResult) => (r.outcome === 'rejected' ? r.error.code : r.outcome);

describe('signed envelopes (issue 15)', () => {
  it('a key registered at enrolment signs envelopes the platform accepts; a replay is answered duplicate, not re-applied', async () => {
    const { signer } = newKeyPair();
    const { token } = await enrolWithKey('FS01-W01', signer);
    const keys = await p.store.signingKeys.ofSubject('workstation:FS01/FS01-W01');
    expect(keys.map((k) => [k.keyId, k.revokedAt])).toEqual([[signer.keyId, null]]);
    const e = signed(signer, notificationEnvelope());
    expect((await submit(token!, [e])).map(codeOf)).toEqual(['accepted']);
    const before = await stored();
    const replay = await submit(token!, [e]);
    expect(replay.map(codeOf)).toEqual(['duplicate']);
    expect(await stored()).toBe(before);
  });

  it('refusal: a changed payload byte is SIGNATURE_INVALID and stores nothing', async () => {
    const { signer } = newKeyPair();
    const { token } = await enrolWithKey('FS01-W02', signer);
    const e = signed(signer, notificationEnvelope({ workstationId: 'FS01-W02' }));
    const altered = { ...e, payload: { ...e.payload, mailingAddress: '高雄市鳳山區光復路二段133號' } };
    const before = await stored();
    const [r] = await submit(token!, [altered]);
    expect(codeOf(r!)).toBe('SIGNATURE_INVALID');
    expect(r!.outcome === 'rejected' && r!.error.message).toMatch(/簽章驗證失敗/);
    expect(await stored()).toBe(before);
  });

  it('refusal: a keyed credential may not send unsigned (SIGNATURE_MISSING); an unkeyed (older) one still may', async () => {
    const { signer } = newKeyPair();
    const { token } = await enrolWithKey('FS01-W03', signer);
    const before = await stored();
    expect((await submit(token!, [notificationEnvelope({ workstationId: 'FS01-W03' })])).map(codeOf)).toEqual(['SIGNATURE_MISSING']);
    expect(await stored()).toBe(before);
    const old = await enrolWithKey('FS01-W04', null);
    expect((await submit(old.token!, [notificationEnvelope({ workstationId: 'FS01-W04' })])).map(codeOf)).toEqual(['accepted']);
  });

  it("refusal: a signature by another workstation's key is SIGNING_KEY_UNKNOWN and stores nothing", async () => {
    const mine = newKeyPair().signer;
    const theirs = newKeyPair().signer;
    const { token } = await enrolWithKey('FS01-W05', mine);
    await enrolWithKey('FS01-W06', theirs);
    const before = await stored();
    const [r] = await submit(token!, [signed(theirs, notificationEnvelope({ workstationId: 'FS01-W05' }))]);
    expect(codeOf(r!)).toBe('SIGNING_KEY_UNKNOWN');
    expect(await stored()).toBe(before);
  });

  it('refusal: a signature by a revoked key is SIGNING_KEY_REVOKED (admin revocation, audited); re-enrolling rotates the key', async () => {
    const first = newKeyPair().signer;
    const { token } = await enrolWithKey('FS01-W07', first);
    const n = await p.store.signingKeys.revoke({ subject: 'workstation:FS01/FS01-W07' }, p.clock.now().toISOString(), { at: p.clock.now().toISOString(), actor: 'admin:test', action: 'signing-key.revoke', target: 'workstation:FS01/FS01-W07' });
    expect(n).toBe(1);
    const before = await stored();
    expect((await submit(token!, [signed(first, notificationEnvelope({ workstationId: 'FS01-W07' }))])).map(codeOf)).toEqual(['SIGNING_KEY_REVOKED']);
    // Revocation does not downgrade the credential to unsigned.
    expect((await submit(token!, [notificationEnvelope({ workstationId: 'FS01-W07' })])).map(codeOf)).toEqual(['SIGNATURE_MISSING']);
    expect(await stored()).toBe(before);

    const second = newKeyPair().signer;
    const again = await enrolWithKey('FS01-W07', second);
    expect((await submit(again.token!, [signed(second, notificationEnvelope({ workstationId: 'FS01-W07' }))])).map(codeOf)).toEqual(['accepted']);
    const third = newKeyPair().signer;
    const rotated = await enrolWithKey('FS01-W07', third);
    expect((await submit(rotated.token!, [signed(second, notificationEnvelope({ workstationId: 'FS01-W07' }))])).map(codeOf)).toEqual(['SIGNING_KEY_REVOKED']);
  });

  it('refusal: a public key that is not Ed25519 is INPUT_INVALID at enrolment and spends no code', async () => {
    const { code } = await issueEnrolCode(p.store, p.clock, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W08', senderAgency: 'KH-HR-FS' });
    const client = { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W08' };
    const bad = await p.http.call('enroll', { body: { code, client, publicKey: Buffer.alloc(44, 7).toString('base64') } as never });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('INPUT_INVALID');
    expect(bad.body.error?.path).toBe('publicKey');
    expect((await p.http.call('enroll', { body: { code, client, publicKey: newKeyPair().signer.publicKey } as never })).status).toBe(201);
  });
});
