import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformClient } from './client';
import { PlatformError } from './errors';
import { readSse } from './sse';

/** A server whose every answer is chosen by the test: status, headers and raw body (or a stall). */
let reply: (path: string) => { status: number; body: string; stallBodyMs?: number } = () => ({ status: 200, body: '{}' });
const seen: { auth?: string; requestId?: string; path: string }[] = [];
const server = createServer((req, res) => {
  seen.push({ auth: req.headers.authorization, requestId: req.headers['x-request-id'] as string, path: req.url ?? '' });
  const r = reply(req.url ?? '');
  res.writeHead(r.status, { 'content-type': 'application/json' });
  if (r.stallBodyMs) {
    res.write(r.body.slice(0, 5)); // headers and a little body, then nothing
    setTimeout(() => res.end(r.body.slice(5)), r.stallBodyMs);
  } else res.end(r.body);
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const health = { status: 'ok', version: '0.1.0', storage: 'sqlite', time: '2026-11-26T02:30:00.000Z' };
const failure = async (p: Promise<unknown>): Promise<PlatformError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof PlatformError) return e;
    throw e;
  }
  throw new Error('expected a PlatformError');
};

describe('platform client (typed from the endpoint table)', () => {
  it('sends the bearer token and a fresh X-Request-Id, builds the path, and returns the parsed answer', async () => {
    reply = () => ({ status: 200, body: JSON.stringify({ changes: [], nextCursor: 5, more: false }) });
    const client = createPlatformClient({ baseUrl: `${url}/`, token: () => 'tok-1' });
    const r = await client.call('officeChanges', { params: { office: 'FS01' }, query: { cursor: 5, limit: 10 } });
    expect(r).toEqual({ changes: [], nextCursor: 5, more: false });
    const last = seen[seen.length - 1]!;
    expect(last).toMatchObject({ auth: 'Bearer tok-1', path: '/v1/offices/FS01/changes?cursor=5&limit=10' });
    expect(last.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
  });

  it('refuses to send a request that breaks the table, before any network', async () => {
    const before = seen.length;
    const e = await failure(createPlatformClient({ baseUrl: url }).call('officeChanges', { params: { office: 'fs 01' }, query: {} }));
    expect(e).toMatchObject({ kind: 'request-invalid', retryable: false });
    expect(e.error.message).toContain('送往平台的資料不正確');
    expect(seen.length).toBe(before);
  });

  it.each([
    ['401 with the platform body', 401, JSON.stringify({ error: { code: 'AUTH_EXPIRED', message: '平台憑證已過期，請重新註冊' } }), 'auth', 'AUTH_EXPIRED', false],
    ['422 with the platform body', 422, JSON.stringify({ error: { code: 'ITEM_UNKNOWN', message: '未知的通報／檢證項目代碼' } }), 'http', 'ITEM_UNKNOWN', false],
    ['503 without a body', 503, '<html>busy</html>', 'http', 'PLATFORM_HTTP_503', true],
    ['200 that is not JSON', 200, '<html>proxy login</html>', 'invalid-json', 'PLATFORM_INVALID_JSON', true],
    ['200 of the wrong shape', 200, JSON.stringify({ status: 'fine' }), 'wrong-shape', 'PLATFORM_WRONG_SHAPE', true],
  ] as const)('%s → %s / %s (retryable %s)', async (_name, status, body, kind, code, retryable) => {
    reply = () => ({ status, body });
    const e = await failure(createPlatformClient({ baseUrl: url }).call('health', {}));
    expect(e).toMatchObject({ kind, status, retryable, error: { code } });
    expect(e.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a body that stalls after the headers is a timeout', async () => {
    reply = () => ({ status: 200, body: JSON.stringify(health), stallBodyMs: 2000 });
    const e = await failure(createPlatformClient({ baseUrl: url, timeoutMs: 200 }).call('health', {}));
    expect(e).toMatchObject({ kind: 'timeout', retryable: true, error: { code: 'PLATFORM_TIMEOUT' } });
  });

  it('an aborted call is cancelled, not a network error', async () => {
    reply = () => ({ status: 200, body: JSON.stringify(health), stallBodyMs: 2000 });
    const controller = new AbortController();
    const p = createPlatformClient({ baseUrl: url }).call('health', {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await failure(p)).toMatchObject({ kind: 'cancelled', retryable: false });
  });
});

describe('readSse', () => {
  it('reads events split across chunks, CRLF lines and comments', async () => {
    const chunks = ['event: ready\r\ndata: {"scope":"office"}\r\n\r\n: ping\n\nevent: chan', 'ged\ndata: {"scope":"office",\r', '\ndata: "cursor":3}\n\n'];
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const s of chunks) c.enqueue(new TextEncoder().encode(s));
        c.close();
      },
    });
    const out = [];
    for await (const m of readSse(body)) out.push(m);
    expect(out).toEqual([
      { event: 'ready', data: '{"scope":"office"}' },
      { event: 'comment', data: '' },
      { event: 'changed', data: '{"scope":"office",\n"cursor":3}' },
    ]);
  });
});
