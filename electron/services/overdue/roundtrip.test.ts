import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../platform/testing/harness';
import type { InboxItem } from '../../../shared/contract/syncApi';
import type { OverdueList } from '../../../shared/overdue/view';
import { createCounterApp, type CounterApp } from '../app';
import { recordConsentException } from '../consent/exceptions';
import { ensureDemoAgencyUsers } from '../demo/agencyUsers';
import { ensureDemoData } from '../demo/ensureDemo';
import { silentLogger } from '../logging/logger';
import { saveCredential } from '../sync/credentials';
import { moveDraft, tempDir } from '../testing/fixtures';
import { TEST_SYNC_OPTIONS } from '../testing/syncFixtures';

/**
 * 逾時未回報 through the contract calls the renderer uses, against the real platform (SQLite,
 * loopback HTTP): the counter's supervisor list and case view, and the agency's inbox flag and
 * filter (computed by the platform). Both clocks are moved by hand; the case is delivered on
 * Thu 2026-11-26 10:30 Taipei.
 */
const tmp = tempDir('nin1-overdue-rt-');
let platform: TestPlatform;
let app: CounterApp;
let counterNow = Date.parse('2026-11-26T02:30:00.000Z');
let caseNo = '';

const ok = async <T>(method: string, input: unknown, session: string | null): Promise<T> => {
  const r = await app.call(method, input, session);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
};
const login = async (username: string) => (await ok<{ token: string }>('session.login', { username, password: 'demo1234' }, null)).token;
const sync = () => app.sync.engine()!.syncOnce('test');
const setBoth = (iso: string) => {
  counterNow = Date.parse(iso);
  platform.clock.set(iso);
};

beforeAll(async () => {
  platform = await startTestPlatform();
  app = createCounterApp({ dbFile: tmp.file('counter.sqlite'), create: true, shell: 'cli', logger: silentLogger(), clock: { now: () => new Date(counterNow) }, sync: { sync: TEST_SYNC_OPTIONS } });
  ensureDemoData(app.ctx, { cases: 0 });
  ensureDemoAgencyUsers(app.ctx);
  const at = new Date(counterNow).toISOString();
  saveCredential(app.ctx.db, { kind: 'workstation', agencyCode: null, clientId: 'FS01-W01', url: platform.url, token: await platform.workstationToken(), expiresAt: '2099-01-01T00:00:00Z', enrolledAt: at });
  saveCredential(app.ctx.db, { kind: 'agency', agencyCode: 'KH-TAX', clientId: 'FS01-W01', url: platform.url, token: await platform.agencyToken('KH-TAX', 'FS01-W01'), expiresAt: '2099-01-01T00:00:00Z', enrolledAt: at });
  await app.sync.reload();

  const clerk = await login('clerk');
  caseNo = (await ok<{ caseNo: string }>('cases.create', moveDraft({ moveDate: '2026-11-20' }), clerk)).caseNo;
  const id = app.ctx.db.prepare("SELECT id FROM users WHERE username = 'clerk'").pluck().get() as number;
  const actor = { user: { id, username: 'clerk', displayName: '王怡君', role: 'counter_clerk' as const, officeCode: 'FS01' }, workstation: 'FS01-W01', ip: null };
  for (const agency of ['KH-TAX', 'KH-LAND-FS', 'THB-KH-MV', 'KH-SOCIAL']) recordConsentException(app.ctx, actor, caseNo, agency, '測試：簽名同意書另行歸檔');
  expect(await sync()).toMatchObject({ delivered: 5, error: null });
});
afterAll(async () => {
  await app.sync.stop();
  app.close();
  await platform.close();
  tmp.cleanup();
});

describe('逾時未回報 end to end', () => {
  it('the agency inbox carries the platform\'s deadline; overdue-only filters after the deadline', async () => {
    const tax = await login('tax');
    const page = await ok<{ entries: InboxItem[] }>('inbox.list', { limit: 50 }, tax);
    expect(page.entries.map((e) => [e.itemCode, e.dueAt, e.overdue]).sort()).toEqual([
      ['N01', '2026-12-10T15:59:59.999Z', false],
      ['N02', '2026-12-28T04:00:00.000Z', false], // 30 days → Sat 12-26 → Mon 12-28 上午 (§48 IV: noon)
    ]);
    expect((await ok<{ entries: InboxItem[] }>('inbox.list', { overdue: true, limit: 50 }, tax)).entries).toEqual([]);

    setBoth('2026-12-11T01:00:00.000Z'); // Fri 09:00 Taipei
    const tax2 = await login('tax'); // the idle lock ended the earlier session
    const late = await ok<{ entries: InboxItem[] }>('inbox.list', { overdue: true, limit: 50 }, tax2);
    expect(late.entries.map((e) => [e.itemCode, e.overdue])).toEqual([['N01', true]]);
  });

  it('the supervisor lists the office\'s overdue notifications; the clerk may not; an agency\'s completion takes one off', async () => {
    setBoth('2026-12-11T01:00:00.000Z');
    const supervisor = await login('supervisor');
    const list = await ok<OverdueList>('overdue.list', {}, supervisor);
    expect(list.rows.map((r) => [r.itemCode, r.daysOverdue])).toEqual([['N08', 8], ['N01', 1], ['N04', 1], ['N09', 1]]);
    expect(list.rows.every((r) => r.caseNo === caseNo)).toBe(true);
    expect(await ok('overdue.count', {}, supervisor)).toEqual({ total: 4 });
    const denied = await app.call('overdue.list', {}, await login('clerk'));
    expect(denied).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });

    const detail = await ok<{ notifications: { itemCode: string; overdue: boolean; dueAt: string | null }[] }>('cases.get', { caseNo }, supervisor);
    expect(detail.notifications.filter((n) => n.overdue).map((n) => n.itemCode).sort()).toEqual(['N01', 'N04', 'N08', 'N09']);

    const tax = await login('tax');
    const n01 = (await ok<{ entries: InboxItem[] }>('inbox.list', { item: 'N01', limit: 50 }, tax)).entries[0]!;
    const done = await ok<InboxItem>('inbox.act', { id: n01.id, action: { action: 'complete' } }, tax);
    expect(done).toMatchObject({ status: 'completed', overdue: false });
    await sync(); // the counter pulls the completion
    expect((await ok<OverdueList>('overdue.list', {}, supervisor)).rows.map((r) => r.itemCode)).toEqual(['N08', 'N04', 'N09']);
  });
});
