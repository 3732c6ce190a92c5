import type { Page } from '@playwright/test';
import { makeProgressRecord } from '../electron/services/progress/hash';
import { n04LandEnvelope, notificationEnvelope } from '../platform/testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../platform/testing/harness';
import { expect, origin, signIn, test } from './fixtures';

/**
 * Citizen progress lookup (issue 7) in Chromium: the clerk shows the receipt on the print
 * preview (and reissues its code); the citizen opens the platform's page from the receipt QR (case and code in the URL),
 * the code leaves the address bar at once, the page shows each agency's status under its strict
 * CSP; a wrong code shows the same "no data" as an unknown case.
 */
let platform: TestPlatform;
const CASE_NO = 'FS01-1151127-0042';
const CODE = 'K7PX3QMZ';

test.beforeAll(async () => {
  platform = await startTestPlatform();
  const token = await platform.workstationToken();
  const progress = makeProgressRecord(CASE_NO, CODE, 1);
  const notifications = [notificationEnvelope({ caseNo: CASE_NO, progress }), n04LandEnvelope({ caseNo: CASE_NO, progress })];
  const r = await platform.http.call('submitNotifications', { body: { notifications } }, token);
  expect(r.status).toBe(200);
});
test.afterAll(async () => platform?.close());

function watchCsp(page: Page): string[] {
  const problems: string[] = [];
  // Console errors about CSP or script failures only: the wrong-code lookup's 404 (and the browser's
  // own favicon request) are expected "failed to load resource" lines.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

test('the receipt QR opens the platform page: code stripped from the URL, statuses shown, no CSP violation', async ({ page, shot }) => {
  const problems = watchCsp(page);
  await page.setViewportSize({ width: 390, height: 844 }); // a phone
  const lookup = page.waitForResponse((r) => r.url().endsWith('/v1/progress') && r.request().method() === 'POST');
  await page.goto(`${platform.url}/progress?case=${CASE_NO}&code=${CODE}`);
  expect((await lookup).status()).toBe(200);
  await expect(page.getByRole('heading', { name: '案件進度查詢' })).toBeVisible();
  expect(page.url()).not.toContain(CODE);
  expect(page.url()).toContain(`case=${CASE_NO}`);
  const items = page.locator('#items li');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('高雄市稅捐稽徵處');
  await expect(items.nth(0).locator('.status')).toHaveText('已送達');
  await expect(page.locator('body')).not.toContainText('王小明');
  await expect(page.locator('body')).not.toContainText('A123456789');
  await shot('progress-found');

  // Typing a wrong code (lower case, with a dash, as people do): the same "no data" as any unknown case.
  await page.getByLabel('查詢碼').fill('k7px-3qmy');
  await page.getByRole('button', { name: '查詢' }).click();
  await expect(page.getByRole('status')).toContainText('查無資料');
  await expect(page.locator('#result')).toBeHidden();
  await shot('progress-wrong-code');
  expect(problems).toEqual([]);
});

test('the clerk shows and downloads the receipt from the print preview', async ({ page }) => {
  await signIn(page, 'clerk');
  const caseLink = page.locator('.case-link').first();
  await expect(caseLink).toBeVisible();
  const caseNo = (await caseLink.textContent())!.trim();
  await caseLink.click();
  await page.getByRole('button', { name: '重印同意書' }).click();
  await expect(page.getByRole('button', { name: '顯示收執聯' })).toBeVisible();
  const receipt = page.waitForResponse((r) => r.url() === `${origin()}/api/cases.receiptPdf`);
  await page.getByRole('button', { name: '顯示收執聯' }).click();
  const body = (await (await receipt).json()) as { ok: boolean; value: { fileName: string; pdfBase64: string } };
  expect(body.ok).toBe(true);
  expect(body.value.fileName).toBe(`${caseNo}-receipt.pdf`);
  expect(Buffer.from(body.value.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.locator('iframe.pdf-frame')).toHaveAttribute('title', `案件 ${caseNo} 收執聯`);
  const saved = page.waitForEvent('download');
  await page.getByRole('link', { name: '下載' }).click();
  expect((await saved).suggestedFilename()).toBe(`${caseNo}-receipt.pdf`);
  // Reissue: the first press asks, the second issues a new code and the receipt is drawn again.
  await page.getByRole('button', { name: '重新核發查詢碼' }).click();
  const again = page.waitForResponse((r) => r.url() === `${origin()}/api/cases.receiptPdf`);
  await page.getByRole('button', { name: '確定重新核發？舊查詢碼將失效' }).click();
  await expect(page.getByText('已重新核發查詢碼（第 2 次核發）')).toBeVisible();
  const reissued = (await (await again).json()) as { ok: boolean; value: { pdfBase64: string } };
  expect(reissued.ok).toBe(true);
  expect(reissued.value.pdfBase64).not.toBe(body.value.pdfBase64);
  await page.getByRole('button', { name: '顯示同意書' }).click();
  await expect(page.locator('iframe.pdf-frame')).toHaveAttribute('title', `案件 ${caseNo} 申請書暨同意書`);
});

/** Issue 16 §1: the page follows the browser's language among seven, and a keyboard can switch it. */
const VI = { heading: 'Tra cứu tiến độ hồ sơ', code: 'Mã tra cứu', lookup: 'Tra cứu', delivered: 'Đã chuyển đến', noData: 'Không tìm thấy dữ liệu' };
const TH = { heading: 'ตรวจสอบความคืบหน้าคำร้อง', delivered: 'ส่งถึงแล้ว' };

test('a browser asking for Vietnamese (Accept-Language vi) gets the Vietnamese page, statuses and answers', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'vi-VN', extraHTTPHeaders: { 'Accept-Language': 'vi-VN,vi;q=0.9' } });
  const page = await context.newPage();
  const problems = watchCsp(page);
  try {
    const lookup = page.waitForResponse((r) => r.url().endsWith('/v1/progress') && r.request().method() === 'POST');
    await page.goto(`${platform.url}/progress?case=${CASE_NO}&code=${CODE}`);
    expect((await lookup).status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(VI.heading);
    await expect(page.getByLabel(VI.code)).toBeVisible();
    await expect(page.locator('#items li').nth(0).locator('.status')).toHaveText(VI.delivered);
    await expect(page.locator('#items li').nth(0).locator('.when')).toContainText(/20\d\d-\d\d-\d\d/); // Western year outside zh-TW
    await page.getByLabel(VI.code).fill('k7px-3qmy');
    await page.getByRole('button', { name: VI.lookup, exact: true }).click();
    await expect(page.getByRole('status')).toContainText(VI.noData);
    await expect(page.locator('body')).not.toContainText(/draft/i);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

test('the language switch works from the keyboard alone: in place, kept in ?lang=, the typed code and the result stay', async ({ page, shot }) => {
  const problems = watchCsp(page);
  await page.goto(`${platform.url}/progress`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant-TW');
  await expect(page.getByRole('button', { name: '切換語言' })).toBeHidden(); // with the script the select acts at once
  // Keyboard only: Tab to the switch (the first control), choose ภาษาไทย with the arrow keys.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('語言')).toBeFocused();
  const select = page.locator('#lang'); // its label changes with the language
  await expect(select.locator('option')).toHaveText(['繁體中文', '简体中文', 'English', 'Tiếng Việt', 'Bahasa Indonesia', 'ภาษาไทย', 'ខ្មែរ']);
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await expect(page.locator('html')).toHaveAttribute('lang', 'th');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TH.heading);
  expect(new URL(page.url()).searchParams.get('lang')).toBe('th');
  // On through the form with Tab, typing, Enter: the answer comes in Thai.
  await page.keyboard.press('Tab');
  await expect(page.locator('#caseNo')).toBeFocused();
  await page.keyboard.type(CASE_NO);
  await page.keyboard.press('Tab');
  await page.keyboard.type(CODE);
  await page.keyboard.press('Enter');
  await expect(page.locator('#items li').nth(0).locator('.status')).toHaveText(TH.delivered);
  // Back to Traditional Chinese: the result is said again in place, nothing typed is lost.
  await select.focus();
  await page.keyboard.press('Home');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant-TW');
  await expect(page.locator('#items li').nth(0).locator('.status')).toHaveText('已送達');
  await expect(page.locator('#code')).toHaveValue(CODE);
  // A reload keeps the chosen language (?lang= wins over the browser's).
  await page.keyboard.press('ArrowDown');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByLabel('语言')).toHaveValue('zh-Hans');
  await shot('progress-zh-Hans');
  expect(problems).toEqual([]);
});
