import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { PDFDocument } from 'pdf-lib';
import { createFileStore } from '../electron/services/scanning/store';
import { filesDirFor } from '../electron/services/db/paths';
import { verifyEvidence } from '../electron/services/signing/verifyEvidence';
import { EvidenceBundle } from '../shared/signing/evidence';
import { expect, test } from './fixtures';
import { createMoveCaseViaApi, openCaseBySearch, ownHost, signInAt } from './ownHost';

/**
 * 補件 and 改分 in the UI (issue 14 §3), on its own host with the demo platform (the shared host
 * runs without one): the land office asks for what is missing → the counter's open case shows it
 * at once and the clerk answers with a scanned file → the land office sees the answer in the thread,
 * lists the scan with the notification's evidence and opens the PDF (issue 14 §2), and completes;
 * the motor office transfers its item to the other 監理所 with a reason.
 */
const own = ownHost('supplements');

/** A scanned file of the case (as the scanning import stores one): the clerk can answer 補件 with it. */
async function attachScan(caseNo: string): Promise<void> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText(`cadastral map ${caseNo}`, { x: 72, y: 760, size: 18 });
  const pdf = await doc.save();
  const dbFile = own.dbFile;
  const stored = await createFileStore(filesDirFor(dbFile)).put('attachments', pdf, 'pdf');
  const db = new Database(dbFile);
  db.prepare("INSERT INTO attachments (case_id, kind, file_name, mime, page_count, byte_size, sha256, storage_key, created_at) SELECT id, 'scan', '地籍圖謄本.pdf', 'application/pdf', 1, ?, ?, ?, ? FROM cases WHERE case_no = ?")
    .run(pdf.byteLength, stored.sha256, stored.key, new Date().toISOString(), caseNo);
  db.close();
}

/** Opens the case's item in an agency's inbox (it appears once the counter's sync delivered it). */
async function openInboxItem(agency: Page, caseNo: string, item: string): Promise<void> {
  const row = agency.getByRole('row').filter({ hasText: caseNo }).filter({ hasText: item });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.getByRole('button', { name: caseNo }).click();
  await expect(agency.getByTestId('inbox-status')).toHaveText('機關已收');
}

test('補件 asked by the land office, answered at the counter, completed; 改分 by the motor office with a reason', async ({ page, browser, shot }) => {
  test.setTimeout(90_000);
  const host = own.host;
  const caseNo = await createMoveCaseViaApi(host, false);
  await attachScan(caseNo);

  // The counter has the case open before anything is asked.
  await signInAt(host, page, 'clerk');
  await expect(page.getByRole('heading', { name: '臨櫃案件' })).toBeVisible();
  await openCaseBySearch(page, caseNo);

  // The land office asks for what is missing instead of returning the item.
  const land = await browser.newPage();
  await signInAt(host, land, 'land');
  await openInboxItem(land, caseNo, 'N04');
  await land.getByRole('button', { name: '要求補件…' }).click();
  await expect(land.getByLabel('欠缺的文件或資料（每行一項）')).toBeFocused();
  await land.getByRole('button', { name: '送出補件要求' }).click();
  await expect(land.getByRole('form', { name: '要求補件' }).getByRole('alert')).toContainText('請列出欠缺的文件或資料');
  await land.getByLabel('欠缺的文件或資料（每行一項）').fill('土地建物標示（地號）\n地籍圖謄本');
  await land.getByRole('button', { name: '送出補件要求' }).click();
  await expect(land.getByTestId('inbox-thread')).toContainText('第 1 次要求補件');

  // The counter's open case shows it at once: who asks, what, by when; the clerk answers.
  const round = page.getByTestId('supplement-round');
  await expect(round).toContainText('高雄市政府地政局鳳山地政事務所', { timeout: 15_000 });
  await expect(round).toContainText('地籍圖謄本');
  await expect(round).toContainText('待補件');
  await shot('supplements-01-counter-sees-request');
  await round.getByRole('button', { name: '回覆補件…' }).click();
  await page.getByLabel('土地、建物標示（不詳可免填）').fill('鳳山段一小段123地號');
  await page.getByLabel('說明').fill('民眾補正地號，謄本另寄');
  await page.getByLabel(/地籍圖謄本\.pdf/).check();
  await page.getByRole('button', { name: '送出補件回覆' }).click();
  await expect(round).toContainText('已補件', { timeout: 15_000 });
  await expect(round).toContainText('鳳山段一小段123地號');

  // The land office sees the answer in the thread (no reload) and completes the item.
  await expect(land.getByTestId('supplement-answer')).toContainText('民眾補正地號，謄本另寄', { timeout: 15_000 });
  await expect(land.getByTestId('supplement-answer')).toContainText('鳳山段一小段123地號');
  // Issue 14 §2: the answer's scan went up with it; the land office lists it and opens the PDF.
  const evidence = land.getByTestId('inbox-evidence');
  await expect(evidence.getByRole('button', { name: '補件掃描檔' })).toBeVisible({ timeout: 15_000 });
  await expect(evidence).toContainText(/[0-9a-f]{12}…/);
  await evidence.getByRole('button', { name: '補件掃描檔' }).click();
  await expect(land.getByTestId('evidence-viewer')).toBeVisible();
  await expect(land.getByTestId('evidence-viewer')).toHaveAttribute('src', /^blob:/);
  await land.screenshot({ path: test.info().outputPath('supplements-02-agency-thread.png'), fullPage: true });
  // The evidence bundle of the notification, as export-evidence writes it, valid offline.
  const downloading = land.waitForEvent('download');
  await land.getByTestId('evidence-download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^evidence-${caseNo}-`));
  const bundle = EvidenceBundle.parse(JSON.parse(readFileSync(await download.path(), 'utf8')));
  expect(verifyEvidence(bundle).ok).toBe(true);
  await land.getByRole('button', { name: '完成辦理' }).click();
  await expect(land.getByTestId('inbox-status')).toHaveText('已完成');
  await land.close();

  // The motor office is not competent for this address: 改分 to the other 監理所, reason required.
  const motor = await browser.newPage();
  await signInAt(host, motor, 'motor');
  await openInboxItem(motor, caseNo, 'N08');
  await motor.getByRole('button', { name: '改分…' }).click();
  await motor.getByTestId('transfer-to').selectOption('THB-KHC-MV');
  await motor.getByRole('button', { name: '確認改分' }).click();
  await expect(motor.getByTestId('transfer-error')).toContainText('改分須填寫理由');
  await motor.getByLabel('改分理由（會通知受理的戶政事務所）').fill('車籍屬高雄市區監理所');
  await motor.getByRole('button', { name: '確認改分' }).click();
  await expect(motor.getByRole('heading', { name: /收件匣/ })).toBeVisible();
  await expect(motor.getByRole('row').filter({ hasText: caseNo }).filter({ hasText: 'N08' })).toHaveCount(0);
  await motor.close();

  // Back at the counter: N04 完成, N08 moved to the other 監理所 (the case follows the transfer).
  const rowOf = (code: string) => page.locator('.table--notifications tbody tr').filter({ hasText: code });
  await expect(rowOf('N04').locator('.status')).toHaveText('已完成', { timeout: 15_000 });
  await expect(rowOf('N08')).toContainText('市區監理所', { timeout: 15_000 });
  // The platform's signed receipts, checked against the key pinned at enrolment.
  await expect(page.getByTestId('receipt-verified').first()).toContainText('✓');
  await shot('supplements-03-counter-after');
});
