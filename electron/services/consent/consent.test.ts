import { appendFileSync, copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounterApp, type CounterApp } from '../app';
import { createUser, ensureOffice } from '../auth/users';
import { fixedClock } from '../clock';
import { seedDemo } from '../demo/seedDemo';
import { silentLogger } from '../logging/logger';
import { importDirectory } from '../scanning/importDir';
import { hasBinary, printedCases, twoPageDraft, writeStack } from '../scanning/testing/scanFixtures';
import { startFakePlatform, type FakePlatform } from '../testing/fakePlatform';
import { makeContext, moveDraft, seedClerk, tempDir, TEST_NOW } from '../testing/fixtures';
import { engineFor } from '../testing/syncFixtures';
import { consentHolds } from './holds';
import { caseEvidence } from './status';

const withPoppler = hasBinary('pdftoppm') ? describe : describe.skip;
const tmp = tempDir('nin1-consent-');
let platform: FakePlatform;
beforeAll(async () => {
  platform = await startFakePlatform();
});
afterAll(async () => {
  await platform.close();
  tmp.cleanup();
});

/** Only some pages of a stack: a folder with just these files. */
const subset = (from: string, files: string[], name: string): string => {
  const dir = tmp.file(name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  for (const f of files) copyFileSync(join(from, f), join(dir, f));
  return dir;
};

withPoppler('consent holds in the outbox until the signed page is attached', () => {
  it('holds each agency’s notifications until its form pages are attached; 檢證 goes at once; sync then sends them', async () => {
    const ctx = makeContext(tmp.file('holds.sqlite'));
    const clerk = seedClerk(ctx);
    const [form] = await printedCases(ctx, clerk, [await twoPageDraft()]);
    const stack = tmp.file('stack');
    mkdirSync(stack);
    const pages = await writeStack(stack, [form!], { extras: false });
    expect(pages).toHaveLength(2);

    // Nothing scanned yet: every agency's consent is missing; the notifications are held, V01 is not.
    let evidence = caseEvidence(ctx, form!.caseNo);
    expect(evidence.formPages).toBe(2);
    expect(evidence.consents.map((c) => [c.agencyCode, c.state, c.missingPages])).toEqual([
      ['KH-TAX', 'missing', [1, 2]],
      ['KH-LAND-FS', 'missing', [1, 2]],
      ['THB-KH-MV', 'missing', [1, 2]],
      ['KH-SOCIAL', 'missing', [1, 2]],
    ]);
    const ids = ctx.db.prepare('SELECT id, item_code FROM notifications ORDER BY rowid').all() as { id: string; item_code: string }[];
    const holds = consentHolds(ctx.db, ids.map((n) => n.id));
    expect(ids.filter((n) => holds.has(n.id)).map((n) => n.item_code)).toEqual(['N01', 'N02', 'N04', 'N08', 'N09']);
    expect([...holds.values()][0]).toMatchObject({ code: 'CONSENT_MISSING', message: expect.stringContaining('暫緩送出') });

    const engine = engineFor(ctx, platform.url);
    await engine.syncOnce('test');
    expect([...platform.stored.values()].map((e) => e.itemCode)).toEqual(['V01']); // 檢證 answers the counter now
    expect(ctx.db.prepare("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").pluck().get()).toBe(5); // held, not failed

    // Page 1 scanned: page 2 (the personal-data consent every agency signs) is still missing.
    await importDirectory(ctx, subset(stack, [pages[0]!.file], 'p1'));
    evidence = caseEvidence(ctx, form!.caseNo);
    expect(evidence.consents.every((c) => c.state === 'missing' && c.missingPages.join() === '2')).toBe(true);
    await engine.syncOnce('test');
    expect(platform.stored.size).toBe(1);

    // Page 2 scanned (a separate attachment later in the day): every consent satisfied, all sent.
    await importDirectory(ctx, subset(stack, [pages[1]!.file], 'p2'));
    evidence = caseEvidence(ctx, form!.caseNo);
    expect(evidence.attachments.map((a) => a.formPages)).toEqual([[1], [2]]);
    expect(evidence.consents.every((c) => c.state === 'satisfied' && c.held === 0)).toBe(true);
    await engine.syncOnce('test');
    expect([...platform.stored.values()].map((e) => e.itemCode).sort()).toEqual(['N01', 'N02', 'N04', 'N08', 'N09', 'V01']);
    ctx.db.close();
  });
});

describe('demo data', () => {
  it('past demo cases carry a documented exception; this morning’s wait for their scans', () => {
    const ctx = makeContext(tmp.file('demo.sqlite'));
    seedDemo(ctx, { cases: 30, days: 20 });
    const held = ctx.db.prepare('SELECT DISTINCT c.local_date FROM consent_holds h JOIN cases c ON c.id = h.case_id').pluck().all();
    expect(held).toEqual(['2026-11-26']); // TEST_NOW's day only
    const reasons = ctx.db.prepare('SELECT DISTINCT reason FROM consent_exceptions').pluck().all();
    expect(reasons).toEqual([expect.stringContaining('示範資料')]);
    ctx.db.close();
  });
});

withPoppler('contract: exceptions, attachments and what a receiving agency may see', () => {
  let app: CounterApp;
  let caseNo: string;
  const ORIGIN = { workstation: 'FS01-W02', ip: '10.0.0.2' };
  const login = async (username: string) => {
    const r = await app.call('session.login', { username, password: 'demo1234' }, null, ORIGIN);
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { token: string }).token;
  };

  beforeAll(async () => {
    app = createCounterApp({ dbFile: tmp.file('contract.sqlite'), create: true, shell: 'cli', logger: silentLogger(), clock: fixedClock(TEST_NOW) });
    const { ctx } = app;
    const clerk = seedClerk(ctx);
    for (const [code, name] of [['KH-TAX', '高雄市稅捐稽徵處'], ['KH-SOCIAL', '高雄市政府社會局']] as const) ensureOffice(ctx.db, code, name);
    createUser(ctx.db, { username: 'scanner', displayName: '黃淑芬', role: 'scanning_clerk', officeCode: 'FS01', password: 'demo1234' }, TEST_NOW);
    createUser(ctx.db, { username: 'tax', displayName: '稅捐承辦', role: 'agency_clerk', officeCode: 'KH-TAX', password: 'demo1234' }, TEST_NOW);
    createUser(ctx.db, { username: 'social', displayName: '社會局承辦', role: 'agency_clerk', officeCode: 'KH-SOCIAL', password: 'demo1234' }, TEST_NOW);
    const forms = await printedCases(ctx, clerk, [await twoPageDraft(), moveDraft()]);
    caseNo = forms[0]!.caseNo;
    const stack = tmp.file('contract-stack');
    mkdirSync(stack);
    await writeStack(stack, forms.slice(0, 1));
    await importDirectory(ctx, stack);
  });
  afterAll(() => app.close());

  it('a counter clerk records a documented exception; the scanning clerk may not', async () => {
    const other = (app.ctx.db.prepare('SELECT case_no FROM cases ORDER BY id DESC LIMIT 1').pluck().get() as string);
    const scanner = await login('scanner');
    const denied = await app.call('consent.recordException', { caseNo: other, agencyCode: 'KH-TAX', reason: '民眾以自然人憑證簽署' }, scanner, ORIGIN);
    expect(denied).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    const clerk = await login('clerk');
    const short = await app.call('consent.recordException', { caseNo: other, agencyCode: 'KH-TAX', reason: '忘了' }, clerk, ORIGIN);
    expect(short).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID', message: expect.stringContaining('至少 4 字') } });
    const r = await app.call('consent.recordException', { caseNo: other, agencyCode: 'KH-TAX', reason: '民眾以自然人憑證簽署，紙本未留存' }, clerk, ORIGIN);
    expect(r.ok).toBe(true);
    const tax = (r as { value: { consents: { agencyCode: string; state: string; exception: { reason: string } | null }[] } }).value.consents.find((c) => c.agencyCode === 'KH-TAX');
    expect(tax).toMatchObject({ state: 'exception', exception: { reason: '民眾以自然人憑證簽署，紙本未留存' } });
    const again = await app.call('consent.recordException', { caseNo: other, agencyCode: 'KH-TAX', reason: '改一下理由可以嗎' }, clerk, ORIGIN);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONSENT_EXCEPTION_EXISTS' } });
  });

  it('case readers see the attachments; the PDF is hash-checked and the view audited', async () => {
    const clerk = await login('clerk');
    const evidence = await app.call('attachments.forCase', { caseNo }, clerk, ORIGIN);
    expect(evidence).toMatchObject({ ok: true, value: { attachments: [{ pageCount: 2, formPages: [1, 2] }] } });
    const id = (evidence as { value: { attachments: { id: number; sha256: string }[] } }).value.attachments[0]!;
    const pdf = await app.call('attachments.pdf', { attachmentId: id.id }, clerk, ORIGIN);
    expect(pdf).toMatchObject({ ok: true, value: { pages: 2, sha256: id.sha256 } });
    expect(app.ctx.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'attachment.view' AND case_no = ?").pluck().get(caseNo)).toBe(1);
    // Tampering with the stored file is caught on the next read.
    const store = tmp.file('contract.sqlite.files/attachments');
    const [sub] = readdirSync(store);
    const file = join(store, sub!, readdirSync(join(store, sub!))[0]!);
    const original = readFileSync(file);
    appendFileSync(file, 'x');
    expect(await app.call('attachments.pdf', { attachmentId: id.id }, clerk, ORIGIN)).toMatchObject({ ok: false, error: { code: 'ATTACHMENT_TAMPERED' } });
    writeFileSync(file, original);
  });

  it('a receiving agency gets only its consent pages, for its own notifications only', async () => {
    const n = (code: string) => app.ctx.db.prepare('SELECT n.id FROM notifications n JOIN cases c ON c.id = n.case_id WHERE c.case_no = ? AND n.item_code = ?').pluck().get(caseNo, code) as string;
    const social = await login('social');
    const own = await app.call('attachments.forNotification', { notificationId: n('N09') }, social, ORIGIN);
    // N09's block and the personal-data consent page, copied out of the verified original.
    expect(own).toMatchObject({ ok: true, value: { formPages: expect.any(Array), sourceSha256: [expect.stringMatching(/^[0-9a-f]{64}$/)] } });
    const out = (own as { value: { pdfBase64: string; formPages: number[] } }).value;
    expect((await PDFDocument.load(Buffer.from(out.pdfBase64, 'base64'))).getPageCount()).toBe(out.formPages.length);
    expect(out.formPages).toContain(2);
    expect(await app.call('attachments.forNotification', { notificationId: n('N01') }, social, ORIGIN)).toMatchObject({ ok: false, error: { code: 'NOTIFICATION_NOT_FOUND' } });
    expect(await app.call('attachments.forNotification', { notificationId: n('N01') }, await login('clerk'), ORIGIN)).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    expect(app.ctx.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'attachment.agency-view' AND actor = 'social'").pluck().get()).toBe(1);
  });

  it('the scanning clerk fixes the tray: a blank back set aside, a page attached to a searched case', async () => {
    const scanner = await login('scanner');
    const tray = await app.call('scanning.tray', {}, scanner, ORIGIN);
    const pages = (tray as { value: { pages: { id: number; reason: string }[] } }).value.pages;
    expect(pages.map((p) => p.reason)).toEqual([expect.stringContaining('空白頁'), expect.stringContaining('不是本系統')]);
    const thumb = await app.call('scanning.thumbnail', { pageId: pages[0]!.id }, scanner, ORIGIN);
    expect(thumb).toMatchObject({ ok: true, value: { dataUrl: expect.stringMatching(/^data:image\/jpeg;base64,/) } });
    expect(await app.call('scanning.dismissPage', { pageId: pages[0]!.id, reason: '雙面掃描的空白背面' }, scanner, ORIGIN)).toMatchObject({ ok: true, value: { state: 'dismissed' } });
    const other = (app.ctx.db.prepare('SELECT case_no FROM cases ORDER BY id DESC LIMIT 1').pluck().get() as string).toLowerCase(); // typed in lower case
    const attached = await app.call('scanning.attachPages', { pageIds: [pages[1]!.id], caseNo: other }, scanner, ORIGIN);
    expect(attached).toMatchObject({ ok: true, value: { caseNo: other.toUpperCase(), source: 'tray', pageCount: 1, formPages: [] } });
    expect(await app.call('scanning.attachPages', { pageIds: [pages[1]!.id], caseNo: other }, scanner, ORIGIN)).toMatchObject({ ok: false, error: { code: 'PAGE_ALREADY_ATTACHED' } });
    expect((await app.call('scanning.tray', {}, scanner, ORIGIN)) as unknown).toMatchObject({ ok: true, value: { pages: [] } });
  });
});
