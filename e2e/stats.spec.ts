import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expect, signIn, test } from './fixtures';

/**
 * 統計報表 (issue 7) against the browser host's demo database (300 cases over the last 120 days,
 * seeded relative to now, so the default 30-day period has data): the supervisor opens statistics,
 * regroups the trend by month and narrows to one agency, sees each chart's data change, and exports.
 * Charts are echarts canvases; the figures carry their plotted values in `data-series`.
 */

type Trend = { granularity: string; points: [string, number][] };
type AgencyBar = { agency: string; total: number; byStatus: Record<string, number> };

const series = async <T>(figure: Locator): Promise<T> => JSON.parse((await figure.getAttribute('data-series')) ?? 'null') as T;
const sum = (t: Trend): number => t.points.reduce((n, [, c]) => n + c, 0);

/** CSP refusals and script errors surface as console errors or page errors: the charts must cause none. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  // Report every CSP refusal explicitly, not only the console line Chromium happens to print.
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  page.on('console', (m) => {
    // A failed request is reported below with its URL (the console line has none).
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    // Chromium asks for /favicon.ico on its own; the app has no icon file and needs none.
    if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico') errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  return errors;
}

/** A tiny RFC 4180 reader (quotes, doubled quotes, CRLF) — enough to check the export's rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

const savedBytes = async (download: Download): Promise<Buffer> => {
  const path = await download.path();
  return readFileSync(path);
};

// Tall enough that the full-page screenshots show the charts clear of the sticky footer.
test.use({ viewport: { width: 1280, height: 1700 } });

test('a supervisor opens statistics, changes filters, sees the charts change, and exports CSV, XLSX and PDF', async ({ page, shot }) => {
  test.slow(); // many steps and four downloads in one story; a loaded 2-core machine needs the headroom
  const errors = watchErrors(page);
  await signIn(page, 'supervisor');
  // Counted from here: sign-in already logs one `script-src eval` refusal, zod 4 probing whether it
  // may compile validators with new Function (caught, it falls back). That is shared/zod.ts's
  // business (z.config({ jitless: true })), not this screen's.
  const before = errors.length;
  await page.getByRole('button', { name: '統計報表' }).click();
  await expect(page.getByRole('heading', { name: '統計報表' })).toBeVisible();

  // Default period: the last 30 days, daily points, with data; every chart is drawn on a canvas.
  const trend = page.getByTestId('chart-trend');
  const funnel = page.getByTestId('chart-funnel');
  const agencies = page.getByTestId('chart-agency');
  await expect(trend).toHaveAttribute('data-series', /"granularity":"day"/);
  for (const fig of [trend, funnel, agencies]) await expect(fig.locator('canvas').first()).toBeVisible();
  const daily = await series<Trend>(trend);
  expect(daily.points).toHaveLength(30);
  const total = sum(daily);
  expect(total).toBeGreaterThan(0);
  await expect(page.getByTestId('stats-total')).toHaveText(String(total));
  const stages = await series<[string, number][]>(funnel);
  expect(stages.map(([s]) => s)).toEqual(['created', 'delivered', 'received', 'closed']);
  expect(stages[0]![1]).toBe(total);
  const bars = await series<AgencyBar[]>(agencies);
  expect(bars.length).toBeGreaterThan(1);
  expect(bars.reduce((n, a) => n + a.total, 0)).toBe(total);
  // The text alternative says the same as the picture.
  await expect(trend.getByRole('img')).toHaveAttribute('aria-label', new RegExp(`合計 ${total} 件`));
  await shot('stats-default');

  // 日 → 月: the same notifications regrouped into the (one or two) months the period touches.
  await page.getByRole('radio', { name: '月' }).check();
  await expect(trend).toHaveAttribute('data-series', /"granularity":"month"/);
  const monthly = await series<Trend>(trend);
  expect(monthly.points.length).toBeGreaterThanOrEqual(1);
  expect(monthly.points.length).toBeLessThanOrEqual(2);
  for (const [period] of monthly.points) expect(period).toMatch(/^\d{4}-\d{2}$/);
  expect(sum(monthly)).toBe(total);
  await expect(trend.getByText('通報件數趨勢（每月）', { exact: true })).toBeVisible();

  // One receiving agency: the bars shrink to it, and the trend to its share.
  const busiest = [...bars].sort((a, b) => b.total - a.total)[0]!;
  await page.getByLabel('接收機關', { exact: true }).selectOption(busiest.agency);
  await page.getByRole('button', { name: '套用' }).click();
  await expect.poll(async () => (await series<AgencyBar[]>(agencies)).map((a) => a.agency)).toEqual([busiest.agency]);
  expect(sum(await series<Trend>(trend))).toBe(busiest.total);
  await expect(page.getByTestId('stats-total')).toHaveText(String(busiest.total));
  await shot('stats-one-agency-monthly');

  // CSV: UTF-8 with BOM, zh-TW headings, and the figures on screen (one agency, by month).
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '匯出 CSV' }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const raw = (await savedBytes(csv)).toString('utf8');
  expect(raw.startsWith('\uFEFF')).toBe(true);
  const rows = parseCsv(raw.slice(1));
  const row = (first: string): string[] | undefined => rows.find((r) => r[0] === first);
  expect(row('統計期間')?.[1]).toMatch(/^民國\d+年\d+月\d+日至民國\d+年\d+月\d+日$/);
  expect(row('通報件數')?.[1]).toBe(String(busiest.total));
  expect(rows.some((r) => r[0] === '機關代碼' && r[1] === '機關名稱')).toBe(true);
  expect(row(busiest.agency)?.[2]).toBe(String(busiest.total));
  expect(rows.some((r) => r[0] === '月份' && r[1] === '件數')).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: csv.suggestedFilename() })).toBeVisible();

  // XLSX: a zip (PK) that exceljs reads back, with the same total.
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '匯出 XLSX' }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const book = await savedBytes(xlsx);
  expect(book.subarray(0, 2).toString('latin1')).toBe('PK');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(book as unknown as ArrayBuffer);
  const summary = wb.worksheets[0]!;
  const totalRow = summary.getRows(1, summary.rowCount)?.find((r) => r.getCell(1).value === '通報件數');
  expect(totalRow?.getCell(2).value).toBe(busiest.total);

  // PDF report: a PDF file.
  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'PDF 報表' }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  expect((await savedBytes(pdf)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // Hovering draws the pointer and tooltip: echarts' default HTML tooltip would trip the CSP with
  // style="" markup, so the screen asks for the canvas-drawn one. The canvas changes, nothing is refused.
  const canvas = trend.locator('canvas').first();
  await canvas.scrollIntoViewIfNeeded();
  const still = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  await canvas.hover();
  await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(still);
  await trend.screenshot({ path: test.info().outputPath('stats-trend-tooltip.png') });

  // Nothing refused by the CSP, nothing thrown.
  expect(errors.slice(before)).toEqual([]);

  // Esc goes home.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: '臨櫃案件' })).toBeVisible();
});

test('one clerk narrows every figure; a ROC period with nothing in it shows the empty state; a reversed period is refused in zh-TW', async ({ page }) => {
  await signIn(page, 'supervisor');
  await page.getByRole('button', { name: '統計報表' }).click();
  await expect(page.getByTestId('chart-trend')).toBeVisible();

  // 承辦人: the clerk's own count from the table becomes the total and the trend's sum.
  const clerkRow = page.getByTestId('stats-by-clerk').getByRole('row', { name: /林志明/ });
  const clerkCount = Number((await clerkRow.getByRole('cell').last().textContent())?.trim());
  expect(clerkCount).toBeGreaterThan(0);
  await page.getByLabel('承辦人', { exact: true }).selectOption({ label: '林志明' });
  await page.getByRole('button', { name: '套用' }).click();
  await expect(page.getByTestId('stats-total')).toHaveText(String(clerkCount));
  await expect(page.getByTestId('stats-by-clerk').getByRole('row')).toHaveCount(2); // header + the one clerk
  expect(sum(await series<Trend>(page.getByTestId('chart-trend')))).toBe(clerkCount);
  await page.getByLabel('承辦人', { exact: true }).selectOption('');

  const from = page.getByLabel('起日', { exact: true });
  const to = page.getByLabel('迄日', { exact: true });
  await from.fill('100/01/01');
  await to.fill('1000131');
  await expect(page.getByText('民國100年1月31日')).toBeVisible();
  await to.press('Enter');
  await expect(page.getByTestId('stats-empty')).toBeVisible();
  await expect(page.getByTestId('chart-trend')).toHaveCount(0);

  await from.fill('100/02/01');
  await to.press('Enter');
  await expect(page.locator('#stats-to-error')).toHaveText('起日不可晚於迄日');
  await expect(to).toHaveAttribute('aria-invalid', 'true');
});

test('a refusal from the services shows as a zh-TW alert, never a stack trace, and the next answer clears it', async ({ page }) => {
  await signIn(page, 'supervisor');
  await page.getByRole('button', { name: '統計報表' }).click();
  await expect(page.getByTestId('chart-trend')).toBeVisible();

  // The screen offers only catalogue codes, so the services' typed refusal is injected at the HTTP
  // boundary, shaped exactly as the host sends it (electron/services/stats/filter.ts).
  await page.route('**/api/stats.dashboard', (route) =>
    route.fulfill({ json: { ok: false, error: { code: 'STATS_AGENCY_UNKNOWN', message: '查無機關代碼「KH-XX」', path: 'agency' } } }),
  );
  await page.getByRole('button', { name: '套用' }).click();
  const alert = page.getByTestId('stats-error');
  await expect(alert).toHaveText('統計無法產生：查無機關代碼「KH-XX」');
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('chart-trend')).toHaveCount(0);
  await expect(page.getByText(/Error|at .*\.ts|STATS_AGENCY_UNKNOWN/)).toHaveCount(0);

  await page.unroute('**/api/stats.dashboard');
  await page.getByRole('button', { name: '套用' }).click();
  await expect(page.getByTestId('chart-trend')).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test('a counter clerk has no 統計報表 button; the system administrator has one', async ({ page }) => {
  await signIn(page, 'clerk');
  await expect(page.getByRole('button', { name: '新案件' })).toBeVisible();
  await expect(page.getByRole('button', { name: '統計報表' })).toHaveCount(0);

  await page.getByRole('button', { name: '登出' }).click();
  await signIn(page, 'admin');
  await page.getByRole('button', { name: '統計報表' }).click();
  await expect(page.getByTestId('chart-trend')).toBeVisible();
});
