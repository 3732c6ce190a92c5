import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../services/clock';
import { makeContext, tempDir } from '../services/testing/fixtures';
import { freePort, startPlatformProcess, type Child } from '../services/testing/processes';
import { queueCases } from '../services/testing/syncFixtures';
import { counterCli } from './testing/cli';

const tmp = tempDir('nin1-cli-sync-');
const children: Child[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => c.kill9()));
  tmp.cleanup();
});

// No machine policy here (NIN1_POLICY_FILE points nowhere): the CLI acts as a demo workstation.
const env = { ...process.env, NIN1_POLICY_FILE: '/nonexistent/policy.json', NIN1_LOG_LEVEL: 'silent' };
const { counter } = counterCli(env);
const summary = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!) as { sent: number; delivered: number; failed: number; remaining: number };

function queuedDb(name: string, cases: number): string {
  const file = tmp.file(name);
  const ctx = makeContext(file, systemClock);
  queueCases(ctx, cases);
  ctx.db.close();
  return file;
}

describe('npm run counter -- enroll / sync', () => {
  it('enroll exchanges a code for the credential; sync drains once, exits 0 even with the platform down', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const db = queuedDb('counter.sqlite', 4); // 20 notifications

    let platform = await startPlatformProcess(port, tmp.file('platform.sqlite'));
    children.push(platform);
    const enrolled = await counter('enroll', '--db', db, '--platform', url, '--code', 'DEMO-FS01-W01');
    expect(enrolled.stdout).toMatch(/已向平台 http:\/\/127\.0\.0\.1:\d+ 註冊工作站 FS01-W01（FS01），憑證有效至 /);
    const wrong = await counter('enroll', '--db', db, '--platform', url, '--code', 'WRONG-CODE-123').catch((e: { code: number; stderr: string }) => e);
    expect(wrong).toMatchObject({ code: 2 });
    expect((wrong as { stderr: string }).stderr).toContain('註冊碼無效');

    await platform.kill9();
    const down = await counter('sync', '--db', db, '--platform', url, '--timeout', '2000');
    expect(summary(down.stdout)).toEqual({ sent: 0, delivered: 0, failed: 0, remaining: 20 });
    expect(down.stderr).toMatch(/同步未完成（PLATFORM_UNREACHABLE）：無法連線到平台/);

    platform = await startPlatformProcess(port, tmp.file('platform.sqlite'));
    children.push(platform);
    const up = await counter('sync', '--db', db, '--platform', url);
    expect(summary(up.stdout)).toEqual({ sent: 20, delivered: 20, failed: 0, remaining: 0 });
    const again = await counter('sync', '--db', db);
    expect(summary(again.stdout)).toEqual({ sent: 0, delivered: 0, failed: 0, remaining: 0 });
    await platform.kill9();
  }, 120_000);

  it('a demo workstation that was never enrolled enrols with the demo platform’s code on its first sync', async () => {
    const port = await freePort();
    const platform = await startPlatformProcess(port, tmp.file('platform2.sqlite'));
    children.push(platform);
    const db = queuedDb('fresh.sqlite', 2);
    const r = await counter('sync', '--db', db, '--platform', platform.url);
    expect(summary(r.stdout)).toEqual({ sent: 10, delivered: 10, failed: 0, remaining: 0 });
    expect(r.stderr).toContain('已以示範註冊碼');
    await platform.kill9();
  }, 120_000);
});
