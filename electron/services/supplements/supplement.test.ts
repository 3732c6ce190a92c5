import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { n04LandEnvelope } from '../../../platform/testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import type { AppFailure } from '../../../shared/result';
import { createCase } from '../cases/createCase';
import type { Actor, ServiceContext } from '../context';
import { listOverdue } from '../overdue/listOverdue';
import { createPlatformClient, type PlatformClient } from '../platform-client/client';
import { applyChanges } from '../sync/changes';
import { makeContext, moveDraft, seedClerk, tempDir } from '../testing/fixtures';
import { createSyncRuntime } from '../sync/runtime';
import { enrolTestWorkstation } from '../testing/syncFixtures';
import { listNotificationEvidence, readNotificationEvidence } from '../attachments/platformEvidence';
import { createFileStore, storeRootFor } from '../scanning/store';
import { answerSupplement } from './answerSupplement';
import { caseSupplements } from './caseSupplements';
import { deliverQueuedAnswers } from './deliverAnswer';
import { openSupplements } from './openSupplements';

const tmp = tempDir('nin1-supplement-');
let platform: TestPlatform;
let ctx: ServiceContext;
let clerk: Actor;
let ws: string;
let client: PlatformClient;
beforeAll(async () => {
  platform = await startTestPlatform();
  ctx = makeContext(tmp.file('counter.sqlite'));
  clerk = seedClerk(ctx);
  ws = await platform.workstationToken();
  client = createPlatformClient({ baseUrl: platform.url, token: ws });
});
afterAll(async () => {
  ctx.db.close();
  await platform.close();
  tmp.cleanup();
});

const pull = async () => {
  const page = (await platform.http.call('officeChanges', { params: { office: 'FS01' }, query: { cursor: 0 } }, ws)).body;
  return applyChanges(ctx.db, page.changes, page.nextCursor, new Date().toISOString());
};

