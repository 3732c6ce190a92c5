import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { ownHost } from './ownHost';

/**
 * A half-valid machine policy: the browser host serves the admin error screen naming each bad
 * field, runs nothing else, and starts normally once IT fixes the file and presses 重新檢查.
 */
const policyIn = (dir: string) => join(dir, 'policy.json');
const own = ownHost('policy', {
  env: ({ dir }) => ({ NIN1_POLICY_FILE: policyIn(dir) }),
  before: ({ dir }) =>
    writeFileSync(policyIn(dir), JSON.stringify({ office: { code: 'fs01', name: '鳳山', agencyCode: 'KH-HR-FS' }, update: { url: 'http://updates.example.gov.tw/' } })),
});

test('an invalid policy shows the admin error screen with the exact fields, then recovers', async ({ page, shot }) => {
  const policy = policyIn(own.dir);
  await page.goto(own.host.url);
  await expect(page.getByRole('heading', { name: '工作站政策設定檔有誤，程式未啟動' })).toBeVisible();
  const table = page.getByRole('table', { name: '設定檔錯誤欄位' });
  await expect(table.getByRole('row', { name: /office\.code.*機關代碼須為 2–12 個大寫英數字/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /update\.url.*須以 https:\/\/ 開頭/ })).toBeVisible();
  await shot('admin-error-policy');

  writeFileSync(policy, JSON.stringify({ office: { code: 'FS01', name: '高雄市鳳山區戶政事務所', agencyCode: 'KH-HR-FS' } }));
  await page.getByRole('button', { name: '已修正，重新檢查' }).click();
  await expect(page.getByLabel('帳號', { exact: true })).toBeVisible();
});
