import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPart } from '../../shared/signing/canonical';
import type { ActionResponse, ErrorBody } from '../../shared/platform/wire';
import { verifyCanonical } from '../../electron/services/signing/ed25519';
import { signMessage } from '../../electron/services/signing/signingClient';
import { newKeyPair, type Signer } from '../../electron/services/signing/workstationKey';
import { issueEnrolCode } from '../auth/enrolment';
import { startTestPlatform, type TestPlatform } from '../testing/harness';
import { n04LandEnvelope, notificationEnvelope } from '../testing/envelopes';

/**
 * Issue 15 §2 for the messages after the envelope, on the real platform (SQLite file, loopback
 * HTTP): agency answers (完成/退回), 改分, 補件 requests and the counter's 補件 answer are signed with
 * the sender's enrolled key, verified on ingest, answered with a signed receipt logged in the
 * message log; every refusal stores nothing; a replay is `duplicate` and not applied again.
 */
let p: TestPlatform;
let ws: { token: string; signer: Signer };
beforeAll(async () => {
  p = await startTestPlatform();
  ws = await enrol({ kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' });
});
afterAll(async () => p.close());

type Client = { kind: 'workstation'; officeCode: string; workstationId: string } | { kind: 'agency'; agencyCode: string; clientId: string };
async function enrol(client: Client, signer: Signer = newKeyPair().signer): Promise<{ token: string; signer: Signer }> {
  const target = client.kind === 'workstation' ? { ...client, senderAgency: 'KH-HR-FS' } : client;
  const { code } = await issueEnrolCode(p.store, p.clock, target);
  const r = await p.http.call('enroll', { body: { code, client, publicKey: signer.publicKey } });
  expect(r.status).toBe(201);
  return { token: r.body.token, signer };
}
const agency = (code: string, clientId = 'desk-1') => enrol({ kind: 'agency', agencyCode: code, clientId });

async function submitted(e = notificationEnvelope()): Promise<string> {
  const signed = { ...e, signature: ws.signer.sign(signedPart(e)) };
  const r = await p.http.call('submitNotifications', { body: { notifications: [signed] } }, ws.token);
  expect(r.body.results[0]!.outcome).toBe('accepted');
  return e.id;
}
type Answer = { status: number; body: Partial<ActionResponse> & Partial<ErrorBody> };
const act = async (id: string, body: object, token: string): Promise<Answer> => p.http.raw('POST', `/v1/notifications/${id}/actions`, { token, body: JSON.stringify(body) }) as Promise<Answer>;
const answer = async (id: string, body: object, token = ws.token): Promise<Answer> => p.http.raw('POST', `/v1/notifications/${id}/supplement`, { token, body: JSON.stringify(body) }) as Promise<Answer>;
/** What must not move when a message is refused: status changes and the message log. */
const snapshot = async () => ({ changes: (await p.store.counts()).changes, log: (await p.store.evidenceLog.head()).seq });
const platformKey = async () => (await p.http.call('logHead', {})).body.publicKey;

describe('signed agency answers, transfers and 補件 (issue 15 §2)', () => {
  it('a signed 完成 is applied and answered with a receipt signed by the platform and logged; a replay is answered duplicate and not re-applied', async () => {
    const tax = await agency('KH-TAX');
    const id = await submitted();
    const message = signMessage(tax.signer, 'notification-action', id, { action: 'complete', note: '已改寄' });
    const first = await act(id, message, tax.token);
    expect(first.status).toBe(200);
    expect(first.body.outcome).toBe('accepted');
    expect(first.body.entry?.status).toBe('completed');
    const receipt = first.body.receipt!;
    expect(receipt.messageId).toBe(message.messageId);
    expect(verifyCanonical(signedPart(receipt), receipt.signature.value, await platformKey())).toBe(true);
    // The log holds the signed message itself: its signature checks with the agency's key.
    const logged = JSON.parse((await p.store.evidenceLog.entryOf(message.messageId))!.body) as Record<string, unknown> & { signature: { value: string } };
    expect(logged).toMatchObject({ route: 'notification-action', notificationId: id, action: 'complete' });
    expect(verifyCanonical(signedPart(logged), logged.signature.value, tax.signer.publicKey)).toBe(true);

    const before = await snapshot();
    const replay = await act(id, message, tax.token);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ outcome: 'duplicate', changes: [], receipt });
    expect(await snapshot()).toEqual(before);
  });

  it('the same signed 補件 request sent twice at once is applied once: one round, one log entry, both answered with one receipt', async () => {
    const land = await agency('KH-LAND-FS', 'desk-race');
    const id = await submitted(n04LandEnvelope());
    const message = signMessage(land.signer, 'notification-action', id, { action: 'request-supplement', missing: ['所有權狀影本'], dueDate: '2026-12-10' });
    const before = await snapshot();
    // Both pass the replay check before either is applied; the check inside the write decides.
    const answers = await Promise.all([act(id, message, land.token), act(id, message, land.token)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => a.body.outcome).sort()).toEqual(['accepted', 'duplicate']);
    expect(answers[0]!.body.receipt).toEqual(answers[1]!.body.receipt);
    const applied = answers.find((a) => a.body.outcome === 'accepted')!.body.changes!.length;
    expect(await snapshot()).toEqual({ changes: before.changes + applied, log: before.log + 1 });
    const thread = await p.store.thread(id);
    expect(thread!.events.filter((e) => e.event?.type === 'supplement-request')).toHaveLength(1);
  });

  it('refusal: a changed byte of a signed 退回 is SIGNATURE_INVALID and stores nothing', async () => {
    const tax = await agency('KH-TAX', 'desk-2');
    const id = await submitted();
    const message = signMessage(tax.signer, 'notification-action', id, { action: 'reject', reason: '查無此稅籍' });
    const before = await snapshot();
    const r = await act(id, { ...message, reason: '查無此稅藉' }, tax.token);
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'SIGNATURE_INVALID', path: 'signature' });
    expect(await snapshot()).toEqual(before);
  });

  it('refusal: a message signed for one notification and sent against another is SIGNATURE_INVALID', async () => {
    const tax = await agency('KH-TAX', 'desk-3');
    const [a, b] = [await submitted(), await submitted()];
    const before = await snapshot();
    const r = await act(b, signMessage(tax.signer, 'notification-action', a, { action: 'complete' }), tax.token);
    expect(r.body.error?.code).toBe('SIGNATURE_INVALID');
    expect(await snapshot()).toEqual(before);
  });

  it('refusal: an unsigned 改分 from an agency with a registered key is SIGNATURE_MISSING and stores nothing', async () => {
    const land = await agency('KH-LAND-FS');
    const id = await submitted(n04LandEnvelope());
    const before = await snapshot();
    const r = await act(id, { action: 'transfer', to: 'KH-LAND-GS', reason: '非本所轄區' }, land.token);
    expect(r.status).toBe(422);
    expect(r.body.error?.code).toBe('SIGNATURE_MISSING');
    expect(await snapshot()).toEqual(before);
  });

  it("refusal: a 補件 request signed by another workstation's key is SIGNING_KEY_UNKNOWN and stores nothing", async () => {
    const land = await agency('KH-LAND-FS', 'desk-2');
    const other = await agency('KH-LAND-FS', 'desk-3');
    const id = await submitted(n04LandEnvelope());
    const before = await snapshot();
    const r = await act(id, signMessage(other.signer, 'notification-action', id, { action: 'request-supplement', missing: ['所有權狀影本'], dueDate: '2026-12-10' }), land.token);
    expect(r.status).toBe(403);
    expect(r.body.error?.code).toBe('SIGNING_KEY_UNKNOWN');
    expect(await snapshot()).toEqual(before);
  });

  it('refusal: after an admin revokes the key, a 完成 signed with it is SIGNING_KEY_REVOKED and stores nothing', async () => {
    const tax = await agency('KH-TAX', 'desk-4');
    const id = await submitted();
    const at = p.clock.now().toISOString();
    expect(await p.store.signingKeys.revoke({ keyId: tax.signer.keyId }, at, { at, actor: 'admin:test', action: 'signing-key.revoke', target: `key:${tax.signer.keyId}` })).toBe(1);
    const before = await snapshot();
    const r = await act(id, signMessage(tax.signer, 'notification-action', id, { action: 'complete' }), tax.token);
    expect(r.status).toBe(403);
    expect(r.body.error?.code).toBe('SIGNING_KEY_REVOKED');
    expect(await snapshot()).toEqual(before);
  });

  it('refusal: a message id used before for another message is INPUT_INVALID (a replay must be the same message)', async () => {
    const tax = await agency('KH-TAX', 'desk-5');
    const [a, b] = [await submitted(), await submitted()];
    const first = signMessage(tax.signer, 'notification-action', a, { action: 'complete' });
    expect((await act(a, first, tax.token)).status).toBe(200);
    const before = await snapshot();
    const r = await act(b, signMessage(tax.signer, 'notification-action', b, { action: 'complete', messageId: first.messageId }), tax.token);
    expect(r.body.error).toMatchObject({ code: 'INPUT_INVALID', path: 'messageId' });
    expect(await snapshot()).toEqual(before);
  });

  it("the counter's signed 補件 answer: a changed field is SIGNATURE_INVALID; the signed one is applied with a receipt; its resend is duplicate", async () => {
    const land = await agency('KH-LAND-FS', 'desk-4');
    const id = await submitted(n04LandEnvelope());
    expect((await act(id, signMessage(land.signer, 'notification-action', id, { action: 'request-supplement', missing: ['地號'], dueDate: '2026-12-10' }), land.token)).status).toBe(200);
    const message = signMessage(ws.signer, 'supplement-answer', id, { round: 1, fields: { parcels: '鳳山段一小段123地號' } });
    const before = await snapshot();
    expect((await answer(id, { ...message, fields: { parcels: '鳳山段一小段124地號' } })).body.error?.code).toBe('SIGNATURE_INVALID');
    expect(await snapshot()).toEqual(before);
    // The 補件 answer's id comes from notification and round: the resend of a queued answer is the same message.
    expect(signMessage(ws.signer, 'supplement-answer', id, { round: 1, fields: { parcels: '鳳山段一小段123地號' } }).messageId).toBe(message.messageId);
    const ok = await answer(id, message);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ outcome: 'accepted', entry: { payload: { parcels: '鳳山段一小段123地號' } } });
    const applied = await snapshot();
    expect((await answer(id, message)).body).toMatchObject({ outcome: 'duplicate', changes: [], receipt: ok.body.receipt });
    expect(await snapshot()).toEqual(applied);
  });

  it('an agency enrolled without a key (an older client) still acts unsigned, without a receipt', async () => {
    const token = await p.agencyToken('KH-TAX', 'desk-old');
    const id = await submitted();
    const r = await act(id, { action: 'complete' }, token);
    expect(r.status).toBe(200);
    expect(r.body.receipt).toBeUndefined();
  });
});
