import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHost } from '../electron/host/runHost';
import { expect, test } from './fixtures';

/**
 * A half-valid machine policy: the browser host serves the admin error screen naming each bad
 * field, runs nothing else, and starts normally once IT fixes the file and presses 重新檢查.
 */
test('an invalid policy shows the admin error screen with the exact fields, then recovers', async ({ page, shot }) => {
  const dir = mkdtempSync(join(tmpdir(), 'nin1-e2e-policy-'));
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ office: { code: 'fs01', name: '鳳山', agencyCode: 'KH-HR-FS' }, update: { url: 'http://updates.example.gov.tw/' } }));
  const before = process.env.NIN1_POLICY_FILE;
  process.env.NIN1_POLICY_FILE = policy;
  const host = await runHost(['--port', '0', '--db', join(dir, 'counter.sqlite')]);
  try {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: '工作站政策設定檔有誤，程式未啟動' })).toBeVisible();
    const table = page.getByRole('table', { name: '設定檔錯誤欄位' });
    await expect(table.getByRole('row', { name: /office\.code.*機關代碼須為 2–12 個大寫英數字/ })).toBeVisible();
    await expect(table.getByRole('row', { name: /update\.url.*須以 https:\/\/ 開頭/ })).toBeVisible();
    await shot('admin-error-policy');

    writeFileSync(policy, JSON.stringify({ office: { code: 'FS01', name: '高雄市鳳山區戶政事務所', agencyCode: 'KH-HR-FS' } }));
    await page.getByRole('button', { name: '已修正，重新檢查' }).click();
    await expect(page.getByLabel('帳號', { exact: true })).toBeVisible();
  } finally {
    await host.close();
    if (before === undefined) delete process.env.NIN1_POLICY_FILE;
    else process.env.NIN1_POLICY_FILE = before;
    rmSync(dir, { recursive: true, force: true });
  }
});
