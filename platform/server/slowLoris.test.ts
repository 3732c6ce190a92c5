import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_LIMITS, httpLimitsFromEnv, type HttpLimits } from './httpLimits';
import { openRaw, trickle, type RawExchange } from '../testing/rawSocket';
import { startTestPlatform, type TestPlatform } from '../testing/harness';

let t: TestPlatform | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const start = async (http: Partial<HttpLimits>) => {
  t = await startTestPlatform({ config: { http: { ...DEFAULT_HTTP_LIMITS, ...http } } });
  return t;
};

const ENROLL_HEAD = 'POST /v1/enroll HTTP/1.1\r\nHost: platform\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{';

/** The socket was closed by the server with the platform's own 408 ErrorBody. */
function expectTimedOut(x: RawExchange) {
  const text = x.received();
  expect(text.startsWith('HTTP/1.1 408')).toBe(true);
  expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'REQUEST_TIMEOUT', message: expect.stringMatching(/逾時/) } });
}

describe('HTTP server limits', () => {
  it('finding 2: slow-loris sockets on POST /v1/enroll (headers, then a byte every few hundred ms) are closed with 408', async () => {
    const p = await start({ headersTimeoutMs: 500, requestTimeoutMs: 1500 });
    const sockets = await Promise.all(Array.from({ length: 10 }, () => openRaw(p.url, ENROLL_HEAD)));
    for (const s of sockets) trickle(s, 200);
    await Promise.all(sockets.map((s) => s.closed));
    for (const s of sockets) expectTimedOut(s);
    // The server still answers everybody else.
    expect((await p.http.call('health', {})).status).toBe(200);
  });

  it('finding 2: a header block trickled one byte at a time is cut off by the headers timeout', async () => {
    const p = await start({ headersTimeoutMs: 500, requestTimeoutMs: 60_000 });
    const s = await openRaw(p.url, 'POST /v1/enroll HTTP/1.1\r\nHost: platform\r\n');
    trickle(s, 100, 'a');
    await s.closed;
    expectTimedOut(s);
  });

  it('finding 2: connections above the cap are dropped, the ones inside it are served', async () => {
    const p = await start({ maxConnections: 3 });
    const held = await Promise.all(Array.from({ length: 3 }, () => openRaw(p.url, 'GET /v1/health HTTP/1.1\r\nHost: platform\r\n')));
    await new Promise((r) => setTimeout(r, 100)); // let the server accept them
    const extra = await openRaw(p.url, 'GET /v1/health HTTP/1.1\r\nHost: platform\r\n\r\n');
    await extra.closed;
    expect(extra.received()).toBe(''); // dropped unanswered
    for (const h of held) h.socket.destroy();
  });

  it('finding 2: limits come from NIN1_HTTP_* and malformed values stop the start in zh-TW', () => {
    expect(httpLimitsFromEnv({})).toEqual(DEFAULT_HTTP_LIMITS);
    expect(httpLimitsFromEnv({ NIN1_HTTP_REQUEST_TIMEOUT_MS: '20000', NIN1_HTTP_MAX_CONNECTIONS: '500' })).toMatchObject({ requestTimeoutMs: 20_000, maxConnections: 500 });
    expect(() => httpLimitsFromEnv({ NIN1_HTTP_IDLE_TIMEOUT_MS: '1m' })).toThrow(/NIN1_HTTP_IDLE_TIMEOUT_MS.*格式不正確/);
    expect(() => httpLimitsFromEnv({ NIN1_HTTP_HEADERS_TIMEOUT_MS: '40000' })).toThrow(/不可大於/);
  });
});
