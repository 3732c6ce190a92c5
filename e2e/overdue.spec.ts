import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { runHost } from '../electron/host/runHost';
import { formatRocDateShort } from '../shared/validators/rocDate';
import { taipeiDayOf } from '../shared/overdue/deadline';
import { seedDemo as seedPlatformDemo } from '../platform/demo';
import { startTestPlatform, type TestPlatform } from '../platform/testing/harness';
import { expect, test } from './fixtures';
import { ownHost, settledBacklog, signInAt as signInOn } from './ownHost';

/**
 * 逾時未回報 in the UI, on its own host and database: the demo's past cases are seeded, then three of
 * their notifications are recorded as delivered long ago (a `delivered` event — the trigger of
 * migration 005 keeps delivered_at — as if the platform had acknowledged them back then); the host
 * restarts and its startup fill gives them deadlines. The supervisor sees the count on the home
 * screen, the list sorted by days overdue, opens the worst case with the keyboard and sees the badge.
 */
type Late = { id: string; case_no: string; item_code: string; due_at: string };
let late: Late[] = [];

const DAY = 86_400_000;

/** Before the host starts: the demo is seeded (a host started and stopped), then three deliveries are aged. */
async function seedWithLateDeliveries(dbFile: string): Promise<void> {
  const seeding = await runHost(['--port', '0', '--db', dbFile, '--no-platform']);
  await seeding.close();

  const db = new Database(dbFile);
  const picks = db
    .prepare(
      `SELECT n.id, n.item_code FROM notifications n JOIN cases c ON c.id = n.case_id
       WHERE n.kind = 'notification' AND n.item_code IN ('N08', 'N01') ORDER BY c.id LIMIT 3`,
    )
    .all() as { id: string; item_code: string }[];
  const now = Date.now();
  // 60, 45 and 40 days ago: every deadline (7 or 14 days, plus any holiday extension) has passed.
  [60, 45, 40].forEach((daysAgo, i) => {
    const at = new Date(now - daysAgo * DAY).toISOString();
    db.prepare("INSERT INTO notification_events (notification_id, status, reason, actor, at) VALUES (?, 'delivered', NULL, 'platform', ?)").run(picks[i]!.id, at);
    db.prepare("UPDATE notifications SET status = 'delivered', updated_at = ? WHERE id = ?").run(at, picks[i]!.id);
    db.prepare("UPDATE outbox SET state = 'done' WHERE notification_id = ?").run(picks[i]!.id);
  });
  db.close();
}

const own = ownHost('overdue', {
  args: ['--no-platform'],
  before: ({ dbFile }) => seedWithLateDeliveries(dbFile),
  ready: ({ dbFile }) => {
    const check = new Database(dbFile, { readonly: true });
    late = check
      .prepare('SELECT n.id, c.case_no, n.item_code, n.due_at FROM notifications n JOIN cases c ON c.id = n.case_id WHERE n.due_at IS NOT NULL ORDER BY n.due_at')
      .all() as Late[];
    check.close();
  },
});

async function signInAt(page: Page, username: string): Promise<void> {
  await signInOn(own.host, page, username);
  await expect(page.getByRole('heading', { name: '臨櫃案件' })).toBeVisible();
}

