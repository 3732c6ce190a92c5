import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolCode } from '../../../platform/auth/enrolment';
import { notificationEnvelope } from '../../../platform/testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import { signedPart } from '../../../shared/signing/canonical';
import type { Actor, ServiceContext } from '../context';
import { verifyCanonical } from '../signing/ed25519';
import { keyFileOf, keyStoreFor } from '../signing/keyStore';
import { enroll } from '../sync/enroll';
import { createSyncRuntime, type SyncRuntime } from '../sync/runtime';
import { makeContext, tempDir } from '../testing/fixtures';
import { actOnInboxItem, openInboxItem } from './inbox';

/**
 * Issue 15 §1–2 from the agency's own install: enrolling the agency makes its key (kept by this
 * process's key store, a 0600 file under Node), the platform registers it, and every action the
 * inbox service sends is signed with it; the platform's message log holds the signed message.
 */
const tmp = tempDir('nin1-agency-signed-');
let p: TestPlatform;
let ctx: ServiceContext;
let runtime: SyncRuntime;
let ws: string;
const actor: Actor = { user: { id: 1, username: 'taxclerk', displayName: '稅捐承辦', role: 'agency_clerk', officeCode: 'KH-TAX' }, workstation: 'TAX-1', ip: null };

beforeAll(async () => {
  p = await startTestPlatform();
  ctx = makeContext(tmp.file('agency.sqlite'));
  const { code } = await issueEnrolCode(p.store, p.clock, { kind: 'agency', agencyCode: 'KH-TAX', clientId: 'TAX-1' });
  await enroll(ctx.db, { url: p.url, code, target: { kind: 'agency', agencyCode: 'KH-TAX', clientId: 'TAX-1' }, clock: ctx.clock });
  runtime = createSyncRuntime(ctx, { sync: { push: false } });
  ws = await p.workstationToken();
});
afterAll(async () => {
  await runtime.stop();
  ctx.db.close();
  await p.close();
  tmp.cleanup();
});

describe("an agency install signs its inbox actions with its enrolled key (issue 15 §1–2)", () => {
  it('enrolment keeps the agency key in a 0600 file and the platform registers exactly that key', async () => {
    const file = keyFileOf(ctx.db.name, 'agency-KH-TAX')!;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const signer = keyStoreFor(ctx.db.name).load('agency-KH-TAX')!;
    const keys = await p.store.signingKeys.ofSubject('agency:KH-TAX/TAX-1');
    expect(keys.map((k) => [k.keyId, k.publicKey, k.revokedAt])).toEqual([[signer.keyId, signer.publicKey, null]]);
  });

  it('open (簽收) and 完成 go signed; each is logged with the agency signature and answered with a receipt', async () => {
    const e = notificationEnvelope({ workstationId: 'FS01-W01' });
    expect((await p.http.call('submitNotifications', { body: { notifications: [e] } }, ws)).body.results[0]!.outcome).toBe('accepted');
    const deps = { ctx, sync: runtime, actor };
    expect((await openInboxItem(deps, e.id)).status).toBe('received');
    expect((await actOnInboxItem(deps, e.id, { action: 'complete', note: '已改寄' })).status).toBe('completed');
    const publicKey = keyStoreFor(ctx.db.name).load('agency-KH-TAX')!.publicKey;
    const head = await p.store.evidenceLog.head();
    const entries = await p.store.evidenceLog.range(head.seq - 2, head.seq);
    const logged = await Promise.all(entries.map(async (x) => JSON.parse((await p.store.evidenceLog.entryOf(x.messageId))!.body) as Record<string, unknown> & { signature: { value: string } }));
    expect(logged.map((m) => [m.route, m.notificationId, m.action])).toEqual([
      ['notification-action', e.id, 'receive'],
      ['notification-action', e.id, 'complete'],
    ]);
    expect(logged.every((m) => verifyCanonical(signedPart(m), m.signature.value, publicKey))).toBe(true);
  });
});
