import { readFileSync } from 'node:fs';
import { expect, hostUrl, test } from './fixtures';

/**
 * The counter's main path, keyboard only (no clicks): sign in, F2, four wizard steps, save, print
 * preview, case detail, then find the case again by ID number and by case number.
 */
test('a clerk takes a 遷徙 case with five agency items using only the keyboard', async ({ page, shot }) => {
  const kb = page.keyboard;

  // Sign in. The launch token leaves the address bar as soon as the app has read it.
  await page.goto(hostUrl());
  await expect(page.getByLabel('帳號', { exact: true })).toBeFocused();
  await expect(page.getByRole('heading', { name: '示範環境帳號' })).toBeVisible();
  expect(page.url()).not.toContain('token=');
  await expect(page.getByRole('contentinfo', { name: '狀態列' })).toContainText('瀏覽器模式');
  await shot('01-login');
  await kb.type('clerk');
  await kb.press('Enter');
  await expect(page.getByLabel('密碼', { exact: true })).toBeFocused();
  await kb.type('demo1234');
  await kb.press('Enter');

  await expect(page.getByRole('heading', { name: '臨櫃案件' })).toBeVisible();
  await expect(page.getByLabel(/查詢案件/)).toBeFocused();
  await expect(page.getByRole('contentinfo', { name: '狀態列' })).toContainText('王怡君');
  await shot('02-home');

  // Step 1: person. Enter moves field to field; the ID is masked once left.
  await kb.press('F2');
  await expect(page.getByRole('heading', { name: /步驟 1／4/ })).toBeVisible();
  const id = page.getByLabel('身分證統一編號');
  await expect(id).toBeFocused();
  await kb.type('A123456789');
  await expect(page.getByText('國民身分證（男）A12****789')).toBeVisible();
  await kb.press('Enter');
  await expect(page.getByLabel('姓名')).toBeFocused();
  await expect(id).toHaveValue('A12****789');
  await kb.type('王小明');
  await kb.press('Enter');
  await expect(page.getByLabel('出生日期')).toBeFocused();
  await kb.type('0790315');
  await expect(page.getByText('民國79年3月15日（西元 1990-03-15）')).toBeVisible();
  await kb.press('Enter');
  await expect(page.getByLabel('聯絡電話')).toBeFocused();
  await kb.type('0912345678');
  await shot('03-step1-person');
  await kb.press('Enter');

  // Step 2: the move. Addresses are parsed as typed and shown in canonical form.
  await expect(page.getByRole('heading', { name: /步驟 2／4/ })).toBeVisible();
  await expect(page.getByLabel('原住址')).toBeFocused();
  await kb.type('高雄市苓雅區四維三路2號');
  await kb.press('Enter');
  await expect(page.getByLabel('新住址')).toBeFocused();
  await kb.type('高雄市鳳山區光復路二段132號之1 5樓');
  await expect(page.getByText('高雄市鳳山區光復路二段132號之1，5樓')).toBeVisible();
  await kb.press('Enter');
  await expect(page.getByLabel('遷入日期')).toBeFocused();
  await expect(page.getByLabel('遷入日期')).not.toHaveValue('');
  await kb.press('Enter');
  const bill = page.getByLabel('民眾已攜帶房屋稅單');
  await expect(bill).toBeFocused();
  await expect(bill).not.toBeChecked();
  await kb.press('Space');
  await expect(bill).toBeChecked();
  await expect(page.getByText('不需辦理「辦理戶籍遷入時稅單查證」')).toBeVisible();
  await shot('04-step2-move');
  await kb.press('Enter');

  // Step 3: items pre-ticked; focus lands on the first field still missing (N02 土地坐落).
  await expect(page.getByRole('heading', { name: /步驟 3／4/ })).toBeVisible();
  for (const code of ['N01', 'N02', 'N04', 'N08', 'N09']) {
    await expect(page.locator(`#f-items-${code}`)).toBeChecked();
  }
  await expect(page.locator('#f-items-V01')).not.toBeChecked();
  await expect(page.locator('#f-items-V01')).toBeDisabled();
  await expect(page.getByLabel('新稅單投遞地址')).toHaveValue('高雄市鳳山區光復路二段132號之1，5樓');
  const land = page.getByLabel('土地坐落（地段、地號）');
  await expect(land).toBeFocused();
  await kb.type('鳳山區鳳山段一小段123地號');
  await kb.press('Enter');
  await expect(page.getByLabel('地上建物門牌')).toBeFocused();

  // F10 refuses to leave while N08's confirmation is missing and puts the cursor there.
  await kb.press('F10');
  const noViolation = page.getByLabel('已向監理確認無違規未結案件');
  await expect(noViolation).toBeFocused();
  await expect(page.getByRole('alert').filter({ hasText: '請確認「已向監理確認無違規未結案件」' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /步驟 3／4/ })).toBeVisible();
  await shot('05-step3-items');
  await kb.press('Space');
  await expect(noViolation).toBeChecked();
  await kb.press('F10');

  // Step 4: review with the ID masked; Enter on 儲存.
  await expect(page.getByRole('heading', { name: /步驟 4／4/ })).toBeVisible();
  const saveButton = page.getByRole('button', { name: /儲存案件/ });
  await expect(saveButton).toBeFocused();
  await expect(page.getByText('通報機關（共 5 項）')).toBeVisible();
  await expect(page.locator('.review')).toContainText('A12****789');
  await expect(page.locator('.review')).not.toContainText('A123456789');
  await shot('06-review');

  // Print preview: the form comes from cases.formPdf and is shown from a blob: URL (the CSP allows
  // blob: only for frames, so the test reads the bytes back through 下載, like the clerk would).
  const pdfResponse = page.waitForResponse((r) => r.url().endsWith('/api/cases.formPdf'));
  await kb.press('Enter');
  await expect(page.getByRole('heading', { name: '案件已儲存' })).toBeVisible();
  const caseNo = (await page.locator('.case-no').first().textContent())?.trim() ?? '';
  expect(caseNo).toMatch(/^FS01-\d{7}-\d{4,6}$/);
  const api = (await (await pdfResponse).json()) as { ok: boolean; value: { pdfBase64: string; pages: number } };
  expect(api.ok).toBe(true);
  expect(Buffer.from(api.value.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const frame = page.locator('iframe.pdf-frame');
  await expect(frame).toHaveAttribute('src', /^blob:http:\/\/127\.0\.0\.1:\d+\//);
  await expect(page.getByRole('button', { name: '列印' })).toBeFocused();
  // Chromium's PDF viewer (an internal extension frame) takes over the blob frame: wait for it, so
  // the screenshot shows the rendered form rather than an empty frame.
  await expect.poll(() => page.frames().some((f) => f.url().startsWith('chrome-extension://'))).toBe(true);
  const viewer = page.frames().find((f) => f.url().startsWith('chrome-extension://'));
  await viewer?.waitForLoadState('load');
  await page.waitForTimeout(1500);
  await shot('07-print-preview');

  // Tab order: 列印 → 下載 → 前往案件. Enter on 下載 saves the very blob the frame shows.
  await kb.press('Tab');
  const download = page.getByRole('link', { name: '下載' });
  await expect(download).toBeFocused();
  await expect(download).toHaveAttribute('href', (await frame.getAttribute('src')) ?? 'missing');
  const saved = page.waitForEvent('download');
  await kb.press('Enter');
  const file = await saved;
  expect(file.suggestedFilename()).toBe(`${caseNo}.pdf`);
  const bytes = readFileSync(await file.path());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(1000);
  await kb.press('Tab');
  await expect(page.getByRole('button', { name: '前往案件' })).toBeFocused();
  await kb.press('Enter');

  // Case detail: five notifications, all 待送出.
  await expect(page.getByRole('heading', { name: `案件 ${caseNo}` })).toBeVisible();
  await expect(page.getByText('A12****789')).toBeVisible();
  const rows = page.locator('.table--notifications tbody tr');
  await expect(rows).toHaveCount(5);
  for (let i = 0; i < 5; i++) await expect(rows.nth(i).locator('.status')).toHaveText('待送出');
  await expect(page.getByRole('button', { name: '重印同意書' })).toBeFocused();
  await shot('08-case-detail');

  // F3: back to the search box; find the case by ID number, then by case number.
  await kb.press('F3');
  const search = page.getByLabel(/查詢案件/);
  await expect(search).toBeFocused();
  await kb.type('A123456789');
  await kb.press('Enter');
  await expect(page.getByRole('heading', { name: /查詢結果：「A123456789」/ })).toBeVisible();
  await expect(page.getByRole('button', { name: caseNo })).toBeVisible();
  await expect(page.locator('.table--cases')).toContainText('A12****789');
  await shot('09-search-by-id');

  await kb.press('ControlOrMeta+a');
  await kb.type(caseNo);
  await kb.press('Enter');
  await expect(page.getByRole('heading', { name: `查詢結果：「${caseNo}」（1 筆）` })).toBeVisible();
  await shot('10-search-by-case-no');

  // ↓ from the box to the row, Enter opens it.
  await kb.press('ArrowDown');
  await expect(page.getByRole('button', { name: caseNo })).toBeFocused();
  await kb.press('Enter');
  await expect(page.getByRole('heading', { name: `案件 ${caseNo}` })).toBeVisible();

  // Esc goes home, where today's queue lists the new case.
  await kb.press('Escape');
  await kb.press('Escape');
  await expect(page.getByRole('heading', { name: /本日案件/ })).toBeVisible();
  await expect(page.getByRole('button', { name: caseNo })).toBeVisible();
});
