import { afterEach, describe, expect, it } from 'vitest';
import { endpointPath, endpoints } from '../../shared/platform/endpoints';
import { DEFAULT_RESOURCE_LIMITS, resourceLimitsFromEnv, type ResourceLimits } from './resourceLimits';
import { startTestPlatform, type TestPlatform } from '../testing/harness';
import { openSse } from '../testing/sse';

let t: TestPlatform | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const start = async (resources: Partial<ResourceLimits>, trustProxy: string | false = false) => {
  t = await startTestPlatform({ config: { resources: { ...DEFAULT_RESOURCE_LIMITS, ...resources }, trustProxy } });
  return t;
};

const upload = (p: TestPlatform, token: string, bytes: number, id?: string) =>
  p.http.call('uploadBatch', { body: { ...(id ? { id } : {}), receiverAgency: 'KH-TAX', dataset: 'doorplate-cancel', fileName: 'a.csv', mime: 'text/csv', contentBase64: Buffer.alloc(bytes, 65).toString('base64') } }, token);

describe('resource caps for authenticated clients', () => {
  it('finding 5: one token may hold only so many SSE streams; closing one frees its place; other tokens are not affected', async () => {
    const p = await start({ ssePerToken: 3 });
    const ws = await p.workstationToken();
    const url = `${p.url}${endpointPath(endpoints.events.path, {}, {})}`;
    const open = await Promise.all(Array.from({ length: 3 }, () => openSse(url, ws)));
    for (const s of open) await s.next('ready');
    const refused = await fetch(url, { headers: { authorization: `Bearer ${ws}` } });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: { code: 'TOO_MANY_STREAMS', message: expect.stringMatching(/連線過多.*上限 3/) } });
    const other = await openSse(url, await p.workstationToken('FS01', 'FS01-W02'));
    expect(other.status).toBe(200);
    open[0]!.close();
    // The server sees the close asynchronously: retry until the freed place is taken (no timing assumed).
    let again = await openSse(url, ws);
    while (again.status !== 200) {
      again.close();
      await new Promise((r) => setTimeout(r, 20));
      again = await openSse(url, ws);
    }
    for (const s of [...open, other, again]) s.close();
  });

  it('finding 5: batch uploads have a quota per sender per day (files and bytes); a duplicate retry is free; other senders unaffected', async () => {
    const p = await start({ batchFilesPerDay: 2, batchBytesPerDay: 1000 });
    const ws = await p.workstationToken();
    const id = '01890a5d-ac96-774b-bcce-b302099a8057';
    expect((await upload(p, ws, 100, id)).status).toBe(201);
    expect((await upload(p, ws, 100, id)).body).toMatchObject({ outcome: 'duplicate' });
    expect((await upload(p, ws, 950)).body.error?.code).toBe('QUOTA_EXCEEDED'); // bytes
    expect((await upload(p, ws, 100)).status).toBe(201);
    const refused = await upload(p, ws, 1);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toEqual({ code: 'QUOTA_EXCEEDED', message: expect.stringMatching(/每日上限/) });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const before = (await p.store.counts()).batches;
    expect((await upload(p, await p.workstationToken('FS01', 'FS01-W02'), 100)).status).toBe(201);
    expect((await p.store.counts()).batches).toBe(before + 1);
    p.clock.advance(86_400_000);
    expect((await upload(p, ws, 100)).status).toBe(201);
  });

  it('finding 5: anonymous refused requests write at most N message-log rows per client per minute; rows past retention are pruned', async () => {
    const p = await start({ unauthLogPerMinute: 5, messageLogDays: 30 });
    const rows = async () => (await p.store.messages({ limit: 100_000 })).length;
    const start0 = await rows();
    for (let i = 0; i < 40; i++) await p.http.call('agencyInbox', { params: { agency: 'KH-TAX' }, query: {} }, null);
    expect((await rows()) - start0).toBe(5);
    // Authenticated work is always logged.
    const tax = await p.agencyToken('KH-TAX');
    for (let i = 0; i < 10; i++) await p.http.call('agencyInbox', { params: { agency: 'KH-TAX' }, query: {} }, tax);
    const kept = await rows();
    expect(kept - start0).toBeGreaterThanOrEqual(15);

    // 31 days later, the old rows go as new ones are written (the first write after start prunes, then every 500th).
    p.clock.advance(31 * 86_400_000);
    const all = await p.store.messages({ limit: 100_000 });
    const cutoff = new Date(p.clock.now().getTime() - 30 * 86_400_000).toISOString();
    expect(all.every((m) => m.at < cutoff)).toBe(true);
    expect(await p.store.pruneMessages(cutoff, 3)).toBe(3); // paged
    expect(await p.store.pruneMessages(cutoff, 100_000)).toBe(kept - 3);
    expect(await rows()).toBe(0);
  });

  it('issue 14 §4: anonymous refusals from many addresses are capped in total too, per minute', async () => {
    // Behind a listed proxy each X-Forwarded-For is its own client: 4 clients × 3 refusals, 2 per client, 5 in all.
    const p = await start({ unauthLogPerMinute: 2, unauthLogTotalPerMinute: 5 }, '127.0.0.1');
    const refusals = async () => (await p.store.messages({ limit: 1000 })).filter((m) => m.client === null && m.status >= 400).length;
    const refuse = (ip: string) => fetch(`${p.url}/v1/agencies/KH-TAX/inbox`, { headers: { 'x-forwarded-for': ip } }).then((r) => r.arrayBuffer());
    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) for (let i = 0; i < 3; i++) await refuse(ip);
    expect(await refusals()).toBe(5);
    p.clock.advance(60_000);
    await refuse('198.51.100.9');
    expect(await refusals()).toBe(6);
  });

  it('finding 5: caps come from NIN1_* variables; malformed values stop the start in zh-TW', () => {
    expect(resourceLimitsFromEnv({})).toEqual(DEFAULT_RESOURCE_LIMITS);
    expect(resourceLimitsFromEnv({ NIN1_SSE_PER_TOKEN: '2', NIN1_BATCH_MIB_PER_DAY: '10', NIN1_UNAUTH_LOG_TOTAL_PER_MIN: '100' })).toMatchObject({ ssePerToken: 2, batchBytesPerDay: 10 * 1024 * 1024, unauthLogTotalPerMinute: 100 });
    expect(() => resourceLimitsFromEnv({ NIN1_MESSAGE_LOG_DAYS: 'forever' })).toThrow(/NIN1_MESSAGE_LOG_DAYS.*格式不正確/);
  });
});
