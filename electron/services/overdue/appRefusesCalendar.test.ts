import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createCounterApp } from '../app';
import { silentLogger } from '../logging/logger';
import { resourcePath } from '../resources';
import { tempDir } from '../testing/fixtures';

const tmp = tempDir('nin1-badcal-');
afterAll(() => {
  delete process.env.NIN1_RESOURCES_DIR;
  tmp.cleanup();
});

it('the counter refuses to start on a malformed office calendar, naming each bad entry (zh-TW)', () => {
  const catalogueDir = resourcePath('catalogue'); // resolved before the resources folder is redirected
  mkdirSync(join(tmp.dir, 'calendar'));
  writeFileSync(
    join(tmp.dir, 'calendar', 'holidays.json'),
    JSON.stringify({ version: 'x', source: 'test', years: [2026], days: [{ date: '2026-02-30', kind: 'holiday', name: '錯日' }, { date: '2026-05-01', kind: 'off', name: '勞動節' }] }),
  );
  process.env.NIN1_RESOURCES_DIR = tmp.dir; // this file's own module graph: the calendar is read here first
  let thrown: unknown = null;
  try {
    createCounterApp({ dbFile: tmp.file('c.sqlite'), create: true, shell: 'cli', logger: silentLogger(), catalogueDir });
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toMatchObject({ error: { code: 'CALENDAR_INVALID' } });
  const message = (thrown as { error: { message: string } }).error.message;
  expect(message).toMatch(/辦公日曆（.*holidays\.json）有 2 個錯誤，程式無法啟動/);
  expect(message).toContain('days.0.date');
  expect(message).toContain('days.1.kind');
});
