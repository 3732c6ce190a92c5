import { afterAll, describe, expect, it } from 'vitest';
import { makeContext, tempDir } from '../testing/fixtures';
import { enrolTestWorkstation, outboxStates, queueCases, TEST_SYNC_OPTIONS } from '../testing/syncFixtures';
import { createSyncRuntime } from '../sync/runtime';
import { createPlatformClient } from './client';
import { PlatformError } from './errors';
import { platformUrlProblem } from './secureUrl';

const tmp = tempDir('nin1-secure-url-');
afterAll(() => tmp.cleanup());

describe('plain http only on loopback (issue 13)', () => {
  it.each([
    ['https://nin1.kcg.gov.tw', null],
    ['https://10.0.0.5:8443/', null],
    ['http://127.0.0.1:8787', null],
    ['http://127.9.8.7:8787', null],
    ['http://[::1]:8787', null],
    ['http://localhost:8787', null],
    ['http://nin1.kcg.gov.tw', 'PLATFORM_URL_INSECURE'],
    ['http://10.0.0.5:8787', 'PLATFORM_URL_INSECURE'],
    ['http://127.0.0.1.example.com', 'PLATFORM_URL_INSECURE'],
    ['ftp://nin1.kcg.gov.tw', 'PLATFORM_URL_INVALID'],
    ['nin1.kcg.gov.tw', 'PLATFORM_URL_INVALID'],
  ] as const)('%s → %s', (url, code) => {
    const problem = platformUrlProblem(url);
    expect(problem?.code ?? null).toBe(code);
    if (problem) expect(problem.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('finding 13a: plain http to a remote host is refused by the client before anything is sent', async () => {
    let sent = 0;
    const client = createPlatformClient({ baseUrl: 'http://192.0.2.1:8787', fetch: (() => { sent++; throw new Error('must not be called'); }) as typeof fetch });
    const e = await client.call('health', {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PlatformError);
    expect(e).toMatchObject({ kind: 'config', retryable: false, error: { code: 'PLATFORM_URL_INSECURE' } });
    expect((e as PlatformError).error.message).toContain('https://');
    expect(sent).toBe(0);
  });

  it('finding 13a: a stored enrolment at a remote http URL sends nothing; the strip says why and no row is touched', async () => {
    const ctx = makeContext(tmp.file('stored.sqlite'));
    queueCases(ctx, 1);
    enrolTestWorkstation(ctx, 'http://192.0.2.1:8787'); // enrolled by an older release that allowed it
    const runtime = createSyncRuntime(ctx, { sync: TEST_SYNC_OPTIONS });
    const report = await runtime.engine()!.syncOnce('test');
    expect(report).toMatchObject({ sent: 0, remaining: 5, error: { code: 'PLATFORM_URL_INSECURE' } });
    expect(runtime.status().lastError).toMatchObject({ code: 'PLATFORM_URL_INSECURE' });
    expect(outboxStates(ctx)).toEqual({ pending: 5 });
    expect(ctx.db.prepare('SELECT MAX(attempts) FROM outbox').pluck().get()).toBe(0);
    await runtime.stop();
    ctx.db.close();
  });
});
