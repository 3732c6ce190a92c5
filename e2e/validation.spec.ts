import { expect, origin, signIn, test } from './fixtures';

test.describe('wizard validation', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
    await page.keyboard.press('F2');
    await expect(page.getByRole('heading', { name: /步驟 1／4/ })).toBeVisible();
  });

  test('a wrong ID checksum is shown next to the field and the wizard does not advance', async ({ page, shot }) => {
    const kb = page.keyboard;
    const id = page.getByLabel('身分證統一編號');
    await expect(id).toBeFocused();
    await kb.type('A123456788');
    // Ten characters typed: the checksum error shows at once, tied to the input.
    const error = page.locator('#f-participants-0-id-error');
    await expect(error).toHaveText(/證號檢查碼不符/);
    await expect(error).toHaveAttribute('role', 'alert');
    await expect(id).toHaveAttribute('aria-invalid', 'true');
    await expect(id).toHaveAttribute('aria-describedby', /f-participants-0-id-error/);
    // Not masked: only a valid number is masked.
    await kb.press('Enter');
    await expect(id).toHaveValue('A123456788');
    await kb.type('王小明');
    await kb.press('Enter');
    await kb.type('79/03/15');
    await kb.press('Enter');
    await kb.press('Enter'); // phone is optional; Enter on the last field tries the next step
    await expect(page.getByRole('heading', { name: /步驟 1／4/ })).toBeVisible();
    await expect(id).toBeFocused();
    await expect(page.getByText('本步驟尚有 1 個欄位需要修正')).toBeVisible();
    await kb.press('F10');
    await expect(page.getByRole('heading', { name: /步驟 1／4/ })).toBeVisible();
    await shot('id-checksum-error');

    // Fixing the last digit clears the error and lets the clerk through.
    await kb.press('End');
    await kb.press('Backspace');
    await kb.type('9');
    await expect(error).toHaveCount(0);
    await kb.press('F10');
    await expect(page.getByRole('heading', { name: /步驟 2／4/ })).toBeVisible();
  });

  test('bad addresses and dates are explained in zh-TW; the house-tax bill box drives 稅單查證', async ({ page, shot }) => {
    const kb = page.keyboard;
    await kb.type('A123456789');
    await kb.press('Enter');
    await kb.type('陳大文');
    await kb.press('Enter');
    await kb.type('0791332'); // month 13
    await kb.press('Enter');
    await expect(page.locator('#f-participants-0-birthDate-error')).toHaveText(/月份應為 1 至 12/);
    await page.getByLabel('出生日期').press('ControlOrMeta+a');
    await kb.type('0790315');
    await kb.press('F10');

    await expect(page.getByRole('heading', { name: /步驟 2／4/ })).toBeVisible();
    const oldAddress = page.getByLabel('原住址');
    await expect(oldAddress).toBeFocused();
    await kb.type('高雄市鳳山區光復路'); // no house number
    await kb.press('Enter');
    await expect(page.locator('#f-fields-oldAddress-error')).toHaveText('「原住址」：地址缺少門牌號碼（○號）');
    await kb.type('台北市不存在區中正路1號');
    await kb.press('F10');
    await expect(oldAddress).toBeFocused();
    await expect(page.locator('#f-fields-newAddress-error')).toContainText('沒有「不存在區」這個鄉鎮市區');
    await shot('address-errors');

    await oldAddress.press('ControlOrMeta+a');
    await kb.type('高雄市苓雅區四維三路2號');
    await kb.press('Enter');
    await kb.press('ControlOrMeta+a');
    await kb.type('高雄縣鳳山市光復路二段132號');
    // Old county names are mapped to today's and the note shows under the field.
    await expect(page.locator('#f-fields-newAddress-hint')).toContainText('高雄市鳳山區光復路二段132號');
    await expect(page.locator('#f-fields-newAddress-error')).toHaveCount(0);

    // The bill box: unchecked → 稅單查證 is added; checked → removed.
    const bill = page.getByLabel('民眾已攜帶房屋稅單');
    await kb.press('Enter');
    await kb.press('Enter');
    await expect(bill).toBeFocused();
    await expect(bill).not.toBeChecked();
    await expect(page.locator('#f-fields-hasHouseTaxBill-hint')).toContainText('將自動加辦「辦理戶籍遷入時稅單查證」');
    await kb.press('Space');
    await expect(page.locator('#f-fields-hasHouseTaxBill-hint')).toContainText('不需辦理「辦理戶籍遷入時稅單查證」');
    await kb.press('F10');
    await expect(page.getByRole('heading', { name: /步驟 3／4/ })).toBeVisible();
    const v01 = page.locator('#f-items-V01');
    await expect(v01).not.toBeChecked();

    await kb.press('Escape');
    await expect(page.getByRole('heading', { name: /步驟 2／4/ })).toBeVisible();
    await bill.press('Space'); // uncheck: the citizen has no bill after all
    await expect(bill).not.toBeChecked();
    await kb.press('F10');
    await expect(page.getByRole('heading', { name: /步驟 3／4/ })).toBeVisible();
    await expect(v01).toBeChecked();
    await expect(v01).toBeDisabled();
    await expect(page.getByText('辦理戶籍遷入時稅單查證')).toBeVisible();
    await expect(page.getByText('民眾未攜帶房屋稅單，須一併辦理')).toBeVisible();
    await expect(page.getByLabel('遷入處所門牌')).toHaveValue('高雄市鳳山區光復路二段132號');
    await shot('tax-bill-verification-added');

    // F9 checks everything and points at the first missing field.
    await kb.press('F9');
    await expect(page.getByLabel('土地坐落（地段、地號）')).toBeFocused();
  });

  test('Esc asks before discarding a draft; the safe answer is the default', async ({ page }) => {
    const kb = page.keyboard;
    await kb.type('A1234');
    await kb.press('Escape');
    const dialog = page.getByRole('dialog', { name: '放棄這筆案件？' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: '繼續編輯' })).toBeFocused();
    await kb.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByLabel('身分證統一編號')).toHaveValue('A1234');

    await kb.press('Escape');
    await expect(dialog).toBeVisible();
    await kb.press('Tab');
    await expect(dialog.getByRole('button', { name: '放棄草稿' })).toBeFocused();
    await kb.press('Enter');
    await expect(page.getByRole('heading', { name: '臨櫃案件' })).toBeVisible();
  });
});

