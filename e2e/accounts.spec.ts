import { expect, signIn, test } from './fixtures';
import { ownHost, signInAt } from './ownHost';

/**
 * 帳號與權限管理 (issue 7): the administrator creates a clerk (zh-TW validation first), changes the
 * role, sees both in the change log, and the new account signs in. Then the idle lock, on a host of
 * its own with a 3-second idle time (NIN1_IDLE_LOCK_SECONDS, test hosts only).
 */
test('admin creates a user, changes the role, sees both in the change log; the new user signs in', async ({ page, shot }) => {
  const username = `e2e.${Date.now().toString(36)}`;
  await signIn(page, 'admin');
  await page.getByRole('button', { name: '帳號與權限管理' }).click();
  await expect(page.getByRole('heading', { name: '帳號與權限管理' })).toBeVisible();
  await expect(page.getByRole('table', { name: '帳號清單' }).getByRole('row', { name: /clerk2/ })).toBeVisible();

  await page.getByRole('button', { name: '新增帳號' }).click();
  await page.getByRole('button', { name: '建立帳號' }).click();
  await expect(page.getByText('帳號須為 3–32 個小寫英數字')).toBeVisible();
  await expect(page.getByText('密碼至少 10 個字元').first()).toBeVisible();

  const create = page.getByRole('form', { name: '新增帳號' });
  await create.getByLabel('帳號').fill(username);
  await create.getByLabel('姓名').fill('測試承辦');
  await create.getByLabel('角色').selectOption('counter_clerk');
  await create.getByLabel('初始密碼').fill('Counter2026x');
  await create.getByLabel('確認密碼').fill('Counter2026x');
  await create.getByRole('button', { name: '建立帳號' }).click();
  const row = page.getByTestId(`account-${username}`);
  await expect(row).toContainText('臨櫃承辦人員');

  await page.getByRole('button', { name: `編輯 ${username}` }).click();
  await page.getByRole('form', { name: `編輯帳號 ${username}` }).getByLabel('角色').selectOption('supervisor');
  await page.getByRole('button', { name: '儲存變更' }).click();
  await expect(row).toContainText('主管');
  await shot('accounts-01-users');

  await page.getByRole('tab', { name: '異動紀錄' }).click();
  const log = page.getByRole('table', { name: '異動紀錄' });
  await expect(log.getByRole('row', { name: new RegExp(`變更角色.*${username.replace('.', '\\.')}.*臨櫃承辦人員 → 主管`) })).toBeVisible();
  await expect(log.getByRole('row', { name: new RegExp(`新增帳號.*${username.replace('.', '\\.')}`) })).toBeVisible();
  await page.getByRole('tab', { name: '權限矩陣' }).click();
  await expect(page.getByRole('table', { name: '權限矩陣' }).getByRole('rowheader', { name: /accounts\.create/ })).toBeVisible();
  await shot('accounts-02-log');

  await page.getByRole('tab', { name: '機關設定' }).click();
  await expect(page.getByRole('table', { name: '工作站設定' }).getByRole('row', { name: /閒置鎖定（分鐘）\s*30/ })).toBeVisible();
  await expect(page.getByRole('table', { name: '接收機關' }).getByRole('row', { name: /KH-TAX.*高雄市稅捐稽徵處/ })).toBeVisible();
  const [diagnostics] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '匯出診斷資料' }).click()]);
  expect(diagnostics.suggestedFilename()).toMatch(/^n-in-1-diagnostics-.+\.json$/);
  await shot('accounts-03-settings');

  await page.getByRole('button', { name: '登出' }).click();
  await expect(page.getByLabel('帳號', { exact: true })).toBeFocused();
  await page.keyboard.type(username);
  await page.keyboard.press('Enter');
  await page.keyboard.type('Counter2026x');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '臨櫃案件' })).toBeVisible();
  await expect(page.getByText('測試承辦（主管）')).toBeVisible();
  // A supervisor does not administer accounts: no button, and the services would refuse anyway.
  await expect(page.getByRole('button', { name: '帳號與權限管理' })).toHaveCount(0);
});

test.describe('idle lock', () => {
  const own = ownHost('idle', { args: ['--no-platform'], env: { NIN1_IDLE_LOCK_SECONDS: '3' } });

  test('the screen locks itself after the policy idle time without input', async ({ page }) => {
    await signInAt(own.host, page, 'clerk');
    await expect(page.getByRole('heading', { name: '臨櫃案件' })).toBeVisible();
    // No input now: within a few seconds the login screen is back, saying why.
    await expect(page.getByLabel('帳號', { exact: true })).toBeVisible({ timeout: 8_000 });
    await expect(page.getByText(/閒置超過 3 秒，已自動鎖定/)).toBeVisible();
  });
});
