import { test as base, expect, type Page } from '@playwright/test';

/** The host URL with its launch token (`http://127.0.0.1:PORT/#token=…`), from global-setup. */
export const hostUrl = (): string => {
  const url = process.env.NIN1_HOST_URL;
  if (!url) throw new Error('NIN1_HOST_URL is not set: run through playwright.config.ts (global setup starts the host)');
  return url;
};

export const origin = (): string => new URL(hostUrl()).origin;

type Fixtures = {
  /** Saves a full-page screenshot under this test's output folder (test-results/…). */
  shot(name: string): Promise<void>;
};

export const test = base.extend<Fixtures>({
  shot: async ({ page }, use, testInfo) => {
    await use(async (name) => {
      await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
    });
  },
});

export { expect };

/** Opens the app and signs in with the keyboard only (type, Enter). */
export async function signIn(page: Page, username = 'clerk', password = 'demo1234'): Promise<void> {
  await page.goto(hostUrl());
  const user = page.getByLabel('帳號', { exact: true });
  await expect(user).toBeFocused();
  await page.keyboard.type(username);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('密碼', { exact: true })).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '臨櫃案件' })).toBeVisible();
}
