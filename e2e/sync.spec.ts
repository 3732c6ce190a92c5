import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createMoveCaseViaApi, openCaseBySearch, ownHost, settledBacklog, signInAt } from './ownHost';

/**
 * The round trip in the UI, on its own host and demo platform (the shared host of the other specs
 * runs without one): a case saved while the platform is down stays queued; the platform comes
 * back and the notifications become 平台已收 on the open case without a reload; the tax office's
 * clerk signs in to the same app, completes one notification and answers the 稅單查證; the counter
 * sees 已完成 and the answer.
 */
const own = ownHost('sync');

const rowOf = (page: Page, code: string) => page.locator('.table--notifications tbody tr').filter({ hasText: code });

test('queued while the platform is down, delivered when it returns, completed and answered by the agency', async ({ page, browser, shot }) => {
  test.setTimeout(120_000);
  const host = own.host;
  const platform = host.demoPlatform;
  expect(platform, 'the demo host starts a local platform').not.toBeNull();
  await settledBacklog(own.dbFile); // the demo's past cases are sent first
  await platform!.stop();

  // The counter, offline: the case is saved, its items wait in the outbox, the strip says so.
  await signInAt(host, page, 'clerk');
  await expect(page.getByRole('heading', { name: '臨櫃案件' })).toBeVisible();
  const strip = page.getByRole('region', { name: '同步狀態' });
  const caseNo = await createMoveCaseViaApi(host, true);
  await openCaseBySearch(page, caseNo);
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
  await signInAt(host, agency, 'tax');
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
