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
  await expect(page.locator('#f-items-D01-deceasedId')).toHaveValue('F12****278'); // prefilled, masked while not focused
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

test('出生: newborn and both parents, allowance by the care arrangement, saved (keystrokes-birth)', async ({ page, shot }) => {
  const kb = countingKeyboard(page);
  await startEvent(page, kb, 2, '出生');
  const applicant = group(page, '申請人');
  await expect(applicant.getByLabel('身分證統一編號')).toBeFocused();
  await fill(kb, 'A123456789');
  await fill(kb, '王小明');
  await fill(kb, '0912345678');
  await fill(kb, '高雄市鳳山區光復路二段132號');
  await choose(kb, 3); // 父
  await expect(group(page, '新生兒第 1 位').getByLabel('身分證統一編號')).toBeFocused();
  await fill(kb, ''); // no ID before registration
  await fill(kb, '王小寶');
  await fill(kb, '1151120');
  await expect(group(page, '父').getByLabel('身分證統一編號')).toBeFocused();
  await fill(kb, '');
  await fill(kb, '王小明');
  await fill(kb, '0790315');
  await fill(kb, '');
  await fill(kb, '林美麗');
  await fill(kb, '0820505');
  await step(page, 2, 4, '出生資料');
  await fill(kb, '1151120');
  await fill(kb, '出字第1150001號');
  await fill(kb, '高雄市立鳳山醫院');
  await expect(page.getByLabel('照顧安排')).toHaveValue('家長自行照顧');
  await fill(kb, '');
  await kb.press('Space'); // 母親為勞保被保險人
  await kb.press('Enter');
  await fill(kb, '');
  await kb.type('700-00012345678901');
  await shot('birth-2-event');
  await kb.press('F10');
  await step(page, 3, 4, '通報機關');
  // 勞保生育給付 needs the mother's ID, which the clerk left empty: the cursor is there.
  await expect(page.getByLabel('母親身分證統一編號')).toBeFocused();
  await fill(kb, 'B223456782');
  await expect(page.locator('#f-items-B03')).not.toBeChecked();
  await expect(page.locator('#f-items-B02')).toBeChecked();
  await shot('birth-3-items');
  await kb.press('F10');
  await step(page, 4, 4, '確認儲存');
  await expect(page.getByRole('heading', { name: /後續辦理時程/ })).toBeVisible();
  await shot('birth-4-review');
  const caseNo = await saveFromReview(page, kb);
  recordKeystrokes('birth', kb.count);
  await openCase(page, caseNo);
  await expect(page.locator('.table--participants tbody tr')).toHaveCount(4);
  await expect(page.locator('.table--participants')).toContainText('新生兒');
  await shot('birth-5-case-detail');
});

test('救生圈: household entered once, 人口計算範圍 with reasons, documents checklist, saved 待補件 (keystrokes-assistance)', async ({ page, shot }) => {
  const kb = countingKeyboard(page);
  await startEvent(page, kb, 3, '社會救助（救生圈）');
  await fill(kb, 'A123456789');
  await fill(kb, '王小明');
  await fill(kb, '0790315');
  await fill(kb, '0912345678');
  await fill(kb, '高雄市鳳山區光復路二段132號');
  const first = group(page, '戶內人口（家庭成員）第 1 位');
  await expect(first.getByLabel('身分證統一編號')).toBeFocused();
  await fill(kb, 'B223456782');
  await fill(kb, '林美麗');
  await fill(kb, '0820505');
  await choose(kb, 2); // 配偶
  await kb.type('妻');
  // Tab to 新增, Enter: a second member row, its ID focused.
  await kb.press('Tab');
  await kb.press('Tab');
  await expect(page.getByRole('button', { name: '＋ 新增戶內人口（家庭成員）' })).toBeFocused();
  await kb.press('Enter');
  const second = group(page, '戶內人口（家庭成員）第 2 位');
  await expect(second.getByLabel('身分證統一編號')).toBeFocused();
  await fill(kb, 'F126459278');
  await fill(kb, '王大同');
  await fill(kb, '0300101');
  await choose(kb, 6); // 祖父母／外祖父母
  await kb.type('祖父');
  await shot('assistance-1-household');
  await kb.press('Enter');
  await step(page, 2, 5, '社會救助（救生圈）資料');
  await expect(page.getByLabel('申請補助項目')).toHaveValue('低收入戶');
  await fill(kb, '');
  await fill(kb, ''); // 受理櫃檯: 區公所
  await fill(kb, '700-00012345678901');
  await fill(kb, '32000');
  await kb.press('F10');
  await step(page, 3, 5, '通報機關');
  await expect(page.getByLabel('應計算人口數')).toBeFocused();
  await kb.type('3');
  await kb.press('F10');
  await step(page, 4, 5, '文件檢核');
  const transcripts = page.getByLabel(/全戶戶籍謄本/);
  await expect(transcripts).toBeFocused();
  await choose(kb, 2); // 免附（機關查調）
  await choose(kb, 2);
  await choose(kb, 2);
  await choose(kb, 1); // 已備
  await expect(page.getByLabel(/存簿封面影本/)).toBeFocused();
  await kb.press('ArrowDown');
  await kb.press('ArrowDown'); // 欠缺
  await expect(page.getByText(/欠缺 1 項（一次告知）/)).toBeVisible();
  await shot('assistance-4-documents');
  await kb.press('F10');
  await step(page, 5, 5, '確認儲存');
  const scope = page.locator('.table--scope');
  await expect(scope.locator('tbody tr')).toHaveCount(3);
  await expect(scope.locator('tbody tr').nth(1)).toContainText('列入');
  await expect(scope.locator('tbody tr').nth(1)).toContainText('第5條第1項第1款');
  await expect(scope.locator('tbody tr').nth(2)).toContainText('第5條第1項第3款');
  await shot('assistance-5-review');
  const caseNo = await saveFromReview(page, kb);
  recordKeystrokes('assistance', kb.count);
  await openCase(page, caseNo);
  await expect(page.locator('.lead')).toContainText('待補件');
  await expect(page.getByRole('heading', { name: /文件檢核（待補件 1 項）/ })).toBeVisible();
  await shot('assistance-6-case-detail');

  // 補件: the passbook copy arrives; the case leaves 待補件 and today is the 證件備齊日.
  await page.getByRole('button', { name: '註記已補件' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '文件檢核', exact: true })).toBeVisible();
  await expect(page.locator('.lead')).not.toContainText('待補件');
  await expect(page.getByText(/證件備齊日：民國/)).toBeVisible();
  await expect(page.getByText(/補助起始月份：民國\d+年\d+月/)).toBeVisible();
  await shot('assistance-7-documents-complete');
});

