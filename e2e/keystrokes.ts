import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Page } from '@playwright/test';

/**
 * Keystroke counts of the keyboard-only e2e flows, for `npm run bench` (bench/keystrokes.ts reads
 * them). One key press counts 1; typed text counts one per character — a CJK character is one,
 * although an IME needs several keys for it, the same in every flow so the counts compare.
 */
export const KEYSTROKES_FILE = resolve(process.env.NIN1_KEYSTROKES_FILE ?? '.data/keystrokes.json');

export type CountingKeyboard = { press(key: string): Promise<void>; type(text: string): Promise<void>; readonly count: number };

export function countingKeyboard(page: Page): CountingKeyboard {
  let count = 0;
  return {
    async press(key) {
      count += 1;
      await page.keyboard.press(key);
    },
    async type(text) {
      count += [...text].length;
      await page.keyboard.type(text);
    },
    get count() {
      return count;
    },
  };
}

/** Merges one flow's count into the file (other flows' counts stay). */
export function recordKeystrokes(flow: string, count: number): void {
  let all: Record<string, { keystrokes: number; at: string }> = {};
  try {
    all = JSON.parse(readFileSync(KEYSTROKES_FILE, 'utf8')) as typeof all;
  } catch {
    // first flow of the run
  }
  all[flow] = { keystrokes: count, at: new Date().toISOString() };
  mkdirSync(dirname(KEYSTROKES_FILE), { recursive: true });
  writeFileSync(KEYSTROKES_FILE, `${JSON.stringify(all, null, 2)}\n`);
}
