import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { Readable } from 'node:stream';
import { PlatformError } from './errors';

/**
 * A fetch that trusts exactly the CA in IT's policy `platform.caFile` for https (a county platform
 * whose certificate comes from a private CA; like `curl --cacert`, the public roots do not apply to
 * it). Node's global fetch (undici) takes no CA option and NODE_EXTRA_CA_CERTS is read only at
 * process start, so https goes through node:https with an Agent holding the CA; the answer is a
 * standard Response, so the client handles both transports alike. Anything not https (the loopback
 * http the client allows) uses the global fetch.
 */
export function fetchTrustingCaFile(caFile: string): typeof fetch {
  let ca: Buffer;
  try {
    ca = readFileSync(caFile);
  } catch (e) {
    throw new PlatformError('config', 'PLATFORM_CA_UNREADABLE', `無法讀取政策指定的平台憑證機構檔案（platform.caFile：${caFile}）：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const agent = new Agent({ ca, keepAlive: true });
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (url.protocol !== 'https:') return fetch(input, init);
    return new Promise<Response>((resolve, reject) => {
      const req = request(url, { method: init.method ?? 'GET', headers: init.headers as Record<string, string>, agent, ...(init.signal ? { signal: init.signal } : {}) }, (res) => {
        const status = res.statusCode ?? 502;
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        // A Response cannot carry a body for these statuses.
        const bodiless = status === 204 || status === 205 || status === 304 || init.method === 'HEAD';
        if (bodiless) res.resume();
        resolve(new Response(bodiless ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, headers }));
      });
      req.on('error', reject);
      req.end(typeof init.body === 'string' ? init.body : undefined);
    });
  };
}
