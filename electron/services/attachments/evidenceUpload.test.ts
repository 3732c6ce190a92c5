import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatContentRange } from '../../../shared/platform/evidence';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import type { ServiceContext } from '../context';
import { createPlatformClient } from '../platform-client/client';
import { createFileStore, storeRootFor } from '../scanning/store';
import { printedCases, twoPageDraft } from '../scanning/testing/scanFixtures';
import { createSyncEngine } from '../sync/engine';
import { makeContext, seedClerk, tempDir } from '../testing/fixtures';
import { TEST_SYNC_OPTIONS } from '../testing/syncFixtures';
import { cutConsentPages } from './consentCut';
import { createEvidenceAttacher, needingEvidence } from './evidenceUpload';
import { listNotificationEvidence, readNotificationEvidence } from './platformEvidence';

/**
 * Issue 14 §2 end to end: a counter whose case waits for its signed consent scans the pages, and
 * the sync engine uploads each agency's cut (resuming after a cut connection) before the envelope
 * that names it; the agency then lists and reads exactly those pages from the real platform.
 */
const tmp = tempDir('nin1-evidence-');
let t: TestPlatform;
let ctx: ServiceContext;
beforeAll(async () => {
  t = await startTestPlatform();
  ctx = makeContext(tmp.file('counter.sqlite'));
  const clerk = seedClerk(ctx);
  const [form] = await printedCases(ctx, clerk, [await twoPageDraft()]);
  // The printed form stands for its signed scan (rasterising and reading QR codes is the scanning
  // suite's job): attached by hand, page n showing form page n, which releases the consent holds.
  const file = await createFileStore(storeRootFor(ctx.db)).put('attachments', form!.pdf, 'pdf');
  const caseId = ctx.db.prepare('SELECT id FROM cases WHERE case_no = ?').pluck().get(form!.caseNo) as number;
  const attachment = ctx.db
    .prepare("INSERT INTO attachments (case_id, kind, file_name, mime, page_count, byte_size, sha256, created_at, storage_key, source, created_by) VALUES (?, 'signed-consent', 'signed.pdf', 'application/pdf', ?, ?, ?, ?, ?, 'tray', 'clerk')")
    .run(caseId, form!.pages, file.size, file.sha256, ctx.clock.now().toISOString(), file.key).lastInsertRowid;
  for (let page = 1; page <= form!.pages; page++) ctx.db.prepare('INSERT INTO attachment_pages (attachment_id, page_no, form_page) VALUES (?, ?, ?)').run(attachment, page, page);
}, 30_000);
afterAll(async () => {
  await t.close();
  ctx.db.close();
  tmp.cleanup();
});