describe('補件 at the counter (issue 14 §3)', () => {
  it('finding 3: a pulled 補件 request is on the case and in the overdue view at once; the clerk answers, the notification resumes', async () => {
    const { caseNo } = createCase(ctx, clerk, moveDraft());
    const id = ctx.db.prepare("SELECT n.id FROM notifications n JOIN cases c ON c.id = n.case_id WHERE c.case_no = ? AND n.item_code = 'N04'").pluck().get(caseNo) as string;
    await platform.http.call('submitNotifications', { body: { notifications: [n04LandEnvelope({ id, caseNo })] } }, ws);
    const land = await platform.agencyToken('KH-LAND-FS');
    await platform.http.call('notificationAction', { params: { id }, body: { action: 'request-supplement', missing: ['土地建物標示（地號）'], dueDate: '2026-11-20' } }, land);
    await pull();

    const open = openSupplements(ctx, caseNo);
    expect(open).toEqual([expect.objectContaining({ notificationId: id, round: 1, missing: ['土地建物標示（地號）'], dueDate: '2026-11-20', late: true, receiverName: '高雄市政府地政局鳳山地政事務所' })]);
    expect(listOverdue(ctx).supplements.map((s) => s.caseNo)).toEqual([caseNo]);

    // Bad input is refused at the counter with a typed zh-TW error; nothing is sent or stored.
    const refused = await answerSupplement(ctx, client, clerk, { notificationId: id, round: 1, fields: { registeredAddress: '沒有門牌' } }).catch((e: AppFailure) => e.error);
    expect(refused).toMatchObject({ path: 'fields.registeredAddress', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(await answerSupplement(ctx, client, clerk, { notificationId: id, round: 1, fields: {} }).catch((e: AppFailure) => e.error.code)).toBe('SUPPLEMENT_EMPTY');
    expect(openSupplements(ctx, caseNo)).toHaveLength(1);

    await answerSupplement(ctx, client, clerk, { notificationId: id, round: 1, fields: { parcels: '鳳山段一小段123地號' }, note: '民眾補正地號' });
    expect(openSupplements(ctx)).toEqual([]);
    expect(JSON.parse(ctx.db.prepare('SELECT payload FROM notifications WHERE id = ?').pluck().get(id) as string)).toMatchObject({ parcels: '鳳山段一小段123地號' });
    const inbox = await platform.http.call('agencyInbox', { params: { agency: 'KH-LAND-FS' }, query: {} }, land);
    expect(inbox.body.entries.find((e) => e.id === id)).toMatchObject({ status: 'received', supplement: null, payload: { parcels: '鳳山段一小段123地號' } });

    // Every round is in the case's event history once, however often it is pulled.
    await pull();
    await pull();
    const reasons = (ctx.db.prepare('SELECT reason FROM notification_events WHERE notification_id = ? AND reason IS NOT NULL ORDER BY id').pluck().all(id) as string[]);
    expect(reasons).toEqual(['待補件：土地建物標示（地號）（期限 2026-11-20）', '已補件：補正 1 欄：民眾補正地號']);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'notification.supplement-answer'").pluck().get()).toBe(1);
  });

  /** A case whose N04 the platform holds with a 補件 round open, pulled to the counter. */
  async function openRound(missing = ['土地建物標示（地號）']): Promise<{ caseNo: string; id: string; land: string }> {
    const { caseNo } = createCase(ctx, clerk, moveDraft());
    const id = ctx.db.prepare("SELECT n.id FROM notifications n JOIN cases c ON c.id = n.case_id WHERE c.case_no = ? AND n.item_code = 'N04'").pluck().get(caseNo) as string;
    await platform.http.call('submitNotifications', { body: { notifications: [n04LandEnvelope({ id, caseNo })] } }, ws);
    const land = await platform.agencyToken('KH-LAND-FS');
    await platform.http.call('notificationAction', { params: { id }, body: { action: 'request-supplement', missing, dueDate: '2026-12-20' } }, land);
    await pull();
    return { caseNo, id, land };
  }
  const unreachable = createPlatformClient({ baseUrl: 'http://127.0.0.1:9', token: 'x', timeoutMs: 2000 });
  /** A scanned file of the case, stored in the counter's file store as the scanning import does. */
  const attach = async (caseNo: string): Promise<{ attachmentId: number; sha256: string; pdf: Buffer }> => {
    const pdf = Buffer.from(`%PDF-1.7\n% 地籍圖 ${caseNo}\n%%EOF\n`);
    const stored = await createFileStore(storeRootFor(ctx.db)).put('attachments', pdf, 'pdf');
    const attachmentId = Number(
      ctx.db.prepare("INSERT INTO attachments (case_id, kind, file_name, mime, page_count, byte_size, sha256, storage_key, created_at) SELECT id, 'scan', 'p.pdf', 'application/pdf', 2, ?, ?, ?, 't' FROM cases WHERE case_no = ?")
        .run(pdf.length, stored.sha256, stored.key, caseNo).lastInsertRowid,
    );
    return { attachmentId, sha256: stored.sha256, pdf };
  };

  it('offline first: an answer given while the platform is unreachable waits on its round and the next sync delivers it once, with its scanned pages', async () => {
    const { caseNo, id, land } = await openRound();
    const { attachmentId, sha256, pdf } = await attach(caseNo);
    const queued = await answerSupplement(ctx, unreachable, clerk, { notificationId: id, round: 1, fields: {}, note: '附地籍圖', attachmentIds: [attachmentId] });
    expect(queued).toEqual({ state: 'queued', answeredAt: null });
    expect(caseSupplements(ctx, caseNo)).toEqual([expect.objectContaining({ state: 'queued', agencyName: '高雄市政府地政局鳳山地政事務所', missing: ['土地建物標示（地號）'], dueDate: '2026-12-20', answer: null })]);
    // A second answer to a queued round is refused; so is a file of another case (nothing stored).
    expect(await answerSupplement(ctx, unreachable, clerk, { notificationId: id, round: 1, fields: {}, note: 'x' }).catch((e: AppFailure) => e.error.code)).toBe('SUPPLEMENT_QUEUED');

    // The sync runtime's client is the workstation's; a run that reaches the platform delivers the queue.
    enrolTestWorkstation(ctx, platform.url, ws);
    const runtime = createSyncRuntime(ctx, { sync: { push: false, requestTimeoutMs: 2000 } });
    expect(runtime.workstationClient()?.baseUrl).toBe(platform.url);
    await runtime.engine()!.syncOnce('test', { force: true });
    await runtime.stop(); // waits for the delivery the run started
    const [round] = caseSupplements(ctx, caseNo);
    expect(round).toMatchObject({ state: 'answered', answer: { note: '附地籍圖', pages: [{ sha256, pages: 2 }] } });
    const thread = (await platform.http.call('notificationThread', { params: { id }, query: {} }, land)).body;
    expect(thread.events.map((e) => e.event.type)).toEqual(['supplement-request', 'supplement-answer']);
    expect(thread.events[1]!.event).toMatchObject({ note: '附地籍圖', attachments: [{ sha256, pages: 2 }] });
    // Issue 14 §2: the file went up before the answer; the land office lists and opens it with the notification's evidence.
    const landClient = createPlatformClient({ baseUrl: platform.url, token: land });
    expect(await listNotificationEvidence(landClient, id)).toEqual([{ sha256, size: pdf.length, pages: 2, formPages: [] }]);
    expect((await readNotificationEvidence(landClient, id, sha256)).pdf.equals(pdf)).toBe(true);
    // Delivered once: a later run has nothing left to send.
    expect(await deliverQueuedAnswers(ctx.db, client, () => new Date(), ctx.logger)).toEqual({ sent: 0, refused: 0, waiting: 0 });
  });

  it('a queued answer the platform refuses (the agency closed the notification meanwhile) is marked refused with its zh-TW reason', async () => {
    const { caseNo, id, land } = await openRound(['戶籍謄本']);
    await answerSupplement(ctx, unreachable, clerk, { notificationId: id, round: 1, fields: {}, note: '已補' });
    await platform.http.call('notificationAction', { params: { id }, body: { action: 'reject', reason: '逾期未補件' } }, land);
    expect(await deliverQueuedAnswers(ctx.db, client, () => new Date(), ctx.logger)).toMatchObject({ sent: 0, refused: 1 });
    expect(caseSupplements(ctx, caseNo)[0]).toMatchObject({ state: 'refused', refusal: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });

  it('an answer naming a scanned file the platform does not hold is refused with EVIDENCE_MISSING, stores nothing; a file missing locally is the clerk\'s typed error', async () => {
    const { caseNo, id, land } = await openRound(['地籍圖']);
    const notHeld = { round: 1, fields: {}, attachments: [{ sha256: 'cd'.repeat(32), pages: 1 }] };
    const r = await platform.http.call('supplementAnswer', { params: { id }, body: notHeld }, ws);
    expect([r.status, (r.body as unknown as { error: { code: string; message: string } }).error]).toEqual([422, { code: 'EVIDENCE_MISSING', message: expect.stringContaining('掃描檔尚未完整上傳'), path: 'attachments' }]);
    const inbox = await platform.http.call('agencyInbox', { params: { agency: 'KH-LAND-FS' }, query: {} }, land);
    expect(inbox.body.entries.find((e) => e.id === id)).toMatchObject({ supplement: { round: 1 } });
    // At the counter: a scan whose file is gone from the store cannot be attached; the round stays open.
    const attachmentId = Number(
      ctx.db.prepare("INSERT INTO attachments (case_id, kind, file_name, mime, page_count, byte_size, sha256, created_at) SELECT id, 'scan', 'p.pdf', 'application/pdf', 1, 100, ?, 't' FROM cases WHERE case_no = ?").run('ef'.repeat(32), caseNo).lastInsertRowid,
    );
    expect(await answerSupplement(ctx, client, clerk, { notificationId: id, round: 1, fields: {}, attachmentIds: [attachmentId] }).catch((e: AppFailure) => e.error.code)).toBe('SUPPLEMENT_ATTACHMENT');
    expect(openSupplements(ctx, caseNo)).toHaveLength(1);
    // Queued before enrolment (nothing read then), the same missing file is refused at delivery with the zh-TW reason, not retried forever.
    await answerSupplement(ctx, null, clerk, { notificationId: id, round: 1, fields: {}, attachmentIds: [attachmentId] });
    expect(await deliverQueuedAnswers(ctx.db, client, () => new Date(), ctx.logger)).toMatchObject({ sent: 0, refused: 1 });
    expect(caseSupplements(ctx, caseNo)[0]).toMatchObject({ state: 'refused', refusal: expect.stringContaining('不在本機檔案庫') });
  });

  it('a round whose agency then transfers the notification (改分) is closed by the platform: shown as transferred, off the overdue view', async () => {
    const { caseNo, id, land } = await openRound(['戶口名簿影本']);
    expect(openSupplements(ctx, caseNo)).toHaveLength(1);
    await platform.http.call('notificationAction', { params: { id }, body: { action: 'transfer', to: 'KH-LAND-GANGSHAN', reason: '土地不在本所轄區' } }, land);
    await pull();
    expect(caseSupplements(ctx, caseNo)[0]).toMatchObject({ state: 'transferred', late: false });
    expect(openSupplements(ctx, caseNo)).toEqual([]);
  });
});
