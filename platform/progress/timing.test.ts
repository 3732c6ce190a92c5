import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProgressRecord } from '../../electron/services/progress/hash';
import { n04LandEnvelope, notificationEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';

/**
 * "Wrong code → no data, no timing difference worth measuring": wrong-code and unknown-case
 * requests are interleaved (random order within each pair, so drift and load spikes on a busy
 * 2-core machine hit both alike) over real loopback HTTP, and their medians compared with a generous
 * tolerance. By design both paths do the same work (one indexed read, one HMAC against the record or
 * a dummy, one timingSafeEqual, the same error), so any real difference is microseconds against a
 * millisecond-scale request; the tolerance only has to absorb noise, not a design difference.
 */
const PAIRS = 300;
const WARMUP = 40;

let t: TestPlatform;
beforeAll(async () => {
  const unlimited = { max: 1_000_000, windowMs: 900_000 };
  t = await startTestPlatform({ config: { checkResponses: false, progressLimits: { perCase: unlimited, perIp: unlimited, maxKeys: 1_000_000 } } });
  const token = await t.workstationToken();
  const progress = makeProgressRecord('FS01-1151126-0777', 'K7PX3QMZ', 1);
  const notifications = [notificationEnvelope({ caseNo: 'FS01-1151126-0777', progress }), n04LandEnvelope({ caseNo: 'FS01-1151126-0777', progress })];
  expect((await t.http.call('submitNotifications', { body: { notifications } }, token)).status).toBe(200);
});
afterAll(async () => t.close());

async function timedLookup(caseNo: string): Promise<number> {
  const body = JSON.stringify({ caseNo, code: 'WRQNGC2D' });
  const start = performance.now();
  const res = await fetch(`${t.url}/v1/progress`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.arrayBuffer();
  const ms = performance.now() - start;
  if (res.status !== 404) throw new Error(`expected 404, got ${res.status}`);
  return ms;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

describe('progress lookup timing', () => {
  it('wrong code and unknown case take the same time (interleaved medians within a generous tolerance)', async () => {
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < WARMUP + PAIRS; i++) {
      // Unknown cases differ each time (as an attacker's probes would); the known case stays the same.
      const other = `FS01-1151126-${String(1000 + i).padStart(4, '0')}`;
      const wrongFirst = Math.random() < 0.5;
      const a = await timedLookup(wrongFirst ? 'FS01-1151126-0777' : other);
      const b = await timedLookup(wrongFirst ? other : 'FS01-1151126-0777');
      if (i < WARMUP) continue;
      wrong.push(wrongFirst ? a : b);
      unknown.push(wrongFirst ? b : a);
    }
    const mw = median(wrong);
    const mu = median(unknown);
    // The median of the per-pair differences: each pair ran back to back, so load that comes and goes
    // cancels out (far steadier than the difference of the two medians on a shared machine).
    const paired = median(wrong.map((w, i) => w - unknown[i]!));
    const tolerance = Math.max(0.5, 0.25 * median([...wrong, ...unknown]));
    console.log(
      `progress lookup over ${PAIRS} pairs: median wrong code ${mw.toFixed(3)} ms, unknown case ${mu.toFixed(3)} ms; median paired difference ${paired.toFixed(3)} ms (tolerance ${tolerance.toFixed(3)} ms)`,
    );
    expect(Math.abs(paired)).toBeLessThan(tolerance);
  }, 120_000);
});
