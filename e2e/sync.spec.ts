import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { runHost } from '../electron/host/runHost';
import { expect, test } from './fixtures';

/**
 * The round trip in the UI, on its own host and demo platform (the shared host of the other specs
 * runs without one): a case saved while the platform is down stays queued; the platform comes
 * back and the notifications become 平台已收 on the open case without a reload; the tax office's
 * clerk signs in to the same app, completes one notification and answers the 稅單查證; the counter
 * sees 已完成 and the answer.
 */
let host: Awaited<ReturnType<typeof runHost>>;
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nin1-e2e-sync-'));
  host = await runHost(['--port', '0', '--db', join(dir, 'counter.sqlite')]);
});
test.afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signInAt(page: Page, username: string): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByLabel('帳號', { exact: true })).toBeFocused();
  await page.keyboard.type(username);
  await page.keyboard.press('Enter');
  await page.keyboard.type('demo1234');
  await page.keyboard.press('Enter');
}

/** Saves a 遷徙 case without the house-tax bill (5 notifications + V01) through the host's contract. */
async function createCaseViaApi(): Promise<string> {
  const origin = new URL(host.url).origin;
  const token = new URL(host.url).hash.replace('#token=', '');
  const post = async (method: string, body: unknown, session?: string) =>
    (await (
      await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(session ? { 'x-session': session } : {}) },
        body: JSON.stringify(body),
      })
    ).json()) as { ok: boolean; value: { token: string; caseNo: string }; error?: { message: string } };
  const login = await post('session.login', { username: 'clerk2', password: 'demo1234' });
  const address = '高雄市鳳山區光復路二段132號';
  const created = await post(
    'cases.create',
    {
      lifeEvent: 'move',
      person: { id: 'A123456789', name: '王小明', birthDate: '1990-03-15', phone: '0912345678' },
      oldAddress: '高雄市苓雅區四維三路2號',
      newAddress: address,
      moveDate: new Date().toISOString().slice(0, 10),
      hasHouseTaxBill: false,
      items: [
        { code: 'N01', fields: { mailingAddress: address, taxTypes: '全部稅目' } },
        { code: 'N02', fields: { landLocation: '鳳山區鳳山段一小段123地號', buildingAddress: address, ownerName: '王小明', registeredRelation: '本人' } },
        { code: 'N04', fields: { changeType: '住址變更', registeredAddress: address } },
        { code: 'N08', fields: { licenceScope: '駕照及行照', noViolationChecked: true } },
        { code: 'N09', fields: { certificateKind: '身心障礙證明' } },
        { code: 'V01', fields: { houseAddress: address, houseOwner: '王大同', question: '房屋稅籍及所有權人' } },
      ],
    },
    login.value.token,
  );
  if (!created.ok) throw new Error(`case not created: ${created.error?.message}`);
  // No signed form is scanned in this test: a documented consent exception per agency lets the items go.
  for (const agencyCode of ['KH-TAX', 'KH-LAND-FS', 'THB-KH-MV', 'KH-SOCIAL']) {
    const excepted = await post('consent.recordException', { caseNo: created.value.caseNo, agencyCode, reason: 'e2e：簽名同意書另行歸檔' }, login.value.token);
    if (!excepted.ok) throw new Error(`consent exception not recorded: ${excepted.error?.message}`);
  }
  return created.value.caseNo;
}

const rowOf = (page: Page, code: string) => page.locator('.table--notifications tbody tr').filter({ hasText: code });

