import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../services/testing/fixtures';
import { hostLogger } from './hostLogger';

const tmp = tempDir('nin1-hostlog-');
afterAll(() => tmp.cleanup());

describe('browser host logging', () => {
  it('finding 13-b: on a terminal the JSON log goes to the log folder and the terminal gets one short line', async () => {
    const said: string[] = [];
    const { logger, logDir } = hostLogger(tmp.file('counter.sqlite'), true, (l) => said.push(l));
    expect(logDir).toBe(join(tmp.dir, 'logs'));
    expect(said).toEqual([`N合一臨櫃：啟動中…（記錄檔 / log files: ${logDir}）`]);
    for (let i = 0; i < 300; i++) logger.info({ i }, 'counter engine started');
    logger.flush();
    const files = readdirSync(logDir!);
    expect(files.length).toBeGreaterThan(0);
    const lines = readFileSync(join(logDir!, files[0]!), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(300);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'counter engine started', i: 0 });
  });

  it('piped (tests, CI, services) the JSON stream stays on stderr and nothing else is printed', () => {
    const said: string[] = [];
    expect(hostLogger(tmp.file('b.sqlite'), false, (l) => said.push(l)).logDir).toBeNull();
    expect(said).toEqual([]);
  });
});
