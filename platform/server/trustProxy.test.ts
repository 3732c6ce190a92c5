import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROGRESS_LIMITS } from '../progress/limits';
import { startTestPlatform, type TestPlatform } from '../testing/harness';
import { trustProxyFromEnv } from './trustProxy';

let tp: TestPlatform | null = null;
afterEach(async () => {
  await tp?.close();
  tp = null;
});

/** Three wrong lookups from one claimed client, then one from another; per-IP limit 2. */
async function statuses(trustProxy: string | false): Promise<number[]> {
  tp = await startTestPlatform({
    config: { trustProxy, progressLimits: { ...DEFAULT_PROGRESS_LIMITS, perIp: { max: 2, windowMs: 900_000 }, perCase: { max: 1000, windowMs: 900_000 } } },
  });
  const t = tp;
  const from = (ip: string, n: number) =>
    t.http.raw('POST', '/v1/progress', { body: JSON.stringify({ caseNo: `FS01-1151126-000${n}`, code: 'K7PX3QMZ' }), headers: { 'x-forwarded-for': ip } });
  const out: number[] = [];
  for (let i = 1; i <= 3; i++) out.push((await from('203.0.113.1', i)).status);
  out.push((await from('203.0.113.2', 4)).status);
  return out;
}

describe('NIN1_TRUST_PROXY', () => {
  it('reads addresses and CIDR ranges; refuses anything else in zh-TW', () => {
    expect(trustProxyFromEnv({})).toBe(false);
    expect(trustProxyFromEnv({ NIN1_TRUST_PROXY: ' 10.0.0.5, 10.1.0.0/16,::1 ' })).toBe('10.0.0.5,10.1.0.0/16,::1');
    expect(() => trustProxyFromEnv({ NIN1_TRUST_PROXY: '10.0.0.5,proxy.example,10.0.0.0/33' })).toThrow(/NIN1_TRUST_PROXY 格式不正確：「proxy.example」、「10.0.0.0\/33」/);
  });

  it('off: X-Forwarded-For is ignored, so a caller cannot pick a fresh address to dodge the per-IP limit', async () => {
    expect(await statuses(false)).toEqual([404, 404, 429, 429]);
  });

  it('behind a listed proxy: each citizen has their own per-IP limit', async () => {
    expect(await statuses('127.0.0.1,::1')).toEqual([404, 404, 429, 404]);
  });
});
