import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { blankPage, degrade, rasterizePdf } from '../electron/services/scanning/testing/scanFixtures';
import { expect, hostUrl, origin, test } from './fixtures';

/** Calls the host's contract directly (the test prepares paper the way a counter clerk would print it). */
async function api<T>(method: string, body: unknown, session?: string): Promise<T> {
  const token = new URL(hostUrl()).hash.replace('#token=', '');
  const res = await fetch(`${origin()}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(session ? { 'x-session': session } : {}) },
    body: JSON.stringify(body),
  });
  const r = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!r.ok) throw new Error(`${method}: ${r.error?.message}`);
  return r.value;
}

/**
 * The scanning clerk's day end, keyboard first: the signed forms of this morning's cases come in
 * through the hot folder (as a network scanner drops them: one file per page, some upside down),
 * each page lands on its case; a page with a torn-off code and a blank back wait in the tray; the
 * clerk attaches the first to its case by searching, sets the second aside, and the case then
 * shows its signed consent complete.
 */
test('the scanning clerk feeds a stack through the hot folder and sees each page attach', async ({ page, shot }) => {
  test.setTimeout(180_000);
  const kb = page.keyboard;

  // This morning's demo cases, printed as the counter printed them.
  const { token } = await api<{ token: string }>('session.login', { username: 'clerk', password: 'demo1234' });
  const today = (await api<{ caseNo: string }[]>('cases.today', {}, token)).slice(0, 4).map((c) => c.caseNo);
  expect(today).toHaveLength(4);
  const forms = await Promise.all(today.map((caseNo) => api<{ pdfBase64: string }>('cases.formPdf', { caseNo }, token)));
  const sheets = forms.map((f) => rasterizePdf(Buffer.from(f.pdfBase64, 'base64'), 200));

  // Sign in as the scanning clerk: the scanning screen is home.
  await page.goto(hostUrl());
  await expect(page.getByLabel('帳號', { exact: true })).toBeFocused();
  await kb.type('scanner');
  await kb.press('Enter');
  await kb.type('demo1234');
  await kb.press('Enter');
  await expect(page.getByRole('heading', { name: '掃描歸檔' })).toBeVisible();
  const folder = page.getByTestId('hot-folder-path');
  await expect(folder).toBeVisible({ timeout: 30_000 });
  const hot = (await folder.textContent())!;
  await shot('scan-01-ready');

  // F9: watch the folder. Then the scanner drops the stack.
  await kb.press('F9');
  await expect(page.getByRole('status').filter({ hasText: '監看收件資料夾中' })).toBeVisible();
  // On top, the fourth form with its code torn off (a white patch over the top-right corner): with
  // no code and no page before it, it cannot be placed (behind a placed page it would join that
  // page's document). Then three forms, one upside down, and a blank back.
  const torn = await sharp(sheets[3]![0]!).composite([{ input: { create: { width: 420, height: 420, channels: 3, background: '#ffffff' } }, left: 1234, top: 0 }]).png().toBuffer();
  const drop: [string, Buffer][] = [['0001-torn.png', torn]];
  for (const [i, pages] of sheets.slice(0, 3).entries()) {
    for (const [p, png] of pages.entries()) drop.push([`${String(drop.length + 1).padStart(4, '0')}-${i}-${p}.png`, await degrade(png, { noise: 6, rotate: i === 1 ? 180 : 0, seed: drop.length })]);
  }
  drop.push([`${String(drop.length + 1).padStart(4, '0')}-blank.png`, await blankPage(200)]);
  for (const [name, bytes] of drop) writeFileSync(join(hot, name), bytes);

  const strip = page.getByRole('list', { name: '已掃描的頁面' });
  await expect(strip.getByRole('listitem')).toHaveCount(drop.length, { timeout: 90_000 });
  for (const caseNo of today.slice(0, 3)) await expect(strip.getByRole('button', { name: new RegExp(`已歸案 ${caseNo} 第 1 頁`) })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: '未歸案區（2 頁）' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('scan-count')).toHaveText(`${drop.length} 頁`);
  await shot('scan-02-landed');

  // Esc ends watching (the files stay where they are).
  await kb.press('Escape');
  await expect(page.getByRole('status').filter({ hasText: '完成' })).toBeVisible({ timeout: 20_000 });

  // The tray: tick the torn page (Space), find its case, say it is form page 1, attach.
  const tray = page.getByRole('list', { name: '未歸案的頁面' });
  const tornBox = tray.getByRole('checkbox', { name: /torn\.png/ });
  await tornBox.focus();
  await kb.press('Space');
  await expect(tornBox).toBeChecked();
  await page.getByLabel(/歸入案件/).focus();
  await kb.type(today[3]!);
  await kb.press('Enter');
  const result = page.getByRole('list', { name: '查詢結果' }).getByRole('button', { name: new RegExp(today[3]!) });
  await expect(result).toHaveAttribute('aria-pressed', 'true'); // one hit: chosen already
  await page.getByLabel('第一頁是同意書的').selectOption('1');
  await page.getByRole('button', { name: new RegExp(`歸入 ${today[3]}（1 頁）`) }).click();
  await expect(page.getByRole('heading', { name: '未歸案區（1 頁）' })).toBeVisible();

  // The blank back is set aside with the suggested reason; it is kept, just out of the way.
  const blankBox = tray.getByRole('checkbox', { name: /blank\.png/ });
  await blankBox.focus();
  await kb.press('Space');
  await page.getByRole('button', { name: /標記不需歸檔（1 頁/ }).click();
  await expect(page.getByRole('heading', { name: '未歸案區（0 頁）' })).toBeVisible();
  await shot('scan-03-tray-cleared');

  // The case now shows its signed consent, every agency satisfied, with the attachment to view.
  await kb.press('F3');
  await kb.type(today[3]!);
  await kb.press('Enter');
  await expect(page.getByRole('heading', { name: new RegExp(`查詢結果：「${today[3]}」（1 筆）`) })).toBeVisible();
  await kb.press('ArrowDown');
  await kb.press('Enter');
  await expect(page.getByRole('heading', { name: `案件 ${today[3]}` })).toBeVisible();
  const consent = page.getByRole('table').filter({ hasText: '需附頁次' });
  await expect(consent.getByText('已附簽名頁').first()).toBeVisible();
  await expect(consent.getByText('尚缺簽名頁')).toHaveCount(0);
  await page.getByRole('button', { name: new RegExp(`${today[3]}-簽名同意書-1\\.pdf`) }).click();
  await expect(page.frameLocator(`iframe[title="附件 ${today[3]}-簽名同意書-1.pdf"]`).locator('body')).toBeAttached();
  await shot('scan-04-case-evidence');
});
