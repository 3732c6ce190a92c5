import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../services/testing/fixtures';
import { counterCli } from './testing/cli';

const tmp = tempDir('nin1-cli-');
afterAll(() => tmp.cleanup());

const { counter } = counterCli();
const fails = async (...args: string[]) => {
  try {
    await counter(...args);
  } catch (e) {
    return e as { code: number; stderr: string };
  }
  throw new Error('expected failure');
};

describe('npm run counter -- …', () => {
  const db = tmp.file('demo.sqlite');

  it('seed-demo creates a demo database with a few hundred cases of every life event, 遷徙 in table 4-17 proportions', async () => {
    const { stdout } = await counter('seed-demo', '--db', db);
    expect(stdout).toContain('已建立示範資料庫');
    const { stdout: json } = await counter('list-cases', '--db', db, '--json');
    const all = JSON.parse(json) as { caseNo: string; lifeEvent: string; itemCodes: string[] }[];
    expect(all.length).toBeGreaterThanOrEqual(200);
    // Every life event, 遷徙 the large majority (demo/lifeEventMix.ts); table 4-17 speaks of 遷徙 visits only.
    expect(new Set(all.map((c) => c.lifeEvent))).toEqual(new Set(['move', 'death', 'birth', 'assistance']));
    const cases = all.filter((c) => c.lifeEvent === 'move');
    expect(cases.length / all.length).toBeGreaterThan(0.6);
    const share = (code: string) => cases.filter((c) => c.itemCodes.includes(code)).length / cases.length;
    // 監理 licence changes dominate the notifications; more than half the 遷徙 visits needed the 稅單查證.
    expect(share('N08')).toBeGreaterThan(share('N01'));
    expect(share('N01')).toBeGreaterThan(share('N04'));
    expect(share('V01')).toBeGreaterThan(0.45);
    expect(share('V01')).toBeLessThan(0.65);
  });

  it('refuses to seed twice', async () => {
    const e = await fails('seed-demo', '--db', db);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('未重複建立');
  });

  it('print-form reprints a case as a PDF', async () => {
    const { stdout: json } = await counter('list-cases', '--db', db, '--json');
    const [first] = JSON.parse(json) as { caseNo: string }[];
    const out = tmp.file('form.pdf');
    const { stdout } = await counter('print-form', '--db', db, '--case', first!.caseNo, '--out', out);
    expect(stdout).toContain('已輸出');
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('explains bad usage and unknown cases in zh-TW', async () => {
    expect((await fails('list-cases')).stderr).toContain('缺少 --db');
    expect((await fails('frobnicate', '--db', db)).stderr).toContain('未知的指令');
    const missing = await fails('print-form', '--db', db, '--case', 'FS01-1151126-9999', '--out', tmp.file('x.pdf'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('查無案件');
    expect(existsSync(tmp.file('x.pdf'))).toBe(false);
  });
});