test('queued while the platform is down, delivered when it returns, completed and answered by the agency', async ({ page, browser, shot }) => {
  test.setTimeout(120_000);
  const platform = host.demoPlatform;
  expect(platform, 'the demo host starts a local platform').not.toBeNull();
  await platform!.stop();

  // The counter, offline: the case is saved, its items wait in the outbox, the strip says so.
  await signInAt(page, 'clerk');
  await expect(page.getByRole('heading', { name: '臨櫃案件' })).toBeVisible();
  const strip = page.getByRole('region', { name: '同步狀態' });
  const caseNo = await createCaseViaApi();
  await page.keyboard.press('F3');
  await page.keyboard.type(caseNo);
  await page.keyboard.press('Enter');
  // ↓ must land on the search result, not on today's list still on screen while the search runs.
  await expect(page.getByRole('heading', { name: new RegExp(`查詢結果：「${caseNo}」（1 筆）`) })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `案件 ${caseNo}` })).toBeVisible();
  await expect(page.locator('.table--notifications tbody tr')).toHaveCount(6);
  for (const code of ['N01', 'N02', 'N04', 'N08', 'N09', 'V01']) await expect(rowOf(page, code).locator('.status')).toHaveText('待送出');
  await expect(strip).toContainText('平台離線', { timeout: 20_000 });
  await expect(strip.getByTestId('sync-queued')).toHaveText('6');
  await expect(page.getByTestId('verification-V01')).toContainText('等待機關回覆中');
  await expect(page.getByRole('heading', { name: /紙本備援/ })).toBeVisible();
  await shot('sync-01-offline-queued');

  // The platform is back: without a reload the items become 平台已收 and the queue empties.
  await platform!.start();
  for (const code of ['N01', 'N04', 'V01']) await expect(rowOf(page, code).locator('.status')).toHaveText('平台已收', { timeout: 60_000 });
  await expect(strip.getByTestId('sync-queued')).toHaveText('0');
  await expect(strip).toContainText('平台已連線');
  await shot('sync-02-delivered');

  // The tax office's clerk, in another window of the same app: inbox → open (簽收) → 完成.
  const agency = await browser.newPage();
  await signInAt(agency, 'tax');
  await expect(agency.getByRole('heading', { name: '高雄市稅捐稽徵處 收件匣' })).toBeVisible();
  const n01 = agency.getByRole('row').filter({ hasText: caseNo }).filter({ hasText: 'N01' });
  await expect(n01).toBeVisible();
  await expect(agency.locator('.table--inbox')).toContainText('A12****789');
  await n01.getByRole('button', { name: caseNo }).focus();
  await agency.keyboard.press('Enter');
  await expect(agency.getByTestId('inbox-status')).toHaveText('機關已收');
  await expect(agency.getByText('A123456789')).toBeVisible(); // opened: the full ID, audited
  await expect(agency.getByRole('button', { name: '完成辦理' })).toBeFocused();
  await agency.screenshot({ path: test.info().outputPath('sync-03-agency-open.png'), fullPage: true });
  await agency.keyboard.press('Enter');
  await expect(agency.getByTestId('inbox-status')).toHaveText('已完成');
  await agency.keyboard.press('Escape');

  // The 稅單查證: open, answer with the keyboard.
  const v01 = agency.getByRole('row').filter({ hasText: caseNo }).filter({ hasText: 'V01' });
  await v01.getByRole('button', { name: caseNo }).focus();
  await agency.keyboard.press('Enter');
  await expect(agency.getByRole('button', { name: '回覆檢證' })).toBeFocused();
  await agency.keyboard.press('Enter');
  await expect(agency.getByLabel('回覆內容')).toBeFocused();
  await agency.keyboard.type('查有房屋稅籍，納稅義務人王大同');
  await agency.keyboard.press('Enter');
  await expect(agency.getByText('已回覆：查有資料，查有房屋稅籍，納稅義務人王大同')).toBeVisible();
  await agency.screenshot({ path: test.info().outputPath('sync-04-agency-answered.png'), fullPage: true });

  // Back at the counter, still on the same open case: 已完成 and the answer, no reload.
  await expect(rowOf(page, 'N01').locator('.status')).toHaveText('已完成', { timeout: 15_000 });
  await expect(page.getByTestId('verification-V01')).toContainText('查有資料', { timeout: 15_000 });
  await expect(page.getByTestId('verification-V01')).toContainText('查有房屋稅籍，納稅義務人王大同');
  await expect(rowOf(page, 'N02').locator('.status')).toHaveText('平台已收');
  await shot('sync-05-counter-sees-completion');
  await agency.close();
});
