import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../services/testing/fixtures';
import { counterCli } from './testing/cli';

const tmp = tempDir('nin1-cli-init-');
afterAll(() => tmp.cleanup());
const env = { ...process.env, NIN1_POLICY_FILE: tmp.file('no-policy.json') };
type Failed = { code: number; stderr: string };
const { counter } = counterCli(env);
const failing = (...args: string[]) => counter(...args).then(() => ({ code: 0, stderr: '' }), (e: Failed) => e);

describe('npm run counter -- init, and commands on a file that is not a database', () => {
  it('finding 13-3: list-cases and backup refuse a zero-byte file; only init (or seed-demo) creates a database', async () => {
    const empty = tmp.file('e.sqlite');
    writeFileSync(empty, '');
    const listed = await failing('list-cases', '--db', empty);
    expect(listed.code).toBe(2);
    expect(listed.stderr).toContain('DB_EMPTY_FILE');
    const backup = await failing('backup', '--db', empty, '--to', tmp.file('b'));
    expect(backup.code).toBe(2);
    expect(backup.stderr).toContain('DB_EMPTY_FILE');
    expect(existsSync(tmp.file('b')) ? readdirSync(tmp.file('b')) : []).toEqual([]);

    // (a missing path is refused the same way: db/open.test.ts)
    const db = tmp.file('new.sqlite');
    expect((await counter('init', '--db', db)).stdout).toContain('已建立新資料庫');
    const again = await failing('init', '--db', db);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('DB_EXISTS');
  }, 240_000); // four CLI processes, each a cold tsx start
});