test('the supervisor sees the overdue list, opens the worst case with the keyboard and sees the 逾時 badge', async ({ page, shot }) => {
  expect(late).toHaveLength(3); // the restart's fill gave exactly the delivered rows a deadline
  await signInAt(page, 'supervisor');
  const button = page.getByTestId('overdue-button');
  await expect(button).toContainText('逾時未回報');
  await expect(button).toContainText('3');
  await button.click();

  await expect(page.getByRole('heading', { name: '逾時未回報案件' })).toBeVisible();
  await expect(page.getByTestId('overdue-total')).toHaveText('逾時未回報：3 筆');
  const rows = page.getByTestId('overdue-table').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  // Oldest deadline first = most days overdue first.
  const days = await rows.locator('td.num').allInnerTexts();
  const numbers = days.map((d) => Number.parseInt(d, 10));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  expect(numbers[0]).toBeGreaterThan(30);
  await expect(rows.first()).toContainText(late[0]!.case_no);
  await expect(rows.first()).toContainText(formatRocDateShort(taipeiDayOf(new Date(late[0]!.due_at))));
  await shot('overdue-list');

  // Keyboard: the first case number has focus; ↓ moves, ↑ comes back, Enter opens.
  const links = rows.locator('button.case-link');
  await expect(links.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(links.first()).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: `案件 ${late[0]!.case_no}` })).toBeVisible();
  const row = page.locator('.table--notifications tbody tr').filter({ hasText: late[0]!.item_code });
  await expect(row.locator('.badge--overdue')).toHaveText(`逾時（期限 ${formatRocDateShort(taipeiDayOf(new Date(late[0]!.due_at)))}）`);
  await shot('overdue-case');

  // Esc goes home from the case; and from the list.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: '臨櫃案件' })).toBeVisible();
  await button.click();
  await expect(page.getByRole('heading', { name: '逾時未回報案件' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: '臨櫃案件' })).toBeVisible();
});

test('a counter clerk has no overdue button (the call itself is refused: api/permissionMatrix.test.ts)', async ({ page }) => {
  await signInAt(page, 'clerk');
  await expect(page.getByTestId('overdue-button')).toHaveCount(0);
});

/**
 * The agency's side, on a host synced to a real platform whose clock the test moves: the demo's
 * past cases are delivered on 2026-11-26; forty days later the tax office's inbox flags the late
 * ones (computed by the platform) and filters to them.
 */
test.describe('agency inbox', () => {
  let platform: TestPlatform | null = null;

  test.beforeAll(async () => {
    platform = await startTestPlatform();
    await seedPlatformDemo(platform.store, platform.clock, platform.platform.deps.config.catalogue);
  });
  // The host syncs with this platform: it starts after it and closes before it (afterAll below).
  const agency = ownHost('overdue-inbox', { args: () => ['--platform', platform!.url] });
  test.afterAll(async () => {
    await platform?.close();
  });

  test('the tax office sees 逾時 on late rows and can list only those', async ({ page }) => {
    test.setTimeout(120_000);
    // Wait for the demo's past cases to reach the platform (delivered at its clock, 2026-11-26).
    await expect
      .poll(async () => (await platform!.store.counts()).notifications, { timeout: 60_000 })
      .toBeGreaterThan(300);
    await settledBacklog(agency.dbFile); // all of them: a row delivered after the clock moves is not late
    platform!.clock.set('2027-01-05T01:00:00.000Z'); // 40 days on: every 1-, 14- and 30-day limit has passed

    await signInOn(agency.host, page, 'tax');
    await expect(page.getByRole('heading', { name: '高雄市稅捐稽徵處 收件匣' })).toBeVisible();

    await page.getByTestId('inbox-overdue').check();
    const rows = page.locator('.table--inbox tbody tr');
    await expect(rows.first()).toBeVisible();
    const n = await rows.count();
    expect(n).toBeGreaterThan(10);
    // Every row listed is flagged, with its deadline in ROC form.
    await expect(rows.locator('.badge--overdue')).toHaveCount(n);
    await expect(rows.first().locator('.badge--overdue')).toHaveText(/^逾時（期限 115\/1[12]\/\d{2}）$/);
    await page.screenshot({ path: test.info().outputPath('overdue-agency-inbox.png') }); // the first screenful: hundreds of rows

    // Back to the normal list: today's deliveries filter is off, nothing of 2026-11-26 is closed, so all are flagged too.
    await page.getByTestId('inbox-overdue').uncheck();
    await expect(rows.first().locator('.badge--overdue')).toBeVisible();
  });
});
