import type { APIRequestContext, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { SOFTHSM } from '../electron/services/devices/pkcs11/testing/lab';
import { TEST_PIN } from '../electron/services/devices/pkcs11/testing/softhsm';
import { composeMrz } from '../shared/mrz';
import { expect, test } from './fixtures';
import { ownCardHost } from './ownCardHost';

/**
 * Devices end to end, on a browser host of its own started with `--test-hooks`: HID devices come
 * from the simulator (driven through POST /__test__/…), the clerk's certificate card is a real
 * SoftHSM2 token (PKCS#11), enrolled for the demo clerk 王怡君. Pulling the card out is deleting the
 * token; putting it back is importing the same key and certificate again.
 */
test.describe.configure({ mode: 'serial' });
test.skip(!SOFTHSM.ok, SOFTHSM.ok ? '' : `needs SoftHSM2 and OpenSC: ${SOFTHSM.reason}`);

let caseNo: string;
let page: Page;
const CARD = 'clerk-card';

// One page for the serial tests; declared before the host, so it closes before the host does.
test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
});
test.afterAll(async () => {
  await page?.close();
});
const own = ownCardHost('devices', CARD, ['--test-hooks']);
test.beforeAll(() => {
  const db = new Database(own.dbFile, { readonly: true });
  caseNo = db.prepare('SELECT case_no FROM cases ORDER BY id DESC LIMIT 1').pluck().get() as string;
  db.close();
});

/** Drive the HID simulator through the host's test hook. */
async function hook(request: APIRequestContext, action: string, data: object = {}): Promise<void> {
  const url = new URL(own.host.url);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  const r = await request.post(`${url.origin}/__test__/${action}`, { headers: { authorization: `Bearer ${token}` }, data });
  expect(((await r.json()) as { ok: boolean }).ok).toBe(true);
}

const strip = () => page.getByRole('group', { name: '周邊設備' });
const snap = (name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test('the clerk signs in with the certificate card and PIN (a wrong PIN first)', async () => {
  await page.goto(own.host.url);
  await expect(page.getByRole('heading', { name: '以憑證卡登入' })).toBeVisible();
  await expect(page.getByText('已偵測到憑證卡（clerk-card），請輸入 PIN 碼。')).toBeVisible();
  await expect(strip().getByLabel('憑證卡：已插入（clerk-card）')).toBeVisible();
  const pin = page.getByLabel('PIN 碼');
  await expect(pin).toBeFocused();
  await page.keyboard.type('999999');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'PIN 碼錯誤' })).toBeVisible();
  await expect(pin).toBeFocused();
  await page.keyboard.type(TEST_PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '臨櫃案件' })).toBeVisible();
  await expect(page.getByRole('contentinfo', { name: '狀態列' })).toContainText('王怡君（clerk）');
});

test('scanning a form’s case QR opens that case; other text goes to the focused field', async ({ request }) => {
  await hook(request, 'plug', { device: 'hidPosScanner' });
  await expect(strip().getByLabel(/^條碼掃描器：已連線/)).toBeVisible();
  const search = page.getByLabel(/查詢案件/);
  await search.focus();
  await hook(request, 'scan', { text: 'A123456789' });
  await expect(search).toHaveValue('A123456789');
  await hook(request, 'scan', { text: `NIN1:${caseNo}:1/2` });
  await expect(page.getByRole('heading', { name: `案件 ${caseNo}` })).toBeVisible();
  await snap('devices-01-case-from-qr');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: '臨櫃案件' })).toBeVisible();
});

test('inserting a citizen’s card opens a new case with the person step filled', async ({ request }) => {
  await hook(request, 'plug', { device: 'cardReader' });
  await expect(strip().getByLabel(/^讀卡機：已連線/)).toBeVisible();
  await hook(request, 'insertCard', { id: 'A123456789', name: '王小明', rocBirthDate: '0790315', cardSerial: 'TW0001' });
  await expect(page.getByRole('heading', { name: /步驟 1／4/ })).toBeVisible();
  await expect(page.getByLabel('姓名')).toHaveValue('王小明');
  await expect(page.getByLabel('出生日期')).toHaveValue('79/03/15');
  await expect(page.getByText('民國79年3月15日（西元 1990-03-15）')).toBeVisible();
  await expect(page.getByLabel('身分證統一編號')).toHaveValue('A12****789');
  await expect(page.getByLabel('聯絡電話')).toBeFocused();
  await expect(page.getByText('已由卡片帶入民眾資料（A12****789）')).toBeVisible();
  await snap('devices-02-person-from-card');

  // A resident certificate swiped through the MRZ reader replaces the person, 統一證號 included.
  await hook(request, 'plug', { device: 'mrzReader' });
  await expect(strip().getByLabel(/^讀卡機：已連線.*證件機讀區讀取器/)).toBeVisible();
  const zone = composeMrz({ format: 'TD1', documentCode: 'IR', issuingState: 'TWN', documentNumber: 'Y00012345', surname: 'NGUYEN', givenNames: 'THI LAN', nationality: 'VNM', birthDate: '950214', sex: 'F', expiryDate: '290630', optional1: 'A900000016' });
  await hook(request, 'swipeMrz', { zone });
  await expect(page.getByLabel('姓名')).toHaveValue('NGUYEN, THI LAN');
  await expect(page.getByLabel('出生日期')).toHaveValue('84/02/14');
  await expect(page.getByText('統一證號（女）A90****016')).toBeVisible();

  // Garbage from a reader is a clear message, not a crash.
  await hook(request, 'garbage', { device: 'cardReader', bytes: [3, 0x03, 8, 0x4e, 0x43, 1, 1, 0, 0, 0xde, 0xad] });
  await expect(page.getByText(/讀卡資料.*請重新插卡/).first()).toBeVisible();
});

test('removing the clerk’s card locks the app at once; the same card and PIN unlock it', async () => {
  own.lab.deleteToken(CARD);
  await expect(page.getByRole('heading', { name: '畫面已鎖定' })).toBeVisible();
  await expect(page.getByRole('main').getByText('憑證卡已移除，畫面已鎖定。請插回憑證卡並輸入 PIN 碼以繼續。')).toBeVisible();
  await expect(page.getByRole('heading', { name: /步驟 1／4/ })).toHaveCount(0);
  await expect(page.getByLabel('PIN 碼')).toBeFocused();
  await snap('devices-03-locked');

  own.lab.createToken(CARD);
  own.lab.importIdentity(CARD, own.identity);
  await page.keyboard.type(TEST_PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /步驟 1／4/ })).toBeVisible();
  await expect(page.getByLabel('姓名')).toHaveValue('NGUYEN, THI LAN'); // the unsaved case is still there
});
