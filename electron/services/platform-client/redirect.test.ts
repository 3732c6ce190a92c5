import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformClient } from './client';

/**
 * A "platform" that answers every request with a redirect to a second server, which records what
 * reaches it: a client that followed would hand that server the bearer token.
 */
const reached: { path: string; auth: string | undefined }[] = [];
const elsewhere = createServer((req, res) => {
  reached.push({ path: req.url ?? '', auth: req.headers.authorization });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: 'ok', version: '0.1.0', storage: 'sqlite', time: '2026-11-26T02:30:00.000Z' }));
});
let target = '';
const redirecting = createServer((req, res) => {
  res.writeHead(307, { location: `${target}${req.url ?? ''}` });
  res.end();
});
const listen = (s: Server) => new Promise<string>((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
let url = '';
beforeAll(async () => {
  target = await listen(elsewhere);
  url = await listen(redirecting);
});
afterAll(() => {
  for (const s of [elsewhere, redirecting]) {
    s.closeAllConnections();
    s.close();
  }
});

describe('platform client and redirects', () => {
  it('finding 17-small: the platform client does not follow a redirect; it says where it pointed and sends the token nowhere else', async () => {
    const client = createPlatformClient({ baseUrl: url, token: 'secret-token' });
    await expect(client.call('health', {})).rejects.toMatchObject({
      kind: 'config',
      status: 307,
      error: { code: 'PLATFORM_REDIRECT_REFUSED', message: expect.stringContaining(target) },
    });
    expect(reached).toEqual([]);
  });
});