test.describe('bad input is refused next to the field in zh-TW, and nothing is saved', () => {
  test('a deceased born after the death date', async ({ page, shot }) => {
    const kb = countingKeyboard(page);
    await startEvent(page, kb, 1, '家人身後事');
    await fill(kb, 'A123456789');
    await fill(kb, '王小明');
    await fill(kb, '0912345678');
    await fill(kb, '');
    await choose(kb, 5);
    await fill(kb, 'F126459278');
    await fill(kb, '王大同');
    await fill(kb, '1151110');
    await kb.press('F10');
    await fill(kb, '1151101'); // died before the birth date typed above
    await fill(kb, '高市衛字第1號');
    await kb.press('F9');
    await step(page, 1, 4, '民眾資料');
    await expect(group(page, '亡者').getByLabel('出生日期')).toBeFocused();
    await expect(page.locator('#f-participants-1-birthDate-error')).toHaveText('亡者出生日期不可晚於死亡日期');
    await shot('bad-death-before-birth');
  });

  test('a newborn older than the mother, and a missing mother', async ({ page, shot }) => {
    const kb = countingKeyboard(page);
    await startEvent(page, kb, 2, '出生');
    await fill(kb, 'A123456789');
    await fill(kb, '王小明');
    await fill(kb, '');
    await fill(kb, '');
    await choose(kb, 3);
    await fill(kb, '');
    await fill(kb, '王小寶');
    await fill(kb, '1151120');
    await kb.press('F10'); // father left blank (allowed); mother left blank (not allowed)
    const mother = group(page, '母');
    await expect(mother.getByLabel('姓名')).toBeFocused();
    await expect(page.locator('#f-participants-3-name-error')).toHaveText('請輸入母姓名');
    await kb.type('林美麗');
    await kb.press('Enter');
    await kb.type('1151125'); // after the newborn
    // Dates across people are checked on the first step, while the event's own fields are still empty.
    await kb.press('F10');
    await step(page, 1, 4, '民眾資料');
    await expect(mother.getByLabel('出生日期')).toBeFocused();
    await expect(page.locator('#f-participants-3-birthDate-error')).toHaveText('母親出生日期須早於新生兒出生日期');
    await shot('bad-newborn-older-than-mother');
  });

  test('a household member listed twice', async ({ page, shot }) => {
    const kb = countingKeyboard(page);
    await startEvent(page, kb, 3, '社會救助（救生圈）');
    for (const t of ['A123456789', '王小明', '0790315', '0912345678', '高雄市鳳山區光復路二段132號', 'B223456782', '林美麗', '0820505']) await fill(kb, t);
    await choose(kb, 2);
    await kb.type('妻');
    await kb.press('Tab');
    await kb.press('Tab');
    await kb.press('Enter');
    for (const t of ['B223456782', '林美麗', '0820505']) await fill(kb, t);
    await choose(kb, 2);
    await kb.type('妻');
    await kb.press('F10');
    await expect(page.locator('#f-participants-2-id-error')).toContainText('重複列出');
    await expect(group(page, '戶內人口（家庭成員）第 2 位').getByLabel('身分證統一編號')).toBeFocused();
    await step(page, 1, 5, '民眾資料');
    await shot('bad-member-twice');
  });
});
