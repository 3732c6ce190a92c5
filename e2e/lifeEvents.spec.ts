import type { Locator, Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';
import { countingKeyboard, recordKeystrokes, type CountingKeyboard } from './keystrokes';

/**
 * Each life event bundle taken keyboard-only, from F2 (the first field; a card read lands on the
 * same field) to the saved case, counting keystrokes for the bench (`keystrokes-<event>`).
 */

const step = (page: Page, n: number, of: number, title: string) => expect(page.getByRole('heading', { name: `步驟 ${n}／${of} ${title}` })).toBeVisible();
const group = (page: Page, name: string): Locator => page.getByRole('group', { name, exact: true });

/** Enter on the focused field after typing (empty text: just move on). */
async function fill(kb: CountingKeyboard, text: string): Promise<void> {
  if (text) await kb.type(text);
  await kb.press('Enter');
}

/** Arrow down `n` times on a focused select (Chromium changes the value without opening it), then Enter. */
async function choose(kb: CountingKeyboard, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await kb.press('ArrowDown');
  await kb.press('Enter');
}

/** F2, then Shift+Tab from the first field to the life-event picker and down to the event. */
async function startEvent(page: Page, kb: CountingKeyboard, downs: number, name: string): Promise<void> {
  await kb.press('F2');
  await expect(page.getByRole('heading', { name: /步驟 1／4/ })).toBeVisible();
  await kb.press('Shift+Tab');
  const picker = page.getByLabel('生活事件');
  await expect(picker).toBeFocused();
  await choose(kb, downs);
  await expect(picker).toHaveValue(await picker.locator('option', { hasText: name }).getAttribute('value') ?? name);
}

/** Review → Enter saves → the print preview; returns the case number. */
async function saveFromReview(page: Page, kb: CountingKeyboard): Promise<string> {
  await expect(page.getByRole('button', { name: /儲存案件/ })).toBeFocused();
  await kb.press('Enter');
  await expect(page.getByRole('heading', { name: '案件已儲存' })).toBeVisible();
  return (await page.locator('.case-no').first().textContent())?.trim() ?? '';
}

async function openCase(page: Page, caseNo: string): Promise<void> {
  await expect(page.getByRole('button', { name: '列印' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '前往案件' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `案件 ${caseNo}` })).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('遷徙: the shortest keyboard path, counted (keystrokes-move)', async ({ page, shot }) => {
  const kb = countingKeyboard(page);
  await kb.press('F2');
  await expect(page.getByLabel('身分證統一編號')).toBeFocused();
  await fill(kb, 'A123456789');
  await fill(kb, '王小明');
  await fill(kb, '0790315');
  await fill(kb, '0912345678');
  await step(page, 2, 4, '遷徙資料');
  await fill(kb, '高雄市苓雅區四維三路2號');
  await fill(kb, '高雄市鳳山區光復路二段132號');
  await fill(kb, ''); // 遷入日期: today
  await kb.press('Space'); // the citizen brought the house-tax bill
  await kb.press('Enter');
  await step(page, 3, 4, '通報機關');
  await expect(page.getByLabel('土地坐落（地段、地號）')).toBeFocused();
  await kb.type('鳳山段一小段123地號');
  await kb.press('F10');
  await expect(page.getByLabel('已向監理確認無違規未結案件')).toBeFocused();
  await kb.press('Space');
  await kb.press('F10');
  await step(page, 4, 4, '確認儲存');
  const caseNo = await saveFromReview(page, kb);
  expect(caseNo).toMatch(/^FS01-/);
  recordKeystrokes('move', kb.count);
  await shot('move-saved');
});

test('家人身後事: applicant and deceased, items forced by the estate, 後續辦理時程, saved (keystrokes-death)', async ({ page, shot }) => {
  const kb = countingKeyboard(page);
  await startEvent(page, kb, 1, '家人身後事');
  await step(page, 1, 4, '民眾資料');
  const applicant = group(page, '申請人（家屬）');
  await expect(applicant.getByLabel('身分證統一編號')).toBeFocused();
  await fill(kb, 'A123456789');
  await fill(kb, '王小明');
  await fill(kb, '0912345678');
  await fill(kb, '高雄市鳳山區光復路二段132號');
  await expect(applicant.getByLabel('關係')).toBeFocused();
  await choose(kb, 5); // （請選擇）→ 本人 → 配偶 → 父 → 母 → 子女
  const deceased = group(page, '亡者');
  await expect(deceased.getByLabel('身分證統一編號')).toBeFocused();
  await fill(kb, 'F126459278');
  await fill(kb, '王大同');
  await fill(kb, '0300101');
  await shot('death-1-participants');
  await fill(kb, ''); // 亡者地址 (optional) → next step

  await step(page, 2, 4, '家人身後事資料');
  await expect(page.getByLabel('死亡日期')).toBeFocused();
  await fill(kb, '1151101');
  await fill(kb, '高市衛字第1150001號');
  await fill(kb, ''); // 死亡地點
  await kb.press('Space'); // 名下有房屋
  await kb.press('Enter');
  await fill(kb, '高雄市鳳山區光復路二段132號'); // 房屋坐落
  await kb.press('Space'); // 名下有土地
  await kb.press('Enter');
  await fill(kb, '鳳山段一小段123地號'); // 土地標示
  await kb.press('Space'); // 名下有汽機車
  await kb.press('Enter');
  await fill(kb, 'ABC-1234');
  await kb.press('Space'); // 勞保
  await kb.press('Enter');
  await fill(kb, ''); // 國保
  await fill(kb, ''); // 低收
  await kb.press('Space'); // 領有社福補助
  await kb.press('Enter');
  await expect(page.getByLabel(/給付、補助匯入帳戶/)).toBeFocused();
  await expect(page.locator('#f-fields-ownsVehicle-hint')).toContainText('將自動加辦「車主死亡車籍註記及繼承過戶輔導」');
  await shot('death-2-event');
  await kb.type('700-00012345678901');
  await kb.press('F10');

  await step(page, 3, 4, '通報機關');
  // 8 matters across 7 agencies (國稅局, 稅捐, 地政, 監理, 健保, 勞保, 社會局) from one typing.
  for (const code of ['D01', 'D02', 'D03', 'D04', 'D05', 'D06', 'D07', 'D10']) await expect(page.locator(`#f-items-${code}`)).toBeChecked();
  for (const code of ['D08', 'D09']) await expect(page.locator(`#f-items-${code}`)).not.toBeChecked();
  await expect(page.locator('#f-items-D05')).toBeDisabled();
  await expect(page.getByText('亡者名下有汽機車，須一併辦理')).toBeVisible();
  await expect(page.locator('.item-card').filter({ hasText: 'D01' })).toContainText('法定期限：民國116年5月1日');
  await expect(page.getByLabel('車牌號碼')).toHaveValue('ABC-1234');
  await shot('death-3-items');
  await kb.press('F10');

  await step(page, 4, 4, '確認儲存');
  await expect(page.getByRole('heading', { name: /後續辦理時程/ })).toBeVisible();
  await expect(page.locator('.table--schedule')).toContainText('本次已通報');
  await expect(page.locator('.table--schedule')).toContainText('民國116年5月1日前');
  await expect(page.locator('.review')).not.toContainText('F126459278');
  await shot('death-4-review');
  const caseNo = await saveFromReview(page, kb);
  recordKeystrokes('death', kb.count);
  console.log(`keystrokes-death ${kb.count}`);

  await openCase(page, caseNo);
  await expect(page.locator('.table--participants')).toContainText('亡者');
  await expect(page.locator('.table--participants')).toContainText('王大同');
  await expect(page.locator('.table--participants')).toContainText('F12****278');
  await expect(page.getByRole('region', { name: '家人身後事' })).toContainText('死亡日期');
  await expect(page.locator('.table--notifications tbody tr')).toHaveCount(8);
  await expect(page.locator('.table--notifications')).toContainText('116/05/01');
  await shot('death-5-case-detail');
});