describe('consent evidence from the counter to the agency', () => {
  it('cuts the same file twice (a resumed upload is the same bytes), only for notifications that need consent', async () => {
    const ids = ctx.db.prepare('SELECT id, item_code FROM notifications ORDER BY rowid').all() as { id: string; item_code: string }[];
    expect(ids.filter((n) => needingEvidence(ctx.db, ids.map((i) => i.id)).includes(n.id)).map((n) => n.item_code)).toEqual(['N01', 'N02', 'N04', 'N08', 'N09']);
    const store = createFileStore(storeRootFor(ctx.db));
    const [a, b] = [await cutConsentPages(ctx.db, store, ids[0]!.id), await cutConsentPages(ctx.db, store, ids[0]!.id)];
    expect(a.sha256).toBe(b.sha256);
    expect(a.formPages).toEqual([1, 2]);
  });

  it('a file the platform refuses fails those notifications with the reason (no retry can cure it); the rest are untouched', async () => {
    const small = await startTestPlatform({ config: { evidence: { maxBytes: 1024, orphanGraceMs: 0, staleUploadMs: 0 } } });
    try {
      const client = createPlatformClient({ baseUrl: small.url, token: await small.workstationToken(), logger: ctx.logger });
      const attach = createEvidenceAttacher({ db: ctx.db, store: () => createFileStore(storeRootFor(ctx.db)), client, logger: ctx.logger });
      const ids = ctx.db.prepare('SELECT id FROM notifications ORDER BY rowid').pluck().all() as string[];
      const { refs, failed } = await attach(ids, new AbortController().signal);
      expect(refs.size).toBe(0);
      expect(failed.size).toBe(5); // the 檢證 needs no evidence
      expect([...failed.values()][0]).toMatch(/^同意書上傳遭平台拒收：同意書檔案超過平台的大小上限/);
      // Refused at the first chunk: the platform keeps nothing of it.
      const cut = await cutConsentPages(ctx.db, createFileStore(storeRootFor(ctx.db)), ids[0]!);
      expect(await small.store.evidence.state(cut.sha256)).toEqual({ sha256: cut.sha256, length: null, received: 0, complete: false });
    } finally {
      await small.close();
    }
  });

  it('uploads before sending, resumes after a cut connection, and the agency reads exactly its pages', async () => {
    const token = await t.workstationToken();
    const store = createFileStore(storeRootFor(ctx.db));
    const tax = ctx.db.prepare("SELECT id FROM notifications WHERE receiver_agency = 'KH-TAX' AND kind = 'notification'").pluck().get() as string;
    const cut = await cutConsentPages(ctx.db, store, tax);
    // A run that was cut earlier left the first 1000 bytes on the platform.
    const first = await t.http.raw('PUT', `/v1/evidence/${cut.sha256}`, {
      token, body: Buffer.from(cut.pdf.subarray(0, 1000)), contentType: 'application/octet-stream', headers: { 'content-range': formatContentRange({ first: 0, last: 999, total: cut.pdf.byteLength }) },
    });
    expect(first.status).toBe(200);

    // The transport cuts the next upload request once, as a reset connection would.
    const ranges: string[] = [];
    let cutOnce = true;
    const edge: typeof fetch = async (input, init) => {
      const range = new Headers(init?.headers).get('content-range');
      if (init?.method === 'PUT' && range) {
        ranges.push(range);
        if (cutOnce) {
          cutOnce = false;
          throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
        }
      }
      return fetch(input, init);
    };
    const client = createPlatformClient({ baseUrl: t.url, token, logger: ctx.logger, fetch: edge });
    const { officeCode, workstationId, agencyCode } = ctx.config;
    const engine = createSyncEngine({
      db: ctx.db, client, clock: ctx.clock, logger: ctx.logger, identity: { officeCode, workstationId, agencyCode }, catalogue: ctx.catalogue,
      options: TEST_SYNC_OPTIONS, evidence: createEvidenceAttacher({ db: ctx.db, store, client, logger: ctx.logger }),
    });
    const cutRun = await engine.syncOnce('test', { force: true, pull: false });
    expect(cutRun.error?.code).toBe('PLATFORM_UNREACHABLE');
    expect(ctx.db.prepare("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").pluck().get()).toBe(6); // nothing lost, nothing failed
    const run = await engine.syncOnce('test', { force: true, pull: false });
    expect([run.error, run.failed, run.remaining]).toEqual([null, 0, 0]);
    // Both tries resumed from what the platform held, never from 0.
    expect(ranges[0]).toMatch(/^bytes 1000-/);
    expect(ranges[1]).toMatch(/^bytes 1000-/);

    // Each agency's notifications name its own cut; items to one agency share one file.
    const agencyToken = await t.agencyToken('KH-TAX');
    const agency = createPlatformClient({ baseUrl: t.url, token: agencyToken, logger: ctx.logger });
    const refs = await listNotificationEvidence(agency, tax);
    expect(refs).toEqual([{ sha256: cut.sha256, size: cut.pdf.byteLength, pages: 2, formPages: [1, 2] }]);
    const file = await readNotificationEvidence(agency, tax, cut.sha256);
    expect(Buffer.from(file.pdf).equals(Buffer.from(cut.pdf))).toBe(true);
    expect((await PDFDocument.load(file.pdf)).getPageCount()).toBe(2);
    // Another agency cannot read it: the same answer as an unknown notification.
    const land = createPlatformClient({ baseUrl: t.url, token: await t.agencyToken('KH-LAND-FS'), logger: ctx.logger });
    await expect(readNotificationEvidence(land, tax, cut.sha256)).rejects.toMatchObject({ error: { code: 'NOT_FOUND' } });
    // The verification request (檢證) went without evidence.
    const v01 = ctx.db.prepare("SELECT id FROM notifications WHERE kind = 'verification'").pluck().get() as string;
    expect((await t.http.call('notificationEvidence', { params: { id: v01 }, query: {} }, agencyToken)).body).toEqual({ evidence: [] });
  });
});
