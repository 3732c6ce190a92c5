import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolCode } from '../../../platform/auth/enrolment';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import { EvidenceBundle } from '../../../shared/signing/evidence';
import type { AppFailure } from '../../../shared/result';
import type { Actor, ServiceContext } from '../context';
import { caseReceipts } from '../signing/caseReceipts';
import { pinnedPlatformKey } from '../sync/credentials';
import { signingClient } from '../signing/signingClient';
import { verifyEvidence } from '../signing/verifyEvidence';
import { loadSigner } from '../signing/workstationKey';
import { answerSupplement } from '../supplements/answerSupplement';
import { saveCredential, workstationCredential } from '../sync/credentials';
import { enroll } from '../sync/enroll';
import { createSyncRuntime, type SyncRuntime } from '../sync/runtime';
import { makeContext, tempDir } from '../testing/fixtures';
import { queueCases } from '../testing/syncFixtures';
import { inboxEvidence } from './evidenceBundle';
import { actOnInboxItem } from './inbox';
import { inboxThread } from './thread';

/**
 * The agency's side of issues 14 §3 and 15 §3 over the real platform on loopback: one counter
 * database, enrolled (signing key, pinned platform key), drains a signed 遷徙 case; the same install
 * also holds two land offices' credentials, as an agency workstation does.
 */
const tmp = tempDir('nin1-inbox-thread-');
let p: TestPlatform;
let ctx: ServiceContext;
let runtime: SyncRuntime;
let caseNo: string;
let n04: { id: string; receiver: string };

const agencyActor = (office: string): Actor => ({ user: { id: 1, username: 'clerk', displayName: '地政承辦', role: 'agency_clerk', officeCode: office }, workstation: 'LAND-1', ip: null });
const deps = (office: string) => ({ ctx, sync: runtime, actor: agencyActor(office) });
const enrolAgency = async (agency: string) => {
  const token = await p.agencyToken(agency);
  saveCredential(ctx.db, { kind: 'agency', agencyCode: agency, clientId: 'desk-1', url: p.url, token, expiresAt: '2099-01-01T00:00:00.000Z', enrolledAt: ctx.clock.now().toISOString() });
};

beforeAll(async () => {
  p = await startTestPlatform();
  ctx = makeContext(tmp.file('counter.sqlite'));
  queueCases(ctx, 1);
  const { code } = await issueEnrolCode(p.store, p.clock, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01', senderAgency: 'KH-HR-FS' });
  await enroll(ctx.db, { url: p.url, code, target: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' }, clock: ctx.clock });
  runtime = createSyncRuntime(ctx, { sync: { push: false, requestTimeoutMs: 3000 } });
  await runtime.engine()!.syncOnce('test', { force: true });
  caseNo = ctx.db.prepare('SELECT case_no FROM cases').pluck().get() as string;
  const row = ctx.db.prepare("SELECT id, receiver_agency AS receiver FROM notifications WHERE item_code = 'N04'").get() as { id: string; receiver: string };
  n04 = row;
  await enrolAgency(n04.receiver);
  await enrolAgency('KH-LAND-GANGSHAN');
  await enrolAgency('KH-TAX');
});
afterAll(async () => {
  await runtime.stop();
  ctx.db.close();
  await p.close();
  tmp.cleanup();
});

describe('the agency inbox thread, evidence bundle and the case receipts (issues 14 §3, 15 §2–3)', () => {
  it('each notification of the case shows its signed receipt, verified ✓ against the platform key pinned at enrolment; a changed receipt is ✗', () => {
    expect(pinnedPlatformKey(ctx.db)).toBe(workstationCredential(ctx.db)?.platformKey ?? null);
    const receipts = caseReceipts(ctx, caseNo, pinnedPlatformKey(ctx.db));
    expect(receipts).toHaveLength(5);
    expect(receipts.every((r) => r.verified === (pinnedPlatformKey(ctx.db) === null ? null : true))).toBe(true);
    expect(receipts[0]).toMatchObject({ seq: expect.any(Number), messageHash: expect.stringMatching(/^[0-9a-f]{64}$/), itemTitle: expect.any(String), receiverName: expect.any(String) });
    // A key that is not the platform's: every receipt fails.
    const other = 'MCowBQYDK2VwAyEA' + Buffer.alloc(32, 7).toString('base64');
    expect(caseReceipts(ctx, caseNo, other).map((r) => r.verified)).toEqual([false, false, false, false, false]);
  });

  it('補件 round trip in the thread: the request and the counter\'s answer with labelled fields; 改分 with its reason; a transfer back is refused with the platform\'s zh-TW TRANSFER_LOOP', async () => {
    const land = deps(n04.receiver);
    await actOnInboxItem(land, n04.id, { action: 'request-supplement', missing: ['土地建物標示（地號）'], dueDate: '2026-12-20' });
    await runtime.engine()!.syncOnce('pull', { force: true });
    // Signed with the workstation's key, as the platform requires once a key is registered.
    const signed = signingClient(runtime.workstationClient()!, () => loadSigner(ctx.db.name));
    expect(await answerSupplement(ctx, signed, agencyActor('FS01'), { notificationId: n04.id, round: 1, fields: { parcels: '鳳山段一小段123地號' }, note: '民眾補正' })).toMatchObject({ state: 'sent' });

    const thread = await inboxThread(land, n04.id, 'N04');
    expect(thread.entries).toEqual([
      expect.objectContaining({ type: 'supplement-request', round: 1, missing: ['土地建物標示（地號）'], dueDate: '2026-12-20' }),
      expect.objectContaining({ type: 'supplement-answer', round: 1, note: '民眾補正', fields: [{ label: expect.stringMatching(/地號|土地/), value: '鳳山段一小段123地號' }], pages: [] }),
    ]);

    await actOnInboxItem(land, n04.id, { action: 'transfer', to: 'KH-LAND-GANGSHAN', reason: '土地不在本所轄區' });
    const gangshan = deps('KH-LAND-GANGSHAN');
    expect((await inboxThread(gangshan, n04.id, 'N04')).entries.at(-1)).toMatchObject({ type: 'transfer', toName: '高雄市政府地政局岡山地政事務所', reason: '土地不在本所轄區' });
    const loop = await actOnInboxItem(gangshan, n04.id, { action: 'transfer', to: n04.receiver, reason: '退回原所' }).catch((e: AppFailure) => e.error);
    expect(loop).toMatchObject({ code: 'TRANSFER_LOOP', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    // The former holder no longer sees it (the unknown-id answer).
    expect(await inboxThread(land, n04.id).catch((e: AppFailure) => e.error.code)).toBe('NOT_FOUND');
  });

  it('the holding agency downloads the evidence bundle (valid offline, audited on both sides); another agency gets the unknown-id 404', async () => {
    const { fileName, json } = await inboxEvidence(deps('KH-LAND-GANGSHAN'), n04.id);
    expect(fileName).toMatch(new RegExp(`^evidence-${caseNo}-`));
    const bundle = EvidenceBundle.parse(JSON.parse(json));
    expect(bundle.message.id).toBe(n04.id);
    expect(verifyEvidence(bundle).ok).toBe(true);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'agency.evidence'").pluck().get()).toBe(1);
    const audits = (await p.store.verifyAudit()).ok;
    expect(audits).toBe(true);
    expect(await inboxEvidence(deps('KH-TAX'), n04.id).catch((e: AppFailure) => e.error.code)).toBe('NOT_FOUND');
  });
});
