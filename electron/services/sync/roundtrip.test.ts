import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import type { ApiOutput } from '../../../shared/contract/api';
import type { Result } from '../../../shared/result';
import { createCounterApp, type CounterApp } from '../app';
import { recordConsentException } from '../consent/exceptions';
import { ensureDemoAgencyUsers } from '../demo/agencyUsers';
import { ensureDemoData } from '../demo/ensureDemo';
import { silentLogger } from '../logging/logger';
import { moveDraft, tempDir } from '../testing/fixtures';
import { TEST_SYNC_OPTIONS } from '../testing/syncFixtures';
import { saveCredential } from './credentials';

/**
 * The counter app against the real platform (in this process, SQLite file, loopback HTTP) through
 * the contract calls the renderer uses: a case goes out, the tax office works it from its inbox in
 * the same app, the counter sees the outcome and the 檢證 answer; roles are enforced in the
 * services; the paper fallback keeps an item out of the outbox. Both clocks are a day apart.
 */
const tmp = tempDir('nin1-roundtrip-');
let platform: TestPlatform;
let app: CounterApp;
const DAY = 86_400_000;

beforeAll(async () => {
  platform = await startTestPlatform();
  platform.clock.set(new Date(Date.now() - DAY).toISOString()); // platform a day behind real time
  const counterClock = { now: () => new Date(Date.now() + DAY) }; // counter a day ahead
  app = createCounterApp({ dbFile: tmp.file('counter.sqlite'), create: true, shell: 'cli', logger: silentLogger(), clock: counterClock, sync: { sync: { ...TEST_SYNC_OPTIONS, push: true } } });
  ensureDemoData(app.ctx, { cases: 0 });
  ensureDemoAgencyUsers(app.ctx);
  const at = counterClock.now().toISOString();
  saveCredential(app.ctx.db, { kind: 'workstation', agencyCode: null, clientId: 'FS01-W01', url: platform.url, token: await platform.workstationToken(), expiresAt: '2099-01-01T00:00:00Z', enrolledAt: at });
  saveCredential(app.ctx.db, { kind: 'agency', agencyCode: 'KH-TAX', clientId: 'FS01-W01', url: platform.url, token: await platform.agencyToken('KH-TAX', 'FS01-W01'), expiresAt: '2099-01-01T00:00:00Z', enrolledAt: at });
  await app.sync.reload();
  app.sync.start();
});
afterAll(async () => {
  await app.sync.stop();
  app.close();
  await platform.close().catch(() => undefined); // its server was already closed by the outage test
  tmp.cleanup();
});