test('the API refuses calls without the launch token', async ({ page, request }) => {
  // From the app's own origin (so the Origin check passes) but with no Authorization header.
  await page.goto(`${origin()}/`);
  const fromPage = await page.evaluate(async () => {
    const res = await fetch('/api/system.info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string; message: string } } };
  });
  expect(fromPage.status).toBe(401);
  expect(fromPage.body.ok).toBe(false);
  expect(fromPage.body.error?.code).toBe('HOST_TOKEN');

  const wrong = await request.post(`${origin()}/api/system.info`, { headers: { Authorization: 'Bearer not-the-token' }, data: {} });
  expect(wrong.status()).toBe(401);

  // Opened without the token, the app says how to get in instead of showing a broken login.
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await expect(page.getByRole('heading', { name: '無法連線到臨櫃服務' })).toBeVisible();
  await expect(page.getByText('連線憑證無效')).toBeVisible();
});

test('API errors show their zh-TW message; an expired session goes back to login', async ({ page }) => {
  await signIn(page);
  const kb = page.keyboard;
  const search = page.getByLabel(/查詢案件/);

  // A failing call: the service's message next to the box, never a stack trace.
  await page.route('**/api/cases.search', (route) =>
    route.fulfill({ json: { ok: false, error: { code: 'INTERNAL', message: '系統發生未預期的錯誤，已記錄於日誌，請稍後再試或聯絡資訊人員。' } } }),
  );
  await kb.type('王');
  await kb.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '系統發生未預期的錯誤' })).toBeVisible();

  // The host drops the session (idle timeout): the next call lands the clerk on the login screen.
  await page.unroute('**/api/cases.search');
  await page.route('**/api/cases.search', (route) =>
    route.fulfill({ json: { ok: false, error: { code: 'AUTH_EXPIRED', message: '閒置過久，請重新登入' } } }),
  );
  await search.press('Enter');
  await expect(page.getByLabel('帳號', { exact: true })).toBeFocused();
  await expect(page.getByRole('alert').filter({ hasText: '閒置過久，請重新登入（已登出）' })).toBeVisible();
  await expect(page.getByRole('contentinfo', { name: '狀態列' })).toContainText('未登入');
});