async function call<K extends string>(method: K, input: unknown, session: string | null): Promise<Result<never>> {
  return (await app.call(method, input, session)) as Result<never>;
}
async function ok<T>(method: string, input: unknown, session: string | null): Promise<T> {
  const r = await app.call(method, input, session);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
const login = async (username: string) => (await ok<{ token: string }>('session.login', { username, password: 'demo1234' }, null)).token;
async function eventually<T>(fn: () => Promise<T>, check: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (check(v)) return v;
    if (Date.now() > end) throw new Error(`not reached: ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The signed consent form is scanned in another slice; here each agency gets a recorded exception. */
function settleConsent(caseNo: string): void {
  const id = app.ctx.db.prepare("SELECT id FROM users WHERE username = 'clerk'").pluck().get() as number;
  const actor = { user: { id, username: 'clerk', displayName: '王怡君', role: 'counter_clerk' as const, officeCode: 'FS01' }, workstation: 'FS01-W01', ip: null };
  const agencies = app.ctx.db.prepare('SELECT DISTINCT n.receiver_agency FROM notifications n JOIN cases c ON c.id = n.case_id WHERE c.case_no = ?').pluck().all(caseNo) as string[];
  for (const agency of agencies) recordConsentException(app.ctx, actor, caseNo, agency, '測試：簽名同意書另行歸檔');
}

const withV01 = () =>
  moveDraft({
    moveDate: new Date(Date.now() + DAY - 3 * DAY).toISOString().slice(0, 10),
    hasHouseTaxBill: false,
    items: [...moveDraft().items, { code: 'V01', fields: { houseAddress: '高雄市鳳山區光復路二段132號', houseOwner: '王大同', question: '房屋稅籍及所有權人' } }],
  });

type Progress = ApiOutput<'cases.progress'>;

describe('counter ⇄ platform ⇄ agency, through the contract', () => {
  let clerk: string;
  let tax: string;
  let caseNo: string;

  it('a saved case is delivered within moments and the status strip says so', async () => {
    clerk = await login('clerk');
    caseNo = (await ok<{ caseNo: string }>('cases.create', withV01(), clerk)).caseNo;
    settleConsent(caseNo);
    const progress = await eventually(
      () => ok<Progress>('cases.progress', { caseNo }, clerk),
      (p) => p.notifications.every((n) => n.status === 'delivered'),
    );
    expect(progress.notifications.map((n) => n.outbox)).toEqual(Array(6).fill('done'));
    // The run records its time after the acknowledgements and the pull that follows them.
    const status = await eventually(() => ok<ApiOutput<'sync.status'>>('sync.status', {}, clerk), (st) => st.lastSyncAt !== null);
    expect(status).toMatchObject({ enrolled: true, online: true, queued: 0, consentHeld: 0, failedCount: 0 });
  });

  it('roles are enforced in the services: a clerk has no inbox, an agency clerk takes no cases', async () => {
    tax = await login('tax');
    expect(((await call('inbox.list', {}, clerk)) as { error: { code: string } }).error.code).toBe('ACCESS_DENIED');
    expect(((await call('cases.create', withV01(), tax)) as { error: { code: string } }).error.code).toBe('ACCESS_DENIED');
    expect(((await call('sync.retryNow', {}, tax)) as { error: { code: string } }).error.code).toBe('ACCESS_DENIED');
  });

  it('the tax office completes one item and answers the 檢證; the counter sees both, in order, despite the clocks', async () => {
    const inbox = await ok<ApiOutput<'inbox.list'>>('inbox.list', { limit: 50 }, tax);
    expect(inbox.agencyName).toBe('高雄市稅捐稽徵處');
    const mine = inbox.entries.filter((e) => e.caseNo === caseNo);
    expect(mine.map((e) => e.itemCode).sort()).toEqual(['N01', 'N02', 'V01']);
    expect(mine[0]!.person.id).toBe('A12****789'); // masked in the list
    const n01 = mine.find((e) => e.itemCode === 'N01')!;
    const opened = await ok<ApiOutput<'inbox.open'>>('inbox.open', { id: n01.id }, tax);
    expect(opened).toMatchObject({ status: 'received', person: { id: 'A123456789' } });
    await ok('inbox.act', { id: n01.id, action: { action: 'complete' } }, tax);
    // Opening it again later shows it as it is now, with nothing changed on the platform.
    expect(await ok<ApiOutput<'inbox.open'>>('inbox.open', { id: n01.id }, tax)).toMatchObject({ status: 'completed' });
    const v01 = mine.find((e) => e.itemCode === 'V01')!;
    await ok('inbox.act', { id: v01.id, action: { action: 'answer', answer: { found: false, text: '查無房屋稅籍資料' } } }, tax);
    const n02 = mine.find((e) => e.itemCode === 'N02')!;
    await ok('inbox.act', { id: n02.id, action: { action: 'reject', reason: '地號有誤' } }, tax);

    const progress = await eventually(
      () => ok<Progress>('cases.progress', { caseNo }, clerk),
      (p) => p.notifications.find((n) => n.itemCode === 'V01')?.answer !== null && p.notifications.find((n) => n.itemCode === 'N02')?.status === 'rejected',
    );
    const byCode = new Map(progress.notifications.map((n) => [n.itemCode, n]));
    expect(byCode.get('N01')!.events.map((e) => e.status)).toEqual(['queued', 'delivered', 'received', 'completed']);
    expect(byCode.get('N02')).toMatchObject({ status: 'rejected', statusReason: '地號有誤' });
    expect(byCode.get('V01')!.answer).toMatchObject({ found: false, text: '查無房屋稅籍資料' });
    expect(byCode.get('V01')!.events.map((e) => e.status)).toEqual(['queued', 'delivered', 'received', 'completed']);
    // Audited on the agency side of this app: the list, the open (full ID shown), each action.
    const actions = app.ctx.db.prepare("SELECT action FROM audit WHERE actor = 'tax' ORDER BY id").pluck().all();
    expect(actions).toEqual(expect.arrayContaining(['agency.inbox', 'agency.open', 'agency.action']));
  });

  it('paper fallback: the printed single-item form is a real PDF, and a held item never leaves', async () => {
    await platform.platform.close(); // long outage
    const caseB = (await ok<{ caseNo: string }>('cases.create', moveDraft({ moveDate: new Date(Date.now() - DAY).toISOString().slice(0, 10) }), clerk)).caseNo;
    settleConsent(caseB);
    const progress = await ok<Progress>('cases.progress', { caseNo: caseB }, clerk);
    const n08 = progress.notifications.find((n) => n.itemCode === 'N08')!;
    expect(n08.outbox).toBe('pending');
    const pdf = await ok<{ pdfBase64: string; fileName: string }>('sync.paperForm', { notificationId: n08.id }, clerk);
    expect(pdf.fileName).toBe(`${caseB}-N08.pdf`);
    const file = tmp.file('paper.pdf');
    writeFileSync(file, Buffer.from(pdf.pdfBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('駕照更名、地址更正登記同意書');
    expect(text).toContain(caseB);
    expect(text).toContain('交通部公路局高雄區監理所');
    await ok('sync.markSentOnPaper', { notificationId: n08.id, note: '115/11/27 掛號寄出' }, clerk);
    const held = await ok<Progress>('cases.progress', { caseNo: caseB }, clerk);
    expect(held.notifications.find((n) => n.id === n08.id)).toMatchObject({ outbox: 'held', status: 'sent', statusLabel: '已改寄紙本' });
    expect(((await call('sync.markSentOnPaper', { notificationId: n08.id }, clerk)) as { error: { code: string } }).error.code).toBe('PAPER_NOT_ALLOWED');
    const status = await ok<ApiOutput<'sync.status'>>('sync.status', {}, clerk);
    expect(status).toMatchObject({ queued: 4, held: 1 });
  });
});
